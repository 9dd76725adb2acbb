#!/usr/bin/env bash
# Role: tagger benchmark: `embed tag train` (frozen glove.6B.50d + casing + character BiLSTM -> BiLSTM(100) ->
# CRF) on CoNLL-2003 (train, early stopping on dev, test F1; 3 seeds) and ATIS slot filling (dev = the last 500
# training utterances) against a Keras 3 (JAX CPU) BiLSTM tagger with the same inputs and a softmax output
# (Keras has no CRF), run here in the same invocation: entity F1, s/epoch, tokens/s, CPU seconds, peak RSS and
# ratios vs Keras.
# Usage: bash bench/tag.sh [--only conll|atis] [--skip-keras]
# Env: TAG_SEEDS ("1 2 3"), TAG_KERAS_SEEDS (first of TAG_SEEDS), TAG_EPOCHS (40), TAG_PATIENCE (5),
# TAG_TRAIN_SENTENCES (all: a number keeps the first N training sentences of each set, a reduced run the
# report labels as such).
set -euo pipefail
source "$(dirname "$0")/common.sh"
glove="$data/vectors/glove.6B.50d.txt.zst"
conll="$data/tag/conll2003" atis="$data/tag/atis"
seeds=(${TAG_SEEDS:-1 2 3})
keras_seeds=(${TAG_KERAS_SEEDS:-${seeds[0]}})
epochs="${TAG_EPOCHS:-40}" patience="${TAG_PATIENCE:-5}" limit="${TAG_TRAIN_SENTENCES:-}"
out="$here/out/tag"
only="" keras=1
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2
      case "$only" in conll|atis) ;; *) echo "tag bench: --only takes conll or atis" >&2; exit 2 ;; esac ;;
    --skip-keras) keras=0; shift ;;
    *) echo "tag bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done

for f in "$glove" "$conll/train.txt" "$conll/dev.txt" "$conll/test.txt" "$atis/train.txt" "$atis/test.txt"; do
  [ -f "$f" ] || { echo "tag bench: $f not found (set EMBED_SHARED_DATA)"; exit 1; }
done
ensure_venv
ensure_embed
require_time tag
if [ "$keras" = 1 ] && ! KERAS_BACKEND=jax "$python" -c "import keras, jax" 2>/dev/null; then
  bash "$here/setup_venv.sh" || true
  KERAS_BACKEND=jax "$python" -c "import keras, jax" 2>/dev/null || { echo "tag bench: keras / jax[cpu] not installed in bench/.venv: Keras peer skipped"; keras=0; }
fi
# Results stay in bench/out/tag (git-ignored) for inspection; the copied data is removed at the end.
rm -rf "$out" && mkdir -p "$out/data"
trap 'rm -rf "$out/data"' EXIT

# $1 input, $2 output, $3 first sentence kept (1-based), $4 last (empty: to the end): sentences of a CoNLL file.
sentences() {
  awk -v first="$3" -v last="$4" 'BEGIN { n = 1; RS = ""; ORS = "\n\n" }
    /^-DOCSTART-/ { sub(/^-DOCSTART-[^\n]*\n?/, ""); if ($0 == "") next }
    { if (n >= first && (last == "" || n <= last)) print; n++ }' "$1" > "$2"
}
count() { awk 'BEGIN { RS = "" } END { print NR }' "$1"; }
# The training files (cut to TAG_TRAIN_SENTENCES for a reduced run); ATIS's dev set is its last 500 utterances.
sentences "$conll/train.txt" "$out/data/conll-train.txt" 1 "$limit"
cp "$conll/dev.txt" "$out/data/conll-dev.txt"; cp "$conll/test.txt" "$out/data/conll-test.txt"
atis_n=$(count "$atis/train.txt")
sentences "$atis/train.txt" "$out/data/atis-train.txt" 1 $((atis_n - 500))
sentences "$atis/train.txt" "$out/data/atis-dev.txt" $((atis_n - 499)) ""
cp "$atis/test.txt" "$out/data/atis-test.txt"
if [ -n "$limit" ]; then sentences "$out/data/atis-train.txt" "$out/data/atis-train.cut" 1 "$limit"; mv "$out/data/atis-train.cut" "$out/data/atis-train.txt"; fi

# $1 task dir, $2 tool, then the command: runs it under /usr/bin/time -v, stdout appended to the tool's runs.jsonl.
timed() {
  local dir="$out/$1/$2"; shift 2
  mkdir -p "$dir"
  local n=$(ls "$dir" | grep -c '^time-' || true)
  /usr/bin/time -v "$@" >> "$dir/runs.jsonl" 2> "$dir/time-$n.log" || {
    echo "tag bench: failed: $* (log: last lines below)"; tail -5 "$dir/time-$n.log"; return 1; }
}
# $1 task: embed, one run per seed (2 threads), early stopping on dev F1.
run_embed() {
  local task="$1" d="$out/data/$1"
  for s in "${seeds[@]}"; do
    timed "$task" embed "$embed" tag train --vectors "$glove" --train "$d-train.txt" --dev "$d-dev.txt" \
      --test "$d-test.txt" --epochs "$epochs" --patience "$patience" --seed "$s" --threads 2 --json --quiet \
      --log "$out/$task/embed-epochs-$s.csv" -o "$out/$task/embed-$s.embedtag"
    rm -f "$out/$task/embed-$s.embedtag"
  done
}
run_keras() {
  local task="$1" d="$out/data/$1"
  [ "$keras" = 1 ] || return 0
  timed "$task" keras "$python" "$here/tag_keras.py" --vectors "$glove" --train "$d-train.txt" --dev "$d-dev.txt" \
    --test "$d-test.txt" --epochs "$epochs" --patience "$patience" --seeds "${keras_seeds[@]}"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the machine is shared: wall times vary with load)"
echo "embed $(cd "$repo" && git rev-parse --short HEAD), seeds ${seeds[*]} (Keras ${keras_seeds[*]}), up to $epochs epochs, patience $patience${limit:+, REDUCED RUN: first $limit training sentences}"
for task in conll atis; do
  if [ -z "$only" ] || [ "$only" = "$task" ]; then
    echo "running $task ($(count "$out/data/$task-train.txt") train sentences) ..."
    run_embed "$task"
    run_keras "$task" || echo "tag bench: the Keras peer failed on $task (see $out/$task/keras/)"
  fi
done
echo
"$python" "$here/tag_report.py" "$out" "${limit:+reduced: first $limit training sentences}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
