#!/usr/bin/env bash
# Role: benchmark of `embed train skipgram --subwords` against fastText's own subword skip-gram (pip
# fasttext-wheel, train_unsupervised) on wiki17m at the same settings (dim 100, window 5, negative 5, minn 3,
# maxn 6, t 1e-4, min-count 5, 5 epochs, 2 threads), both run here: wall and CPU time, words per CPU-second,
# peak RSS; both models scored by the same evaluator (`embed eval`, analogy at 30k, WS-353, SimLex-999, with and
# without OOV words through n-grams); and each tool reading the other's .bin (the vectors must agree).
# Usage: bash bench/subwords.sh [--threads N] [--epochs N] [--corpus PATH.zst] [--skip-fasttext]
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"
corpus="$data/corpora/wiki17m.txt.zst"
threads=2 epochs=5 skip_fasttext=0
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --skip-fasttext) skip_fasttext=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$corpus" ] || { echo "subwords bench: corpus not found: $corpus" >&2; exit 1; }
ensure_embed; ensure_venv; require_time subwords
out="$here/out/subwords"; mkdir -p "$out"
plain="$out/$(basename "$corpus" .zst)"        # fastText reads plain text; decompressing is not timed
[ -f "$plain" ] || zstd -qdc "$corpus" > "$plain"
echo "corpus $corpus, $threads threads, $epochs epochs, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/time -v "$embed" train skipgram "$corpus" --subwords --minn 3 --maxn 6 --buckets 2000000 --dim 100 \
  --window 5 --negative 5 --sample 1e-4 --min-count 5 --epochs "$epochs" --threads "$threads" \
  -o "$out/embed.bin" --quiet 2> "$out/embed.time"
if [ "$skip_fasttext" = 0 ]; then
  /usr/bin/time -v "$python" "$here/subwords_fasttext.py" train "$plain" "$out/fasttext.bin" --threads "$threads" \
    --epochs "$epochs" > "$out/fasttext.log" 2> "$out/fasttext.time"
fi
echo "load after training: $(cut -d' ' -f1-3 /proc/loadavg)"

eval_sets=(--questions "$data/eval/questions-words.txt" --similarity "$data/eval/wordsim353.tsv" "$data/eval/simlex999.txt")
for tool in embed fasttext; do
  [ -f "$out/$tool.bin" ] || continue
  "$embed" eval "$out/$tool.bin" "${eval_sets[@]}" --restrict 30000 --oov subwords --json --quiet > "$out/$tool.eval.json"
done
# Interoperability: each tool's vectors of the other's model, for known and never-seen words.
"$python" "$here/subwords_fasttext.py" agree "$embed" "$out" > "$out/agree.json"
"$python" "$here/subwords_fasttext.py" report "$out" --epochs "$epochs" | tee "$out/report.txt"
