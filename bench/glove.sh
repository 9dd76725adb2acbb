#!/usr/bin/env bash
# Role: GloVe benchmark (issue 7): `embed train glove` on wiki17m in one command (vocabulary, co-occurrence,
# shuffle, training; min-count 5, dim 100, 2 threads) at the issue's settings (window 10, x_max 100, 25 epochs)
# and GloVe's demo settings (window 15, x_max 10, 15 epochs), and with no settings given (`auto`: the defaults
# embed chooses from the corpus, issue 19, against the demo's reference): wall time per stage, updates/s, peak
# RSS, final cost, Google analogy at 30k, WordSim-353 and SimLex-999 Spearman (`embed eval`), against Stanford
# GloVe's figures.
# Each setting runs once per kernel variant (EMBED_SIMD) this processor has, unless --simd names some.
# Usage: bash bench/glove.sh [--only main|demo|auto] [--threads N] [--corpus PATH] [--simd "baseline avx512"]
set -euo pipefail
source "$(dirname "$0")/common.sh"
corpus="$data/corpora/wiki17m.txt.zst"
out="$here/out/glove"
threads=2 only="" simd="$(simd_variants)"
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --simd) simd="$2"; shift 2 ;;
    *) echo "glove bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done

# Stanford GloVe's C tools on this corpus with these settings, measured on an idle machine of this kind
# elsewhere (issue 7): they cannot be fetched here, so they are not rerun.
declare -A REF_TOTAL=([main]=768 [demo]=660 [auto]=660) REF_ANALOGY=([main]=24.4 [demo]=35.7 [auto]=35.7)
declare -A REF_WS=([main]=0.444 [demo]=0.491 [auto]=0.491) REF_SL=([main]=0.202 [demo]=0.215 [auto]=0.215)
REF_VOCAB=0.8 REF_COOC=14.5 REF_SHUFFLE=14.6 REF_TRAIN=739 REF_RATE=1.55
declare -A FLAGS=([main]="--window 10 --x-max 100 --epochs 25 --dim 100" [demo]="--window 15 --x-max 10 --epochs 15 --dim 100" [auto]="")

[ -f "$corpus" ] || { echo "glove bench: $corpus not found (set EMBED_SHARED_DATA)"; exit 1; }
ensure_embed
command -v /usr/bin/time >/dev/null || { echo "glove bench: /usr/bin/time is missing (apt-get install time)"; exit 1; }
rm -rf "$out" && mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
eval_sets=(--questions "$data/eval/questions-words.txt" --similarity "$data/eval/wordsim353.tsv" "$data/eval/simlex999.txt")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo "met"; else echo "MISSED"; fi; }
field() { sed -n "$1" "$2" | tail -1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the machine is shared: wall times vary with load)"
for setting in main demo auto; do
  [ -z "$only" ] || [ "$only" = "$setting" ] || continue
  for v in $simd; do
  read -r -a flags <<< "${FLAGS[$setting]}"
  log="$out/$setting.err"
  echo
  echo "== $setting: ${FLAGS[$setting]:-no settings given}, min-count 5, $threads threads, $v kernels"
  EMBED_SIMD="$v" /usr/bin/time -v "$embed" train glove "$corpus" -o "$out/$setting.txt.zst" "${flags[@]}" \
    --min-count 5 --threads "$threads" --seed 1 --log "$out/$setting.csv" 2> "$log"
  grep '^glove: \(vocabulary\|co-occurrence\|[0-9]* words\|training\|.* tokens -> \)' "$log" | sed 's/^/  /'
  e=$(field 's/^glove: epoch [0-9]*\/\([0-9]*\) .*/\1/p' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s }' "$log")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f", u + s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
  t_vocab=$(field 's/^glove: vocabulary .*(\([0-9.]*\) s)$/\1/p' "$log")
  t_cooc=$(field 's/^glove: co-occurrence .*(\([0-9.]*\) s)$/\1/p' "$log")
  t_load=$(field 's/^glove: [0-9]* words, [0-9]* records .*(\([0-9.]*\) s)$/\1/p' "$log")
  records=$(field 's/^glove: [0-9]* words, \([0-9]*\) records.*/\1/p' "$log")
  t_train=$(field 's/^glove: training \([0-9.]*\) s .*/\1/p' "$log")
  cost=$(field 's/.*final cost \([0-9.]*\);.*/\1/p' "$log")
  rate=$(awk -v n="$records" -v e="$e" -v t="$t_train" 'BEGIN { printf "%.2f", n * e / t / 1e6 }')
  t_write=$(awk -v all="$wall" -v a="$t_vocab" -v b="$t_cooc" -v c="$t_load" -v d="$t_train" 'BEGIN { printf "%.1f", all - a - b - c - d }')
  "$embed" eval "$out/$setting.txt.zst" "${eval_sets[@]}" --restrict 30000 --json --quiet > "$out/$setting.json"
  read -r analogy ws sl < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["name"]: x["spearman"] for x in d["similarity"]}
print("%.1f %.3f %.3f" % (100 * d["analogy"]["total"]["accuracy"], s["wordsim353.tsv"], s["simlex999.txt"]))' "$out/$setting.json")

  printf '  %-34s %10s %12s %9s\n' "" "embed" "reference" "ratio"
  if [ "$setting" = main ]; then
    printf '  %-34s %8.1f s %10.1f s %9s\n' "vocabulary" "$t_vocab" "$REF_VOCAB" "$(ratio "$REF_VOCAB" "$t_vocab")"
    printf '  %-34s %8.1f s %10.1f s %9s\n' "co-occurrence + shuffle (to disk)" "$t_cooc" "$(awk "BEGIN { print $REF_COOC + $REF_SHUFFLE }")" \
      "$(ratio "$(awk "BEGIN { print $REF_COOC + $REF_SHUFFLE }")" "$t_cooc")"
    printf '  %-34s %8.1f s %12s\n' "records into memory" "$t_load" "-"
    printf '  %-34s %8.1f s %10.1f s %9s\n' "training" "$t_train" "$REF_TRAIN" "$(ratio "$REF_TRAIN" "$t_train")"
    printf '  %-34s %8sM %11sM %9s\n' "updates/s" "$rate" "$REF_RATE" "$(ratio "$rate" "$REF_RATE")"
  else
    printf '  %-34s %8.1f s %12s\n' "vocabulary + co-occurrence + load" "$(awk -v a="$t_vocab" -v b="$t_cooc" -v c="$t_load" 'BEGIN { printf "%.1f", a + b + c }')" "-"
    printf '  %-34s %8.1f s %12s\n' "training" "$t_train" "-"
    printf '  %-34s %8sM %12s\n' "updates/s" "$rate" "-"
  fi
  printf '  %-34s %8.1f s %12s\n' "writing vectors, start/exit" "$t_write" "-"
  printf '  %-34s %8.1f s %10.1f s %9s\n' "total wall (cpu $cpu s)" "$wall" "${REF_TOTAL[$setting]}" "$(ratio "${REF_TOTAL[$setting]}" "$wall")"
  printf '  %-34s %7s MB %12s\n' "peak RSS" "$rss" "-"
  printf '  %-34s %10s %12s\n' "final cost (J / nonzeros)" "$cost" "-"
  printf '  %-34s %9s%% %11s%% %9s\n' "Google analogy at 30k" "$analogy" "${REF_ANALOGY[$setting]}" "$(ratio "$analogy" "${REF_ANALOGY[$setting]}")"
  printf '  %-34s %10s %12s %9s\n' "WordSim-353 Spearman" "$ws" "${REF_WS[$setting]}" "$(ratio "$ws" "${REF_WS[$setting]}")"
  printf '  %-34s %10s %12s %9s\n' "SimLex-999 Spearman" "$sl" "${REF_SL[$setting]}" "$(ratio "$sl" "${REF_SL[$setting]}")"
  echo "  reference (issue 7, measured elsewhere): Stanford GloVe's C tools on this corpus and settings, idle machine"
  [ "$setting" = auto ] || echo "  target pipeline <= half the reference's wall time: $(verdict "$wall * 2 <= ${REF_TOTAL[$setting]}")"
  [ "$setting" = main ] && echo "  target training >= 2x the reference's updates/s:   $(verdict "$rate >= 2 * $REF_RATE")"
  echo "  target quality >= reference (analogy, WS, SimLex): $(verdict "$analogy >= ${REF_ANALOGY[$setting]} && $ws >= ${REF_WS[$setting]} && $sl >= ${REF_SL[$setting]}")"
  [ "$setting" = auto ] && echo "  target (issue 19) >= 38% analogy with no settings given: $(verdict "$analogy >= 38")"
  [ "$setting" = main ] && echo "  target (issue 18) >= 12M updates/s on $threads threads: $(verdict "$rate >= 12")"
  printf '%s %s %s %s %s %s %s %s\n' "$setting" "$v" "$rate" "$t_train" "$cpu" "$analogy" "$ws" "$sl" >> "$out/variants.txt"
  done
done
echo
echo "per kernel variant: setting, variant, updates/s (M), training s, process cpu s, analogy %, WS-353, SimLex"
sed 's/^/  /' "$out/variants.txt"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
