"""Role: the fastText side of bench/subwords.sh: trains fastText's subword skip-gram (train), checks that fastText
and embed give the same vectors for each other's .bin files (agree), and prints the comparison table (report)."""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

from skipgram import time_v

PROBES = ["the", "king", "queen", "running", "photosynthesis", "embeddingness", "unbelievabilityish", "qzxv", "zürich"]


def train(a):
    import fasttext
    model = fasttext.train_unsupervised(a.corpus, model="skipgram", dim=100, ws=5, neg=5, minn=3, maxn=6,
                                        epoch=a.epochs, thread=a.threads, t=1e-4, minCount=5, bucket=2000000,
                                        verbose=0)
    model.save_model(a.model)
    print(json.dumps({"words": len(model.words)}))


def agree(a):
    import fasttext
    result = {}
    for tool in ("embed", "fasttext"):
        path = os.path.join(a.out, tool + ".bin")
        if not os.path.exists(path):
            continue
        theirs = fasttext.load_model(path)
        text = subprocess.run([a.embed, "vector", path] + PROBES, check=True, capture_output=True, text=True).stdout
        worst = 0.0
        for line in text.splitlines():
            parts = line.split(" ")
            ours = np.array(parts[1:], dtype=np.float32)
            worst = max(worst, float(np.abs(theirs.get_word_vector(parts[0]) - ours).max()))
        result[tool] = {"max_abs_difference": worst, "words": len(PROBES)}
    print(json.dumps(result))


def report(a):
    def load(name):
        path = os.path.join(a.out, name)
        return json.load(open(path)) if os.path.exists(path) else None

    tokens = 17_006_479 * a.epochs
    agree = load("agree.json") or {}
    print("| | wall s | CPU s | words / CPU-s | peak RSS MB | analogy 30k | semantic | syntactic | "
          "analogy + OOV | WS-353 | + OOV | SimLex-999 | + OOV | reads the other's .bin (max diff) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    rates = {}
    for tool in ("embed", "fasttext"):
        ev = load(tool + ".eval.json")
        if ev is None:
            continue
        wall, rss, cpu = time_v(os.path.join(a.out, tool + ".time"))
        rates[tool] = tokens / cpu
        an, sim = ev["analogy"], ev["similarity"]
        oov = an["oov_subwords"]
        other = "fasttext" if tool == "embed" else "embed"
        diff = agree.get(other if tool == "embed" else tool, {}).get("max_abs_difference")
        print(f"| {tool} | {wall:.0f} | {cpu:.0f} | {tokens / cpu / 1000:.0f}k | {rss:.0f} | "
              f"{an['total']['accuracy'] * 100:.1f}% | {an['semantic']['accuracy'] * 100:.1f}% | "
              f"{an['syntactic']['accuracy'] * 100:.1f}% | {oov['total']['accuracy'] * 100:.1f}% "
              f"({oov['total']['seen']} q) | {sim[0]['spearman']:.3f} | {sim[0]['oov_subwords']['spearman']:.3f} | "
              f"{sim[1]['spearman']:.3f} | {sim[1]['oov_subwords']['spearman']:.3f} | "
              f"{'' if diff is None else f'{diff:.1e}'} |")
    if len(rates) == 2:
        print(f"embed / fastText words per CPU-second: {rates['embed'] / rates['fasttext']:.2f}x")
    print("agreement (fastText's vectors of each .bin against embed's):", json.dumps(agree))


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train"); t.add_argument("corpus"); t.add_argument("model")
    t.add_argument("--threads", type=int, default=2); t.add_argument("--epochs", type=int, default=5)
    g = sub.add_parser("agree"); g.add_argument("embed"); g.add_argument("out")
    r = sub.add_parser("report"); r.add_argument("out"); r.add_argument("--epochs", type=int, default=5)
    a = p.parse_args()
    sys.path.insert(0, os.path.dirname(__file__))
    {"train": train, "agree": agree, "report": report}[a.command](a)
