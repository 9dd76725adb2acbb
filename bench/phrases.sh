#!/usr/bin/env bash
# Role: benchmark of `embed phrases` against gensim 4.4.0 Phrases on wiki17m (min-count 5, threshold 100,
# word2phrase's score; then npmi 0.5), both run here on the same plain text: Jaccard of the phrase sets, the
# outputs compared, wall and CPU time, peak RSS, a run under a small memory bound; then skip-gram on the
# phrased corpus: analogy at 30k and the neighbours of new_york and united_states.
# Usage: bash bench/phrases.sh [--skip-train]
set -euo pipefail
source "$(dirname "$0")/common.sh"
corpus="$data/corpora/wiki17m.txt.zst"
out="$here/out/phrases"
skip_train=0
[ "${1:-}" = "--skip-train" ] && skip_train=1
[ -f "$corpus" ] || { echo "phrases: $corpus not found (set EMBED_SHARED_DATA)"; exit 1; }
ensure_venv
ensure_embed
require_time phrases
mkdir -p "$out"
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg) (2 cores, shared machine: measured under load)"; }

# gensim reads plain text; both tools get the same decompressed file (decompression is timed by neither).
plain="$out/wiki17m.txt"
[ -f "$plain" ] || zstd -q -dc "$corpus" > "$plain"

echo "embed phrases, word2vec score: $(load)"
/usr/bin/time -v "$embed" phrases "$plain" -o "$out/embed.txt" --table "$out/embed.tsv" \
  --min-count 5 --threshold 100 --memory 4 2> "$out/embed.time"
grep '^phrases:' "$out/embed.time"
echo "embed phrases, npmi: $(load)"
"$embed" phrases "$plain" -o "$out/embed_npmi.txt" --table "$out/embed_npmi.tsv" --min-count 5 --scoring npmi \
  --threshold 0.5 --quiet
echo "embed phrases --memory 0.1 (pruning): $(load)"
/usr/bin/time -v "$embed" phrases "$plain" -o "$out/embed_small.txt" --table "$out/embed_small.tsv" \
  --min-count 5 --threshold 100 --memory 0.1 2> "$out/embed_small.time"
grep '^phrases:' "$out/embed_small.time"

echo "gensim Phrases: $(load)"
/usr/bin/time -v "$python" "$here/phrases_gensim.py" "$plain" --min-count 5 --threshold 100 --npmi-threshold 0.5 \
  --phrases-out "$out/gensim_phrases.txt" --gensim-default-out "$out/gensim_default.txt" \
  --npmi-out "$out/gensim_npmi.txt" --corpus-out "$out/gensim.txt" > "$out/gensim.json" 2> "$out/gensim.time"
echo "after gensim: $(load)"

"$python" "$here/phrases_report.py" "$out" | tee "$out/report.txt"
lines=$(wc -l < "$plain")
same=$(paste -d'\n' "$out/embed.txt" "$out/gensim.txt" | paste - - -d'\t' | awk -F'\t' '$1==$2' | wc -l)
echo "phrased corpora: $same of $lines lines identical between embed and gensim" | tee -a "$out/report.txt"

# --apply with the table it wrote gives the same corpus.
"$embed" phrases --apply "$out/embed.tsv" "$plain" -o "$out/applied.txt" --quiet
cmp -s "$out/applied.txt" "$out/embed.txt" && echo "--apply with the written table: identical output" | tee -a "$out/report.txt"

if [ "$skip_train" = 0 ]; then
  echo "skip-gram on the phrased corpus (word2vec's defaults: --paper-defaults, --threads 2): $(load)"
  /usr/bin/time -v "$embed" train skipgram "$out/embed.txt" -o "$out/sg_phrases.txt" --paper-defaults --threads 2 --quiet \
    2> "$out/sg.time"
  grep -E "Elapsed|Maximum resident" "$out/sg.time"
  "$embed" eval "$out/sg_phrases.txt" --questions "$data/eval/questions-words.txt" --restrict 30000 \
    | tee -a "$out/report.txt"
  "$embed" neighbors "$out/sg_phrases.txt" new_york united_states -k 8 | tee -a "$out/report.txt"
  echo "after training: $(load)" | tee -a "$out/report.txt"
fi
