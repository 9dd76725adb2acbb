#!/usr/bin/env bash
# Role: evaluation benchmark: embed's analogy (3CosAdd, 3CosMul) and word-similarity figures on Stanford's
# glove.6B.50d against gensim 4.4.0 and a direct numpy 3CosMul, section by section, with times and ratios.
set -euo pipefail
source "$(dirname "$0")/common.sh"
input="$data/vectors/glove.6B.50d.txt.zst"
out="$here/out/eval"

[ -f "$input" ] || { echo "eval: $input not found (set EMBED_SHARED_DATA)"; exit 1; }
ensure_venv
ensure_embed
require_time eval
rm -rf "$out" && mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

# gensim reads plain text only (no zstd module installed): both tools get the same decompressed file.
zstd -q -dc "$input" > "$out/glove.6B.50d.txt"

"$python" "$here/eval_compare.py" --embed "$embed" --vectors "$out/glove.6B.50d.txt" --vectors-zst "$input" \
  --questions "$data/eval/questions-words.txt" --pairs "$data/eval/wordsim353.tsv" "$data/eval/simlex999.txt" \
  --restrict 30000 --limit 300000 --work "$out"
