#!/usr/bin/env bash
# Role: the SST-2 setting search behind bench/classify.sh's embed-bilstm-max-ft row: every setting below, seeds
# 1-3, 10 epochs, frozen-then-fine-tuned glove.6B.50d, two runs at a time on one thread each; prints each
# setting's mean dev accuracy at its best epoch (what the choice is made on) beside its test accuracy (reported,
# not used to choose), best dev first.
# Usage: bash bench/classify_tune.sh [--jobs N]
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_jobs classify_tune "$@"
glove="$data/vectors/glove.6B.50d.txt.zst" sst2="$data/classify/sst2"
for f in "$glove" "$sst2/train.txt" "$sst2/dev.txt" "$sst2/test.txt"; do
  [ -f "$f" ] || { echo "classify_tune: $f not found (set EMBED_SHARED_DATA)" >&2; exit 1; }
done
ensure_embed
out="$here/out/classify_tune"; rm -rf "$out"; mkdir -p "$out"
base="--encoder bilstm-max --layers 1 --train-embeddings --embedding-lr 0.0005 --word-dropout 0.1"
settings=(
  "base|$base"
  "dropout-0.3|$base --dropout 0.3"
  "dropout-0.2|$base --dropout 0.2"
  "hidden-256|$base --hidden 256"
  "dropout-0.3-hidden-256|$base --dropout 0.3 --hidden 256"
  "weight-decay-0.05|$base --weight-decay 0.05"
  "dropout-0.3-weight-decay-0.05|$base --dropout 0.3 --weight-decay 0.05"
  "word-dropout-0.2|${base/--word-dropout 0.1/--word-dropout 0.2}"
  "embedding-lr-0.0002|${base/--embedding-lr 0.0005/--embedding-lr 0.0002}"
  "two-layers|$base --layers 2"
  "bilstm-mean|${base/bilstm-max/bilstm-mean}"
)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); ${#settings[@]} settings x 3 seeds, $jobs at a time"
# One run: $1 setting name, $2 seed, then its flags; the model (with its fine-tuned embedding) is removed.
run_one() {
  local name="$1" seed="$2"; shift 2
  "$embed" classify train --vectors "$glove" --train "$sst2/train.txt" --dev "$sst2/dev.txt" --test "$sst2/test.txt" \
    --epochs 10 --patience 0 --seed "$seed" --threads 1 --quiet --json -o "$out/$name-$seed.embedclf" "$@" \
    > "$out/$name-$seed.json"
  rm -f "$out/$name-$seed.embedclf"
}
export -f run_one; export embed glove sst2 out
for s in 1 2 3; do
  for entry in "${settings[@]}"; do echo "${entry%%|*} $s ${entry#*|}"; done
done | xargs -P "$jobs" -L 1 bash -c 'run_one "$@"' _
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$python" - "$out" "${settings[@]%%|*}" <<'PY'
import json, sys, statistics
out, names = sys.argv[1], sys.argv[2:]
rows = []
for name in names:
    runs = [json.load(open(f"{out}/{name}-{s}.json")) for s in (1, 2, 3)]
    dev = [r["dev"]["accuracy"] for r in runs]
    test = [r["test"]["accuracy"] for r in runs]
    rows.append((statistics.mean(dev), name, test, [r["best_epoch"] for r in runs],
                 statistics.mean(r["seconds_per_epoch"] for r in runs)))
print("| setting | dev (mean of 3) | test mean [min-max] | best epochs | s/epoch (1 thread) |")
print("|---|---|---|---|---|")
for dev, name, test, best, sec in sorted(rows, reverse=True):
    print(f"| {name} | {dev:.4f} | {statistics.mean(test):.4f} [{min(test):.4f}-{max(test):.4f}] | "
          f"{','.join(map(str, best))} | {sec:.1f} |")
PY
