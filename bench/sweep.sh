#!/usr/bin/env bash
# Role: measured hyper-parameter sweeps (issue 19) for `embed train glove` and `embed train skipgram` on
# wiki17m, a 5M-token slice of it and the shipped corpus: each point's analogy at 30k, WordSim-353, SimLex-999,
# wall and CPU seconds and the load, appended to bench/results/sweep.csv, then pictures of accuracy against
# epochs (bench/results/sweep_*.svg, drawn by `embed plot-log`). The defaults in the README come from here.
# GloVe's epochs are swept by continuing one model (--init keeps W, W~ and AdaGrad's state; its rate does not
# decay), so a curve costs one run of its longest point; skip-gram's learning rate decays over the run, so each
# epoch count is its own run.
# Usage: bash bench/sweep.sh [--corpus wiki17m|slice|shipped|all] [--only glove|skipgram] [--threads N]
#        [--point "FUNCTION ARGS"]   (one point instead of the sweep, e.g. --point "budget_point 252 5 200 5 1e-4")
set -euo pipefail
source "$(dirname "$0")/common.sh"
which_corpus=wiki17m only="" threads=2 points=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) which_corpus="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --point) points+=("$2"); shift 2 ;;
    *) echo "sweep: unknown argument: $1" >&2; exit 2 ;;
  esac
done
require_time sweep
ensure_embed
out="$here/out/sweep" results="$here/results"
mkdir -p "$out" "$results"
# A private copy: rebuilding the package during a long sweep must not change the binary under it.
cp "$embed" "$out/embed"
tool="$out/embed"
csv="$results/sweep.csv"
[ -f "$csv" ] || echo "corpus,tokens,trainer,point,window,x_max,epochs,dim,vectors,negative,sample,model,analogy30k,wordsim353,simlex999,wall_s,cpu_s,load" > "$csv"
eval_sets=(--questions "$data/eval/questions-words.txt" --similarity "$data/eval/wordsim353.tsv" "$data/eval/simlex999.txt")

corpus_path() {
  case "$1" in
    wiki17m) echo "$data/corpora/wiki17m.txt.zst" ;;
    slice)
      local s="$out/wiki5m.txt"
      # The first 5M tokens of wiki17m, whole lines.
      [ -f "$s" ] || zstd -qdc "$data/corpora/wiki17m.txt.zst" | awk '{ n += NF; print; if (n >= 5000000) exit }' > "$s"
      echo "$s" ;;
    shipped) echo "$repo/corpora/wiki" ;;
    *) echo "sweep: unknown corpus $1" >&2; exit 2 ;;
  esac
}

# A point's name for extra flags: "--alpha 0.5" -> "-alpha0.5" (nothing for none).
label() { echo "$1" | sed 's/--\([a-z-]*\) \([^ ]*\)/-\1\2/g; s/ //g'; }

# Runs "$@" under /usr/bin/time; sets wall, cpu.
timed() {
  local log="$out/time.log"
  /usr/bin/time -f '%e %U %S' -o "$log" "$@"
  read -r wall u s < "$log"
  cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }')
}

# Scores $1 (vectors) and appends a row: the columns after `tokens` are given as $2.
record() {
  local vectors="$1" row="$2" wall_s="$3" cpu_s="$4"
  "$tool" eval "$vectors" "${eval_sets[@]}" --restrict 30000 --json --quiet > "$out/eval.json"
  local scores
  scores=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["name"]: x["spearman"] for x in d["similarity"]}
print("%.2f,%.3f,%.3f" % (100 * d["analogy"]["total"]["accuracy"], s["wordsim353.tsv"], s["simlex999.txt"]))' "$out/eval.json")
  echo "$name,$tokens,$row,$scores,$wall_s,$cpu_s,$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$csv"
}

# GloVe: a model continued through the epoch counts of $4 (ascending); each step counts X again (--init
# continues on a corpus), so a point's time includes one counting pass per step. $6: more flags (--alpha 0.5),
# named in the point.
glove_curve() {
  local window="$1" xmax="$2" dim="$3" epochs_list="$4" vectors="${5:-w+c}" flags=()
  read -r -a flags <<< "${6:-}"
  local model="$out/glove.model"
  local done=0 wall_sum=0 cpu_sum=0 e
  rm -f "$model"
  for e in $epochs_list; do
    local more=$((e - done)) init=()
    [ $done -eq 0 ] || init=(--init "$model")
    timed "$tool" train glove "$path" "${init[@]}" --save-model "$model.next" --epochs "$more" --window "$window" \
      --min-count 5 --x-max "$xmax" --dim "$dim" --vectors "$vectors" --threads "$threads" -o "$out/glove.txt" \
      "${flags[@]}" --quiet
    mv "$model.next" "$model"
    wall_sum=$(awk -v a="$wall_sum" -v b="$wall" 'BEGIN { print a + b }')
    cpu_sum=$(awk -v a="$cpu_sum" -v b="$cpu" 'BEGIN { print a + b }')
    done=$e
    record "$out/glove.txt" "glove,w$window-x$xmax-d$dim-$vectors$(label "${6:-}"),$window,$xmax,$e,$dim,$vectors,,,glove" "$wall_sum" "$cpu_sum"
  done
}

# Skip-gram (or CBOW with model=cbow): one run per point. $7: more flags (--alpha 0.05), named in the point.
skipgram_point() {
  local epochs="$1" window="$2" dim="$3" negative="$4" sample="$5" model="${6:-sg}" extra=() more=()
  [ "$model" = sg ] || extra=(--cbow)
  read -r -a more <<< "${7:-}"
  extra+=("${more[@]}")
  timed "$tool" train skipgram "$path" "${extra[@]}" --epochs "$epochs" --window "$window" --dim "$dim" \
    --negative "$negative" --sample "$sample" --min-count 5 --threads "$threads" -o "$out/sg.txt" --quiet
  record "$out/sg.txt" "skipgram,w$window-d$dim-n$negative-s$sample-$model$(label "${7:-}"),$window,,$epochs,$dim,w,$negative,$sample,$model" "$wall" "$cpu"
}

# Skip-gram with --time-budget $1 seconds (no --epochs): the epochs the budget chose are read from the summary.
budget_point() {
  local budget="$1" window="$2" dim="$3" negative="$4" sample="$5"
  timed "$tool" train skipgram "$path" --time-budget "$budget" --window "$window" --dim "$dim" \
    --negative "$negative" --sample "$sample" --min-count 5 --threads "$threads" -o "$out/sg.txt" > "$out/budget.log" 2>&1
  local epochs
  epochs=$(sed -n 's/.*time budget [0-9.]* s: \([0-9]*\) epoch.*/\1/p' "$out/budget.log" | tail -1)
  record "$out/sg.txt" "skipgram,w$window-d$dim-n$negative-s$sample-sg-budget$budget,$window,,$epochs,$dim,w,$negative,$sample,sg" "$wall" "$cpu"
}

want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

# Sets name, path and tokens for corpus $1.
use_corpus() {
  name="$1" path="$(corpus_path "$1")"
  tokens=$( (if [ -d "$path" ]; then zstd -qdcf "$path"/*; else zstd -qdcf "$path"; fi) | wc -w)
}

sweep_corpus() {
  use_corpus "$1"
  echo "== $name ($tokens tokens), $threads threads, load $(cut -d' ' -f1-3 /proc/loadavg)"
  # Most telling points first (a sweep cut short still answers the main questions).
  want skipgram && for e in 5 10 15 20; do skipgram_point "$e" 5 100 5 1e-4; done
  want glove && glove_curve 15 10 100 "5 10 15 20 30 45 60"
  want skipgram && skipgram_point 15 10 100 5 1e-4
  want glove && glove_curve 15 10 200 "15 30"
  want glove && glove_curve 20 10 200 "15"
  want glove && glove_curve 20 10 100 "15"
  want skipgram && skipgram_point 10 5 200 5 1e-4
  want skipgram && skipgram_point 10 5 100 10 1e-4
  want glove && glove_curve 10 10 100 "15 30 45"
  want skipgram && skipgram_point 10 5 100 5 1e-3
  want skipgram && skipgram_point 15 5 100 5 1e-4 cbow
  want glove && glove_curve 15 10 100 "15 30" w
  want glove && glove_curve 10 100 100 "25 50"
  want glove && glove_curve 15 10 300 "15"
  for f in "--alpha 0.5" "--alpha 1" "--eta 0.1" "--eta 0.025"; do want glove && glove_curve 15 10 100 "15" w+c "$f"; done
  for f in "--alpha 0.05" "--alpha 0.0125"; do want skipgram && skipgram_point 10 5 100 5 1e-4 sg "$f"; done
  return 0
}

if [ ${#points[@]} -gt 0 ]; then
  use_corpus "$which_corpus"
  for p in "${points[@]}"; do
    read -r fn args <<< "$p"
    case "$fn" in
      glove_curve|skipgram_point|budget_point) eval "$fn $args" ;;
      *) echo "sweep: unknown point function: $fn" >&2; exit 2 ;;
    esac
  done
elif [ "$which_corpus" = all ]; then for c in shipped slice wiki17m; do sweep_corpus "$c"; done; else sweep_corpus "$which_corpus"; fi

# Accuracy against epochs, one picture per trainer (the CSV's rows of this corpus set).
for trainer in glove skipgram; do
  awk -F, -v t="$trainer" 'NR == 1 { print "epochs,analogy30k,wordsim353,simlex999"; next }
    $3 == t && $1 == "wiki17m" && ($4 ~ /^w15-x10-d100-w\+c$/ || $4 ~ /^w5-d100-n5-s1e-4-sg$/) { print $7 "," $13 "," $14 "," $15 }' "$csv" \
    | sort -t, -k1,1n > "$out/curve_$trainer.csv"
  [ "$(wc -l < "$out/curve_$trainer.csv")" -gt 1 ] && "$tool" plot-log "$out/curve_$trainer.csv" --x epochs \
    --title "$trainer on wiki17m: accuracy against epochs" -o "$results/sweep_$trainer.svg" --quiet || true
done
echo "rows in $csv; pictures in $results"
