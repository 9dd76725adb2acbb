#!/usr/bin/env bash
# Role: Spark benchmark: wiki17m split into 8 files, single-node `embed vocab` + `embed cooccur` against
# scale/spark/embed_counts.py on local[2], reading whole files (the default for local paths) and piping lines
# (as for HDFS/S3), with Spark's fixed start and stop apart (wall, CPU, peak RSS; outputs must be identical);
# SPARK_COPIES=4 also runs both on the corpus 4 times over (32 files), where that fixed cost weighs less; Spark MLlib
# Word2Vec (numPartitions 1 and 2) against `embed train skipgram` at comparable settings (time, Google analogy
# at 30k through `embed analogy`). Needs Java 17 and pyspark + numpy in scale/.venv (make spark-test installs
# pyspark). Env: SPARK_COPIES ("1"; "1 4" adds the 4x corpus), MLLIB_ITERATIONS ("1"; "1 5" adds maxIter 5), MLLIB_PARTITIONS ("1 2"), SKIP_MLLIB=1.
set -euo pipefail
source "$(dirname "$0")/common.sh"
corpus="$data/corpora/wiki17m.txt.zst"
questions="$data/eval/questions-words.txt"
spy="$repo/scale/.venv/bin/python"
out="$here/out/spark"
[ -f "$corpus" ] || { echo "spark bench: $corpus not found (set EMBED_SHARED_DATA)"; exit 1; }
[ -x "$spy" ] && "$spy" -c 'import pyspark, numpy' 2>/dev/null \
  || { echo "spark bench: run make spark-test first, then scale/.venv/bin/pip install numpy"; exit 1; }
ensure_embed
require_time spark
rm -rf "$out"; mkdir -p "$out/in"
zstd -dc "$corpus" > "$out/all.txt"
split -n l/8 -d "$out/all.txt" "$out/in/part-"
rm "$out/all.txt"

# $1 label, rest: command. Prints wall s, CPU s (user+sys), peak RSS of the largest process (MB), and for
# process trees the peak of the summed RSS of the whole process group (sampled every 0.5 s). The CPU figure of
# the Spark runs is not meaningful: /usr/bin/time sees only waited-for children, and the JVM is not waited for.
measure() {
  local label="$1"; shift
  local log="$out/$label.time"
  setsid /usr/bin/time -v "$@" > "$out/$label.out" 2> "$log" &
  local pid=$! peak=0
  while kill -0 "$pid" 2>/dev/null; do
    local sum; sum=$(ps -o rss= -g "$pid" 2>/dev/null | awk '{s += $1} END {print s + 0}' || true)
    [ "$sum" -gt "$peak" ] && peak=$sum
    sleep 0.5
  done
  wait "$pid" || { echo "spark bench: $label failed"; tail -5 "$log"; exit 1; }
  awk -v label="$label" -v tree="$peak" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 } /Maximum resident/ { rss = $2 / 1024 }
    END { printf "%-34s wall %7.1f s  CPU %7.1f s  peak RSS %6.0f MB (process group %6.0f MB)  load %s\n",
          label, wall, cpu, rss, tree / 1024, load }' "$log" | tee -a "$out/results.txt"
}

# $1 copies of the corpus (hard links, so the counts are k times wiki17m's): single node, then Spark both ways.
counts_at() {
  local k="$1" in="$out/in" tag=""
  if [ "$k" != 1 ]; then
    in="$out/in-x$k"; tag="-x$k"; rm -rf "$in"; mkdir -p "$in"
    for c in $(seq 1 "$k"); do for f in "$out"/in/part-*; do ln "$f" "$in/$(basename "$f")-copy$c"; done; done
  fi
  measure "single-vocab$tag" "$embed" vocab "$in" -o "$out/single-vocab.txt" --min-count 5 --quiet
  measure "single-cooccur$tag" "$embed" cooccur "$in" --vocab "$out/single-vocab.txt" -o "$out/single-cooc.bin" \
    --window 10 --memory 1 --threads 2 --quiet
  local read
  for read in files lines; do
    local label="spark-embed-counts-$read$tag" parts=()
    [ "$read" = lines ] && parts=(--partitions $((8 * k)))
    rm -rf "$out/work"
    measure "$label" "$spy" "$repo/scale/spark/embed_counts.py" "$in" --work "$out/work" --embed "$embed" \
      --master 'local[2]' --min-count 5 --window 10 --memory 0.5 --ranges 2 --read "$read" "${parts[@]}"
    cmp "$out/single-vocab.txt" "$out/work/vocab.txt" && cmp "$out/single-cooc.bin" "$out/work/cooc.bin" \
      && echo "  identical: vocab.txt and cooc.bin (Spark job = single-node)" | tee -a "$out/results.txt"
    grep '^embed_counts:' "$out/$label.out" | sed 's/^/  /' | tee -a "$out/results.txt"
    "$spy" - "$out" "$tag" "$label" "$here" <<'PY' | tee -a "$out/results.txt"
import re, sys
out, tag, label, bench = sys.argv[1:]
sys.path.insert(0, bench)
from skipgram import time_v
def wall(name):
    return time_v("%s/%s.time" % (out, name))[0]
single = wall("single-vocab" + tag) + wall("single-cooccur" + tag)
spark = wall(label)
fixed = sum(float(m.group(1)) for m in re.finditer(r"Spark context (?:start|stop)\s+([\d.]+) s",
                                                     open("%s/%s.out" % (out, label)).read()))
print("  Spark / single-node wall: %.1f s / %.1f s = %.2fx; without Spark's context start and stop (%.1f s): %.2fx"
      % (spark, single, spark / single, fixed, (spark - fixed) / single))
PY
  done
  [ "$k" = 1 ] || rm -rf "$in"
}

echo "load before: $(uptime)" | tee "$out/results.txt"
for k in ${SPARK_COPIES:-1}; do counts_at "$k"; done
rm -rf "$out/work/cooc" "$out/work/counts" "$out/single-cooc.bin" "$out/work/cooc.bin"

analogy() { "$embed" analogy "$1" "$questions" --restrict 30000 --json | "$spy" -c 'import json,sys; d=json.load(sys.stdin); print("%.1f%%" % (100*d["total"]["accuracy"]))'; }
measure embed-skipgram-hs-1epoch "$embed" train skipgram "$out/in" -o "$out/embed-hs.txt" --dim 100 --window 5 \
  --loss hs --epochs 1 --min-count 5 --threads 2 --sample 1e-3 --quiet
echo "  analogy (30k): $(analogy "$out/embed-hs.txt")" | tee -a "$out/results.txt"
measure embed-skipgram-ns-1epoch "$embed" train skipgram "$out/in" -o "$out/embed-ns.txt" --dim 100 --window 5 \
  --negative 5 --epochs 1 --min-count 5 --threads 2 --sample 1e-3 --quiet
echo "  analogy (30k): $(analogy "$out/embed-ns.txt")" | tee -a "$out/results.txt"
if [ "${SKIP_MLLIB:-0}" != 1 ]; then
  for iters in ${MLLIB_ITERATIONS:-1}; do
    for parts in ${MLLIB_PARTITIONS:-1 2}; do
      label="mllib-word2vec-p$parts-iter$iters"
      measure "$label" "$spy" "$here/spark_word2vec.py" "$out/in" "$out/$label.txt" --partitions "$parts" --iterations "$iters"
      echo "  $(grep mllib_word2vec_seconds "$out/$label.out") analogy (30k): $(analogy "$out/$label.txt")" | tee -a "$out/results.txt"
    done
  done
fi
echo "load after: $(uptime)" | tee -a "$out/results.txt"
