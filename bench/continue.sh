#!/usr/bin/env bash
# Role: benchmark of continued training (`--save-model`, `--init`): wiki17m split into halves A and B by
# lines; skip-gram trained on A, continued on B, against skip-gram on A+B from scratch (same settings, same
# epochs per pass); analogy at 30k, WordSim-353 and SimLex-999 of both, and wall/CPU time of each run. With
# --gensim, the same three runs with gensim 4's Word2Vec (build_vocab(update=True) then train on B), scored by
# the same `embed eval`, as a reference for how much plain continuation loses. Two more embed rows replay old
# text (`--replay`): A's model continued on B with half of A's lines (replay-half) and with all of A (replay-all).
# Usage: bash bench/continue.sh [--threads N] [--epochs N] [--gensim]
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/common.sh"
threads=2 epochs=5 gensim=0
while [ $# -gt 0 ]; do
  case "$1" in
    --gensim) gensim=1; shift ;;
    --threads) threads="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
corpus="$data/corpora/wiki17m.txt.zst"
[ -f "$corpus" ] || { echo "continue bench: corpus not found: $corpus" >&2; exit 1; }
ensure_embed; require_time continue
out="$here/out/continue"; mkdir -p "$out"
if [ ! -f "$out/b.txt" ]; then
  zstd -qdc "$corpus" > "$out/all.txt"
  half=$(( $(wc -l < "$out/all.txt") / 2 ))
  head -n "$half" "$out/all.txt" > "$out/a.txt"
  tail -n +"$((half + 1))" "$out/all.txt" > "$out/b.txt"
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
common=(--dim 100 --window 5 --negative 5 --sample 1e-3 --min-count 5 --epochs "$epochs" --threads "$threads" --quiet)
timed() { local name="$1"; shift; /usr/bin/time -f "$name %e %U %S %M" -a -o "$out/times.txt" "$embed" "$@"; }
: > "$out/times.txt"
timed scratch train skipgram "$out/all.txt" -o "$out/scratch.vec" "${common[@]}"
timed first-half train skipgram "$out/a.txt" --save-model "$out/a.model" -o "$out/a.vec" "${common[@]}"
timed continued train skipgram "$out/b.txt" --init "$out/a.model" -o "$out/continued.vec" "${common[@]}"
timed replay-half train skipgram "$out/b.txt" --init "$out/a.model" --replay "$out/a.txt" --replay-fraction 0.5 \
  -o "$out/replay-half.vec" "${common[@]}"
timed replay-all train skipgram "$out/b.txt" --init "$out/a.model" --replay "$out/a.txt" -o "$out/replay-all.vec" "${common[@]}"
runs=(scratch first-half continued replay-half replay-all)
if [ "$gensim" = 1 ]; then
  ensure_venv
  "$python" "$here/continue_gensim.py" --a "$out/a.txt" --b "$out/b.txt" --all "$out/all.txt" --out "$out" \
    --epochs "$epochs" --threads "$threads" > "$out/gensim-times.json"
  "$python" - "$out/gensim-times.json" >> "$out/times.txt" <<'PY'
import json, sys
for name, t in json.load(open(sys.argv[1])).items():
    print(f"gensim-{name} {t['wall']:.1f} {t['cpu']:.1f} 0 0")
PY
  runs+=(gensim-scratch gensim-first-half gensim-continued)
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| run | wall s | CPU s | analogy 30k | WS-353 | SimLex-999 |"
echo "|---|---|---|---|---|---|"
for run in "${runs[@]}"; do
  file="$out/$run.vec"; [ "$run" = first-half ] && file="$out/a.vec"
  json=$("$embed" eval "$file" --questions "$data/eval/questions-words.txt" \
    --similarity "$data/eval/wordsim353.tsv" "$data/eval/simlex999.txt" --restrict 30000 --json --quiet)
  read -r wall user sys _ < <(grep "^$run " "$out/times.txt" | cut -d' ' -f2-)
  python3 - "$run" "$wall" "$user" "$sys" "$json" <<'PY'
import json, sys
run, wall, user, sys_, text = sys.argv[1:]
j = json.loads(text)
def find(obj, key):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == key: return v
            r = find(v, key)
            if r is not None: return r
    elif isinstance(obj, list):
        for v in obj:
            r = find(v, key)
            if r is not None: return r
sims = {s.get("name", s.get("file", "")): s.get("spearman") for s in (j.get("similarity") or [])}
ws = next((v for k, v in sims.items() if "wordsim" in k.lower()), None)
sl = next((v for k, v in sims.items() if "simlex" in k.lower()), None)
acc = j["analogy"]["total"]["accuracy"]
f = lambda v, p: "-" if v is None else p % v
print(f"| {run} | {float(wall):.0f} | {float(user) + float(sys_):.0f} | {f(acc * 100 if acc is not None else None, '%.1f%%')} | {f(ws, '%.3f')} | {f(sl, '%.3f')} |")
PY
done
