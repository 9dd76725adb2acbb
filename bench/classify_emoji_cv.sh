#!/usr/bin/env bash
# Role: the emoji set's setting choice without looking at its test set (it has no dev split): every setting below
# is trained on 4/5 of the 132 training sentences and scored on the other fifth (5 stratified folds, seeded), each
# epoch's fold accuracy averaged over the folds; the (setting, epoch) with the best mean is then trained on the
# whole training set for that many epochs with seeds 1-5 and only then scored on the test set.
# Usage: bash bench/classify_emoji_cv.sh [--jobs N]
set -euo pipefail
source "$(dirname "$0")/common.sh"
parse_jobs classify_emoji_cv "$@"
glove="$data/vectors/glove.6B.50d.txt.zst" emoji="$data/classify/emoji"
for f in "$glove" "$emoji/train_emoji.csv" "$emoji/test_emoji.csv"; do
  [ -f "$f" ] || { echo "classify_emoji_cv: $f not found (set EMBED_SHARED_DATA)" >&2; exit 1; }
done
ensure_embed; ensure_venv
out="$here/out/classify_emoji_cv"; rm -rf "$out"; mkdir -p "$out"
# name|epochs|flags: the lab's average of vectors over step sizes, dropout and batch sizes, and the recurrent and
# convolutional encoders at their defaults.
settings=()
for lr in 0.005 0.01 0.02; do
  for dropout in 0 0.5; do
    for batch in 8 32; do
      settings+=("mean-lr$lr-dropout$dropout-batch$batch|400|--encoder mean --lr $lr --dropout $dropout --batch $batch")
    done
  done
done
settings+=("lstm-last|100|--encoder lstm-last" "bilstm-max|100|--encoder bilstm-max" "bilstm-mean|100|--encoder bilstm-mean"
  "cnn|100|--encoder cnn")
folds=5
"$python" - "$emoji/train_emoji.csv" "$out" "$folds" <<'PY'
import csv, random, sys
path, out, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = list(csv.reader(open(path, newline="", encoding="utf-8")))
by_label = {}
for row in rows:
    by_label.setdefault(row[1].strip(), []).append(row)
rng = random.Random(1)
fold_of = []
for label in sorted(by_label):
    group = by_label[label]; rng.shuffle(group)
    fold_of += [(i % k, row) for i, row in enumerate(group)]
for f in range(k):
    for part, keep in (("train", lambda g: g != f), ("dev", lambda g: g == f)):
        with open(f"{out}/fold{f}-{part}.csv", "w", encoding="utf-8") as handle:
            for g, row in fold_of:
                if keep(g):
                    handle.write('"' + row[0].replace('"', '""') + '",' + row[1].strip() + "\n")
PY
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); ${#settings[@]} settings x $folds folds, $jobs at a time"
# One fold run: $1 setting name, $2 fold, $3 epochs, then its flags; keeps only the per-epoch log.
run_fold() {
  local name="$1" fold="$2" epochs="$3"; shift 3
  "$embed" classify train --vectors "$glove" --train "$out/fold$fold-train.csv" --dev "$out/fold$fold-dev.csv" \
    --epochs "$epochs" --patience 0 --seed 1 --threads 1 --quiet --log "$out/$name-$fold.csv" \
    -o "$out/$name-$fold.embedclf" "$@" > /dev/null
  rm -f "$out/$name-$fold.embedclf"
}
export -f run_fold; export embed glove out
for entry in "${settings[@]}"; do
  IFS='|' read -r name epochs flags <<< "$entry"
  for ((f = 0; f < folds; f++)); do echo "$name $f $epochs $flags"; done
done | xargs -P "$jobs" -L 1 bash -c 'run_fold "$@"' _
# The choice: the best mean fold accuracy over (setting, epoch); the fewest epochs among ties.
choice="$("$python" - "$out" "$folds" "${settings[@]%%|*}" <<'PY'
import csv, statistics, sys
out, k, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
best = None
for name in names:
    curves = [[float(r["dev_accuracy"]) for r in csv.DictReader(open(f"{out}/{name}-{f}.csv"))] for f in range(k)]
    means = [statistics.mean(c[e] for c in curves) for e in range(min(map(len, curves)))]
    epoch = max(range(len(means)), key=lambda e: (means[e], -e))
    print(f"{name}: cross-validated accuracy {means[epoch]:.4f} at epoch {epoch + 1}", file=sys.stderr)
    if best is None or means[epoch] > best[0]:
        best = (means[epoch], name, epoch + 1)
print(f"{best[1]} {best[2]} {best[0]:.4f}")
PY
)"
read -r chosen chosen_epochs cv_accuracy <<< "$choice"
for entry in "${settings[@]}"; do [ "${entry%%|*}" = "$chosen" ] && chosen_flags="${entry##*|}"; done
echo "chosen: $chosen, $chosen_epochs epochs (cross-validated accuracy $cv_accuracy): $chosen_flags"
for s in 1 2 3 4 5; do
  "$embed" classify train --vectors "$glove" --train "$emoji/train_emoji.csv" --test "$emoji/test_emoji.csv" \
    --epochs "$chosen_epochs" --seed "$s" --quiet --json -o "$out/final-$s.embedclf" $chosen_flags > "$out/final-$s.json"
done
"$python" - "$out" <<'PY'
import json, statistics, sys
acc = [json.load(open(f"{sys.argv[1]}/final-{s}.json"))["test"]["accuracy"] for s in range(1, 6)]
print(f"test accuracy, seeds 1-5: {statistics.mean(acc):.4f} [{min(acc):.4f}-{max(acc):.4f}] "
      f"({', '.join(f'{a:.4f}' for a in acc)})")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
