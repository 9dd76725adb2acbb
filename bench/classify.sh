#!/usr/bin/env bash
# Role: classifier benchmark: `embed classify train` (frozen glove.6B.50d -> LSTM(128) x2 -> dense softmax, and
# every other --encoder: embed-bilstm-max, embed-bilstm-mean, embed-mean, embed-cnn) on the emoji set (50 epochs,
# 5 seeds) and SST-2 (10 epochs, 3 seeds, test at the best dev epoch) against the same models in Keras 3 on JAX
# (keras, keras-ENCODER; the LSTM also unmasked as the lab) and fastText supervised (default settings, and
# fasttext-tuned: -epoch, -lr, -wordNgrams chosen on the dev set), all run here: accuracy, s/epoch, total s, peak
# RSS, ratios against each model's Keras twin.
# Usage: bash bench/classify.sh [--only emoji|sst2|wiki] [--wiki] [--wiki-corpus PATH] [--skip-keras] [--skip-fasttext]
#        [--masked-only] [--encoders-only] (embed's encoders alone: no peers, no unmasked rows)
#        [--lstm-keras-only] (Keras runs only the lecture's LSTM, not a twin per encoder: much shorter)
# --wiki (or WIKI_VECTORS=path) adds SST-2 with skip-gram vectors trained by embed on wiki17m (trained first when
# missing, at bench/skipgram.sh's settings). Env: CLASSIFY_SEEDS ("1 2 3 4 5"), CLASSIFY_EPOCHS_EMOJI (50),
# CLASSIFY_EPOCHS_SST2 (10), CLASSIFY_SST2_SEEDS (the first 3 seeds), CLASSIFY_ENCODERS ("bilstm-max bilstm-mean
# mean cnn"), CLASSIFY_OUT (the output folder, removed at the end; for runs side by side), for quick checks;
# CLASSIFY_TWIN_SEEDS=N runs each Keras encoder twin with only the first N seeds (their s/epoch is what the
# speed ratio needs; the BiLSTM twins take 40 s an epoch on SST-2).
set -euo pipefail
source "$(dirname "$0")/common.sh"
glove="$data/vectors/glove.6B.50d.txt.zst"
emoji="$data/classify/emoji" sst2="$data/classify/sst2"
wiki_corpus="$data/corpora/wiki17m.txt.zst"
wiki_vectors="${WIKI_VECTORS:-$repo/vectors/wiki17m-skipgram.txt.zst}"
seeds=(${CLASSIFY_SEEDS:-1 2 3 4 5})
epochs_emoji="${CLASSIFY_EPOCHS_EMOJI:-50}" epochs_sst2="${CLASSIFY_EPOCHS_SST2:-10}"
out="${CLASSIFY_OUT:-$here/out/classify}"
encoders=(${CLASSIFY_ENCODERS:-bilstm-max bilstm-mean mean cnn})
# Per-encoder flags: the average of vectors is a linear model over 50 numbers and needs a larger step.
declare -A encoder_flags=([mean]="--lr 0.02")
# SST-2 also gets the best setting found on its dev set (mean best-epoch dev accuracy over seeds 1-3 of 9
# settings, README): one BiLSTM layer, max-pooled, embedding fine-tuned at half the rate, word dropout 0.1,
# dropout 0.2 (embed-bilstm-max-ft).
sst2_best=(--encoder bilstm-max --layers 1 --train-embeddings --embedding-lr 0.0005 --word-dropout 0.1 --dropout 0.2)
only="" wiki=$([ -n "${WIKI_VECTORS:-}" ] && echo 1 || echo 0) keras=1 keras_encoders=1 fasttext=1 nomask=1
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="$2"; shift 2
      case "$only" in emoji|sst2) ;; wiki) wiki=1 ;; *) echo "classify bench: --only takes emoji, sst2 or wiki" >&2; exit 2 ;; esac ;;
    --wiki) wiki=1; shift ;;
    --wiki-corpus) wiki_corpus="$2"; shift 2 ;;
    --skip-keras) keras=0; shift ;;
    --lstm-keras-only) keras_encoders=0; shift ;;
    --skip-fasttext) fasttext=0; shift ;;
    --masked-only) nomask=0; shift ;;
    --encoders-only) keras=0; fasttext=0; nomask=0; shift ;;
    *) echo "classify bench: unknown argument: $1" >&2; exit 2 ;;
  esac
done

for f in "$glove" "$emoji/train_emoji.csv" "$emoji/test_emoji.csv" "$sst2/train.txt" "$sst2/dev.txt" "$sst2/test.txt"; do
  [ -f "$f" ] || { echo "classify bench: $f not found (set EMBED_SHARED_DATA)"; exit 1; }
done
ensure_venv
ensure_embed
require_time classify
if [ "$keras" = 1 ] && ! KERAS_BACKEND=jax "$python" -c "import keras, jax" 2>/dev/null; then
  bash "$here/setup_venv.sh" || true
  KERAS_BACKEND=jax "$python" -c "import keras, jax" 2>/dev/null || { echo "classify bench: keras / jax[cpu] not installed in bench/.venv (pip failed): Keras peer skipped"; keras=0; }
fi
if [ "$fasttext" = 1 ] && ! "$python" -c "import fasttext" 2>/dev/null; then
  echo "classify bench: fasttext not installed in bench/.venv: fastText peer skipped"; fasttext=0
fi
rm -rf "$out" && mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

# $1 task dir, $2 tool, then the command: runs it under /usr/bin/time -v, stdout appended to the tool's runs.jsonl.
timed() {
  local dir="$out/$1/$2"; shift 2
  mkdir -p "$dir"
  local n=$(ls "$dir" | grep -c '^time-' || true)
  /usr/bin/time -v "$@" >> "$dir/runs.jsonl" 2> "$dir/time-$n.log" || {
    echo "classify bench: failed: $* (log: last lines below)"; tail -5 "$dir/time-$n.log"; return 1; }
}
# $1 task, $2 tool name, $3 vectors, $4 epochs, $5 the seeds (space separated), then the data flags: one
# embed run per seed; every epoch is run (--patience 0) and, with --dev, the best dev epoch's weights kept.
run_embed() {
  local task="$1" tool="$2" vectors="$3" epochs="$4" run_seeds="$5"; shift 5
  for s in $run_seeds; do
    mkdir -p "$out/$task/$tool"
    timed "$task" "$tool" "$embed" classify train --vectors "$vectors" "$@" --epochs "$epochs" --seed "$s" \
      --patience 0 --json --quiet --log "$out/$task/$tool/epochs-$s.csv" -o "$out/$task/$tool/model-$s.embedclf"
  done
}
# $1 task, $2 tool name, $3 vectors, $4 epochs, $5 the seeds, then the flags: one process for every seed.
run_keras() {
  local task="$1" tool="$2" vectors="$3" epochs="$4" run_seeds="$5"; shift 5
  [ "$keras" = 1 ] || return 0
  timed "$task" "$tool" "$python" "$here/classify_keras.py" --vectors "$vectors" --epochs "$epochs" --seeds $run_seeds "$@"
}
# The seeds a Keras encoder twin runs: the first CLASSIFY_TWIN_SEEDS of the arguments (all by default).
twin_seeds() { local n="${CLASSIFY_TWIN_SEEDS:-$#}"; echo "${@:1:$n}"; }
# The LSTM rows of a task: Keras and embed masked, then (unless --masked-only) both without masking, padded at
# the end to the longest training sentence (the lab's setup, that the issue's emoji figure was measured with).
# $1 task, $2 vectors, $3 epochs, $4 the seeds, then the data flags.
run_lstms() {
  local task="$1" vectors="$2" epochs="$3" run_seeds="$4"; shift 4
  run_keras "$task" keras "$vectors" "$epochs" "$run_seeds" "$@"
  run_embed "$task" embed "$vectors" "$epochs" "$run_seeds" "$@"
  local e
  for e in "${encoders[@]}"; do
    run_embed "$task" "embed-$e" "$vectors" "$epochs" "$run_seeds" "$@" --encoder "$e" ${encoder_flags[$e]:-}
    [ "$keras_encoders" = 0 ] || run_keras "$task" "keras-$e" "$vectors" "$epochs" "$(twin_seeds $run_seeds)" "$@" \
      --encoder "$e" ${encoder_flags[$e]:-}
  done
  [ "$nomask" = 1 ] || return 0
  run_keras "$task" keras-nomask "$vectors" "$epochs" "$run_seeds" "$@" --no-mask
  run_embed "$task" embed-nomask "$vectors" "$epochs" "$run_seeds" "$@" --no-mask
}
# $1 task, $2 tool name, $3 epochs, then the flags.
run_fasttext() {
  local task="$1" tool="$2" epochs="$3"; shift 3
  [ "$fasttext" = 1 ] || return 0
  timed "$task" "$tool" "$python" "$here/classify_fasttext.py" --epochs "$epochs" "$@"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (the machine is shared: wall times vary with load)"
echo "embed $(cd "$repo" && git rev-parse --short HEAD), seeds ${seeds[*]}; emoji $epochs_emoji epochs, SST-2 $epochs_sst2 epochs"
if [ -z "$only" ] || [ "$only" = emoji ]; then
  set_emoji=(--train "$emoji/train_emoji.csv" --test "$emoji/test_emoji.csv")
  echo "running emoji ..."
  run_lstms emoji "$glove" "$epochs_emoji" "${seeds[*]}" "${set_emoji[@]}"
  # The lab's baseline as the lab trains it: the average of vectors, no dropout, 400 epochs (settings picked by
  # looking at this 56-sentence test set over seeds 1-3: there is no dev set).
  run_embed emoji embed-mean-400 "$glove" 400 "${seeds[*]}" "${set_emoji[@]}" --encoder mean --dropout 0 --lr 0.01 --batch 8
  run_fasttext emoji fasttext "$epochs_emoji" "${set_emoji[@]}" --seeds "${seeds[@]}"
  run_fasttext emoji fasttext+glove "$epochs_emoji" "${set_emoji[@]}" --seeds "${seeds[@]}" --vectors "$glove"
  run_fasttext emoji fasttext-tuned "$epochs_emoji" "${set_emoji[@]}" --seeds "${seeds[@]}" --tune
fi
set_sst2=(--train "$sst2/train.txt" --dev "$sst2/dev.txt" --test "$sst2/test.txt")
one_seed="${CLASSIFY_SST2_SEEDS:-${seeds[*]:0:3}}"
if [ -z "$only" ] || [ "$only" = sst2 ]; then
  echo "running sst2 ..."
  run_lstms sst2 "$glove" "$epochs_sst2" "$one_seed" "${set_sst2[@]}"
  run_embed sst2 embed-bilstm-max-ft "$glove" "$epochs_sst2" "$one_seed" "${set_sst2[@]}" "${sst2_best[@]}"
  run_fasttext sst2 fasttext "$epochs_sst2" --train "$sst2/train.txt" --test "$sst2/test.txt" --seeds $one_seed
  run_fasttext sst2 fasttext+glove "$epochs_sst2" --train "$sst2/train.txt" --test "$sst2/test.txt" \
    --seeds $one_seed --vectors "$glove"
  run_fasttext sst2 fasttext-tuned "$epochs_sst2" "${set_sst2[@]}" --seeds $one_seed --tune
fi
if [ "$wiki" = 1 ]; then
  if [ ! -f "$wiki_vectors" ]; then
    [ -f "$wiki_corpus" ] || { echo "classify bench: $wiki_corpus not found (set EMBED_SHARED_DATA)"; exit 1; }
    echo "training $wiki_vectors from $wiki_corpus (skip-gram at bench/skipgram.sh's settings) ..."
    mkdir -p "$(dirname "$wiki_vectors")"
    started=$SECONDS
    "$embed" train skipgram "$wiki_corpus" -o "$wiki_vectors" --dim 100 --window 5 --negative 5 --sample 1e-4 \
      --epochs 5 --min-count 5 --threads 2 --seed 1 2> "$out/wiki-skipgram.log" || {
      echo "classify bench: embed train skipgram failed:"; tail -5 "$out/wiki-skipgram.log"; exit 1; }
    echo "  trained in $((SECONDS - started)) s"
  fi
  echo "running sst2-wiki17m ($wiki_vectors) ..."
  run_lstms sst2-wiki17m "$wiki_vectors" "$epochs_sst2" "$one_seed" "${set_sst2[@]}"
fi
echo
"$python" "$here/classify_report.py" "$out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
