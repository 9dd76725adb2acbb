#!/usr/bin/env bash
# Role: foundation benchmark: `embed vocab` and `embed cooccur` (window 10, 2 threads, --memory 4 and 0.25, with
# the shuffled copy) on wiki17m: wall and CPU time, tokens/s, peak RSS, nonzeros, against Stanford GloVe's tools.
set -euo pipefail
source "$(dirname "$0")/common.sh"
corpus="$data/corpora/wiki17m.txt.zst"
out="$here/out/foundation"
threads=2

# Stanford GloVe's C tools (vocab_count, cooccur -memory 4 -window-size 10, shuffle) on the same corpus, measured
# on a machine of this kind elsewhere: they cannot be fetched here, so they are not rerun.
REF_VOCAB=0.8 REF_COOC=14.5 REF_COOC_RSS_MB=1460 REF_SHUFFLE=14.6 REF_NONZEROS=45900000

[ -f "$corpus" ] || { echo "foundation: $corpus not found (set EMBED_SHARED_DATA)"; exit 1; }
ensure_embed
require_time foundation
rm -rf "$out" && mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
status=0

# run LABEL CMD...: runs under /usr/bin/time -v; sets WALL, CPU (user + sys) in s, RSS_MB; keeps stderr in $out/LABEL.err
run() {
  local label="$1"; shift
  /usr/bin/time -v "$@" 2> "$out/$label.err"
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s }' "$out/$label.err")
  CPU=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$out/$label.err")
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out/$label.err")
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the machine is shared: wall times vary with load)"

run vocab "$embed" vocab "$corpus" -o "$out/vocab.txt" --min-count 5
VOCAB_WALL=$WALL VOCAB_CPU=$CPU VOCAB_RSS=$RSS_MB
TOKENS=$(sed -n 's/^vocab: \([0-9]*\) tokens.*/\1/p' "$out/vocab.err")
WORDS=$(($(wc -l < "$out/vocab.txt") - 1))
if [ "$WORDS" = 68188 ] && tail -1 "$out/vocab.txt" | grep -q '^<UNK> '; then check="ok"; else check="WRONG (expected 68188)"; status=1; fi
echo "vocab: $TOKENS tokens, $WORDS words + <UNK> ($check)"

declare -A COOC_WALL COOC_CPU COOC_RSS NONZEROS
for mem in 4 0.25; do
  run "cooc-$mem" "$embed" cooccur "$corpus" --vocab "$out/vocab.txt" -o "$out/cooc-$mem.bin" --window 10 \
    --memory "$mem" --threads "$threads" --shuffle --tmp "$out"
  COOC_WALL[$mem]=$WALL COOC_CPU[$mem]=$CPU COOC_RSS[$mem]=$RSS_MB
  NONZEROS[$mem]=$(($(stat -c %s "$out/cooc-$mem.bin") / 16))
  grep '^cooccur:' "$out/cooc-$mem.err" | sed 's/^/  /'
  if [ "$(stat -c %s "$out/cooc-$mem.shuf.bin")" != "$(stat -c %s "$out/cooc-$mem.bin")" ]; then
    echo "  shuffled file has another size: WRONG"; status=1
  fi
  rm -f "$out/cooc-$mem.shuf.bin"
done
if cmp -s "$out/cooc-4.bin" "$out/cooc-0.25.bin"; then same="identical"; else same="DIFFERENT"; status=1; fi
echo "sorted X with --memory 4 and --memory 0.25: $same"
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo

ratio() { awk -v r="$1" -v o="$2" 'BEGIN { printf "%.2fx", r / o }'; }
rate() { awk -v t="$TOKENS" -v s="$1" 'BEGIN { printf "%.2fM", t / s / 1e6 }'; }
printf '%-36s %8s %8s %9s %9s %10s %9s\n' "step (2 threads)" "wall s" "cpu s" "tokens/s" "peak RSS" "reference" "speed-up"
printf '%-36s %8.2f %8.2f %9s %6s MB %8.1f s %9s\n' "vocab (min-count 5)" "$VOCAB_WALL" "$VOCAB_CPU" "$(rate "$VOCAB_WALL")" \
  "$VOCAB_RSS" "$REF_VOCAB" "$(ratio "$REF_VOCAB" "$VOCAB_WALL")"
for mem in 4 0.25; do
  ref=$(awk -v a="$REF_COOC" -v b="$REF_SHUFFLE" 'BEGIN { print a + b }')
  printf '%-36s %8.2f %8.2f %9s %6s MB %8.1f s %9s\n' "cooccur + shuffle, --memory $mem" "${COOC_WALL[$mem]}" \
    "${COOC_CPU[$mem]}" "$(rate "${COOC_WALL[$mem]}")" "${COOC_RSS[$mem]}" "$ref" "$(ratio "$ref" "${COOC_WALL[$mem]}")"
done
total4=$(awk -v a="$VOCAB_WALL" -v b="${COOC_WALL[4]}" 'BEGIN { print a + b }')
total025=$(awk -v a="$VOCAB_WALL" -v b="${COOC_WALL[0.25]}" 'BEGIN { print a + b }')
ref_total=$(awk -v a="$REF_VOCAB" -v b="$REF_COOC" -v c="$REF_SHUFFLE" 'BEGIN { print a + b + c }')
printf '%-36s %8.2f %8s %9s %9s %8.1f s %9s\n' "total vocab + X + shuffle, 4 GB" "$total4" "" "" "" "$ref_total" "$(ratio "$ref_total" "$total4")"
printf '%-36s %8.2f %8s %9s %9s %8.1f s %9s\n' "total vocab + X + shuffle, 0.25 GB" "$total025" "" "" "" "$ref_total" "$(ratio "$ref_total" "$total025")"
echo "reference: Stanford GloVe C tools (vocab_count, cooccur -memory 4 -window-size 10, shuffle), measured elsewhere on"
echo "this machine kind, not rerun here; cooccur peak RSS there: $REF_COOC_RSS_MB MB."
echo

verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "MISSED"; fi; }
echo "target vocab + X + shuffle <= 15 s (4 GB):          $(verdict "$total4 <= 15") ($total4 s)"
echo "target with --memory 0.25 <= 2 x the 4 GB run:      $(verdict "$total025 <= 2 * $total4") ($total025 s)"
for mem in 4 0.25; do
  # The bound covers the counter's buffers; the process adds a fixed overhead (runtime, vocabulary, I/O buffers).
  limit=$(awk -v m="$mem" 'BEGIN { printf "%.0f", m * 1024 * 1.1 + 64 }')
  v=$(verdict "${COOC_RSS[$mem]} <= $limit")
  echo "peak RSS within --memory $mem (+10% + 64 MB = $limit MB): $v (${COOC_RSS[$mem]} MB)"
  [ "$v" = met ] || status=1
done
awk -v n="${NONZEROS[4]}" -v r="$REF_NONZEROS" 'BEGIN { printf "nonzeros: %d, Stanford cooccur: 45.9M (difference %+.2f%%)\n", n, (n - r) / r * 100 }'
exit $status
