#!/usr/bin/env bash
# Role: `make spark-test`: installs Java 17 (apt-get, when missing and root) and pyspark (scale/.venv), runs
# scale/spark/embed_counts.py on local[2] over the shipped corpus split into several files, reading them both
# ways (Spark piping lines; embed reading whole files, one of them .zst), and checks that vocab.txt and cooc.bin
# are byte for byte what single-node `embed vocab` and `embed cooccur` write.
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
# $1: how the job reads the input (files: embed reads whole files; lines: Spark pipes them), $2: --shuffle or
# "", then the inputs and flags.
check() {
  local read="$1" shuffle="$2"; shift 2
  local work="$OUT/work-$read" start end
  start=$(date +%s.%N)
  "$VENV/bin/python" scale/spark/embed_counts.py "$@" --work "$work" --embed "$EMBED" --master 'local[2]' \
    --min-count 3 --window 10 --memory 0.5 --ranges 3 $shuffle --read "$read" 2> "$OUT/spark-$read.log" \
    || { tail -20 "$OUT/spark-$read.log"; exit 1; }
  end=$(date +%s.%N)
  cmp "$OUT/single-vocab.txt" "$work/vocab.txt"
  cmp "$OUT/single-cooc.bin" "$work/cooc.bin"
  # The shuffled copy: the same records in another order.
  [ -z "$shuffle" ] || cmp <(od -An -v -tx1 -w16 "$work/cooc.shuf.bin" | sort) <(od -An -v -tx1 -w16 "$OUT/single-cooc.bin" | sort)
  awk -v a="$t0" -v b="$t1" -v c="$start" -v d="$end" -v r="$read" 'BEGIN { printf "spark-test (--read %s): vocab.txt and cooc.bin identical to single-node (%.1f s single-node, %.1f s Spark local[2])\n", r, b - a, d - c }'
}
check lines --shuffle "$OUT/in" --partitions "$PARTS"
zstd -q --rm "$OUT/in/part-01"
check files "" "$OUT/in" --partitions 3         # 6 files (one empty, one .zst) in 3 groups of about equal size
rm -rf "$OUT"
