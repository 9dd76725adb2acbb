# Role: the table of bench/tag.sh: reads each tool's JSON results and /usr/bin/time -v logs under the run's
# output folder (TASK/TOOL/) and prints test entity F1 (mean [min-max] over seeds), best epochs, s/epoch,
# training tokens per second, CPU seconds, peak RSS, and embed's ratios against Keras.
import json
import os
import statistics
import sys

from skipgram import time_v

NOTES = [
    "embed: `embed tag train` defaults (word 50 frozen + casing 8 + char BiLSTM 25 -> BiLSTM 100 -> CRF, IOBES,",
    "  Adam 0.002, clip 5, batch 32, dropout 0.5), --threads 2; s/epoch includes dev scoring.",
    "keras: Keras 3 on JAX (CPU), the same inputs (frozen vectors, casing embedding, TimeDistributed char BiLSTM),",
    "  BiLSTM 100 and dropout, but a per-token softmax: Keras has no CRF layer (no transitions, argmax decoding).",
    "  Its first epoch includes JAX compilation; tokens/s and s/epoch count epochs 2.. (steady state).",
    "F1: entities as conlleval counts them (exact type and span), on the test set at the best dev epoch.",
]


def runs(folder):
    path = os.path.join(folder, "runs.jsonl")
    if not os.path.exists(path):
        return []
    text, decoder, objects, i = open(path).read(), json.JSONDecoder(), [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return objects
        obj, i = decoder.raw_decode(text, i)
        objects.append(obj)


def row(folder, tool):
    rs = runs(os.path.join(folder, tool))
    if not rs:
        return None
    times = [time_v(os.path.join(folder, tool, f)) for f in sorted(os.listdir(os.path.join(folder, tool))) if f.startswith("time-")]
    out = {"n": len(rs), "cpu": sum(t[2] for t in times), "wall": sum(t[0] for t in times), "rss": max(t[1] for t in times)}
    if tool == "embed":
        out["f1"] = [r["test"]["f1"] for r in rs]
        out["best"] = [r["best_epoch"] for r in rs]
        out["epochs"] = sum(r["epochs_run"] for r in rs)
        out["per_epoch"] = statistics.mean(r["seconds_per_epoch"] for r in rs)
        out["tps"] = statistics.mean(r["tokens_per_second"] for r in rs)
        out["first"] = None
    else:
        out["f1"] = [r["test_f1"] for r in rs]
        out["best"] = [r["best_epoch"] for r in rs]
        out["epochs"] = sum(r["epochs_run"] for r in rs)
        steady = [s for r in rs for s in (r["epoch_seconds"][1:] or r["epoch_seconds"])]
        out["per_epoch"] = statistics.mean(steady)
        out["tps"] = statistics.mean(r["train_tokens"] / statistics.mean(r["epoch_seconds"][1:] or r["epoch_seconds"]) for r in rs)
        out["first"] = statistics.mean(r["epoch_seconds"][0] for r in rs)
    return out


def f1_cell(r):
    f = r["f1"]
    text = f"{statistics.mean(f):.4f}"
    if len(f) > 1:
        text += f" [{min(f):.4f}-{max(f):.4f}]"
    return text + f" (best epochs {','.join(map(str, r['best']))})"


def main():
    root = sys.argv[1]
    label = sys.argv[2] if len(sys.argv) > 2 else ""
    print("| task | tool | seeds | test F1 | s/epoch | train tokens/s | CPU s (all runs) | wall s | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for task in ("conll", "atis"):
        folder = os.path.join(root, task)
        if not os.path.isdir(folder):
            continue
        rows = {tool: row(folder, tool) for tool in ("embed", "keras")}
        for tool, r in rows.items():
            if not r:
                continue
            first = f" (first {r['first']:.1f})" if r["first"] else ""
            name = f"{task}{' (' + label + ')' if label else ''}"
            print(f"| {name} | {tool} | {r['n']} | {f1_cell(r)} | {r['per_epoch']:.2f}{first} | {r['tps']:.0f} | "
                  f"{r['cpu']:.0f} | {r['wall']:.0f} | {r['rss']:.0f} MB |")
        e, k = rows.get("embed"), rows.get("keras")
        if e and k:
            print(f"| {task} | embed / keras | | F1 {statistics.mean(e['f1']) - statistics.mean(k['f1']):+.4f} | "
                  f"{k['per_epoch'] / e['per_epoch']:.1f}x faster | {e['tps'] / k['tps']:.1f}x | "
                  f"CPU s per epoch {k['cpu'] / k['epochs'] / (e['cpu'] / e['epochs']):.1f}x less | | "
                  f"{k['rss'] / e['rss']:.1f}x less |")
    print()
    for line in NOTES:
        print(line)


if __name__ == "__main__":
    main()
