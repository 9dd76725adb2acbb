#!/usr/bin/env bash
# Role: benchmark of `embed train skipgram` against gensim 4.4.0 Word2Vec on wiki17m (skip-gram, negative 5,
# dim 100, window 5, sample 1e-4, 5 epochs, min-count 5, 2 threads), both run here, evaluated by the same
# evaluator (gensim's): wall time, words/s, peak RSS, analogy at 30k, WordSim-353, SimLex-999, ratios.
# embed runs once per kernel variant (EMBED_SIMD) this processor has, unless --simd names some.
# --budget (issue 19) runs gensim, then embed with gensim's whole wall time as --time-budget, once with gensim's
# settings (no --epochs) and once with no settings at all (its corpus-chosen defaults), and compares quality.
# Usage: bash bench/skipgram.sh [--threads N] [--epochs N] [--corpus PATH.zst] [--skip-gensim] [--simd "avx2 avx512"]
#        bash bench/skipgram.sh --budget [--threads N] [--corpus PATH.zst]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
data="${EMBED_SHARED_DATA:-$root/../shared/data}"
venv="${BENCH_VENV:-$here/.venv}"
corpus="$data/corpora/wiki17m.txt.zst"
source "$here/common.sh"
threads=2 epochs=5 skip_gensim=0 simd="$(simd_variants)" budget=0
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --skip-gensim) skip_gensim=1; shift ;;
    --simd) simd="$2"; shift 2 ;;
    --budget) budget=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$corpus" ] || { echo "skipgram bench: corpus not found: $corpus" >&2; exit 1; }
[ -x "$venv/bin/python" ] || bash "$here/setup_venv.sh"
out="$here/out"; mkdir -p "$out"
embed="$root/.build/release/embed"
[ -x "$embed" ] || (cd "$root" && swift build -c release --product embed >/dev/null)
python="$venv/bin/python"
eval_args=(--analogies "$data/eval/questions-words.txt" --wordsim "$data/eval/wordsim353.tsv" --simlex "$data/eval/simlex999.txt")
settings=(--dim 100 --window 5 --negative 5 --sample 1e-4 --epochs "$epochs" --min-count 5 --threads "$threads")

# gensim reads plain text (LineSentence); decompressing is not counted in either tool's time.
plain="$out/$(basename "$corpus" .zst)"
[ -f "$plain" ] || zstd -qdc "$corpus" > "$plain"

echo "corpus $corpus, ${threads} threads, ${epochs} epochs, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

gensim_run() {
  /usr/bin/time -v "$python" "$here/skipgram.py" train-gensim "$plain" "$out/skipgram_gensim.txt" "${settings[@]}" \
    > "$out/skipgram_gensim_train.json" 2> "$out/skipgram_gensim.log"
  "$python" "$here/skipgram.py" evaluate "$out/skipgram_gensim.txt" "${eval_args[@]}" > "$out/skipgram_gensim_eval.json"
}

if [ "$budget" = 1 ]; then
  rm -f "$out"/skipgram_budget_*
  gensim_run
  seconds=$("$python" -c 'import sys; sys.path.insert(0, sys.argv[1]); import skipgram; print("%.1f" % skipgram.time_v(sys.argv[2])[0])' \
    "$here" "$out/skipgram_gensim.log")
  echo "gensim took $seconds s: embed's --time-budget ${seconds}s"
  same=(--dim 100 --window 5 --negative 5 --sample 1e-4 --min-count 5 --threads "$threads")
  auto=(--min-count 5 --threads "$threads")
  for name in same auto; do
    declare -n flags="$name"
    /usr/bin/time -v "$embed" train skipgram "$corpus" -o "$out/skipgram_budget_$name.txt" "${flags[@]}" \
      --time-budget "${seconds}s" --seed 1 2> "$out/skipgram_budget_$name.log"
    "$python" "$here/skipgram.py" evaluate "$out/skipgram_budget_$name.txt" --no-header "${eval_args[@]}" \
      > "$out/skipgram_budget_${name}_eval.json"
    rm -f "$out/skipgram_budget_$name.txt"
  done
  "$python" "$here/skipgram.py" budget-report --out "$out" --epochs "$epochs" | tee "$out/skipgram_budget_report.txt"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

rm -f "$out"/skipgram_embed_*.log "$out"/skipgram_embed_*_eval.json
for v in $simd; do
  EMBED_SIMD="$v" /usr/bin/time -v "$embed" train skipgram "$corpus" -o "$out/skipgram_embed.txt" "${settings[@]}" \
    --seed 1 2> "$out/skipgram_embed_$v.log"
  "$python" "$here/skipgram.py" evaluate "$out/skipgram_embed.txt" --no-header "${eval_args[@]}" \
    > "$out/skipgram_embed_${v}_eval.json"
done

[ "$skip_gensim" = 1 ] || gensim_run

"$python" "$here/skipgram.py" report --out "$out" --epochs "$epochs" --simd "$simd" | tee "$out/skipgram_report.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
