#!/usr/bin/env bash
# Role: `make spark-test`: installs Java 17 (apt-get, when missing and root) and pyspark (scale/.venv), runs
# scale/spark/embed_counts.py on local[2] over the shipped corpus split into several files, and checks that
# vocab.txt and cooc.bin are byte for byte what single-node `embed vocab` and `embed cooccur` write.
set -euo pipefail
cd "$(dirname "$0")/../.."
EMBED=${EMBED:-$PWD/.build/release/embed}
VENV=scale/.venv
OUT=${OUT:-scale/out/spark-test}
PARTS=${PARTS:-5}

if ! java -version >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "spark-test: installing openjdk-17-jre-headless with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  else
    echo "spark-test: Spark needs Java 17: run  sudo apt-get install openjdk-17-jre-headless"; exit 1
  fi
fi
if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  echo "spark-test: installing pyspark into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyspark
fi

rm -rf "$OUT"
mkdir -p "$OUT/in"
zstd -dc corpora/wiki/enwiki-sample.txt.zst > "$OUT/all.txt"
split -n "l/$PARTS" -d "$OUT/all.txt" "$OUT/in/part-"
: > "$OUT/in/part-empty"                    # an empty file: an empty partition must be harmless

t0=$(date +%s.%N)
"$EMBED" vocab "$OUT/all.txt" -o "$OUT/single-vocab.txt" --min-count 3 --quiet
"$EMBED" cooccur "$OUT/all.txt" --vocab "$OUT/single-vocab.txt" -o "$OUT/single-cooc.bin" --window 10 --memory 1 --quiet
t1=$(date +%s.%N)
"$VENV/bin/python" scale/spark/embed_counts.py "$OUT/in" --work "$OUT/work" --embed "$EMBED" --master 'local[2]' \
  --min-count 3 --window 10 --memory 0.5 --partitions "$PARTS" --ranges 3 --shuffle 2> "$OUT/spark.log" \
  || { tail -20 "$OUT/spark.log"; exit 1; }
t2=$(date +%s.%N)

cmp "$OUT/single-vocab.txt" "$OUT/work/vocab.txt"
cmp "$OUT/single-cooc.bin" "$OUT/work/cooc.bin"
# The shuffled copy: the same records in another order.
cmp <(od -An -v -tx1 -w16 "$OUT/work/cooc.shuf.bin" | sort) <(od -An -v -tx1 -w16 "$OUT/single-cooc.bin" | sort)
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "spark-test: vocab.txt and cooc.bin identical to single-node (%.1f s single-node, %.1f s Spark local[2])\n", b - a, c - b }'
rm -rf "$OUT"
