# Role: the fastText peer of bench/classify.sh: `fasttext.train_supervised` (default settings but the epochs;
# optionally starting from pretrained vectors; with --tune, -epoch, -lr and -wordNgrams chosen on the dev set, or
# on a seeded, stratified 10% hold-out of the training set without one) on the same sentences and tokens as
# embed; one JSON line per seed (test accuracy, training seconds, the settings).
import argparse
import itertools
import json
import os
import random
import sys
import tempfile
import time

from classify_data import read_labeled, read_vectors


def write_fasttext(rows, path):
    with open(path, "w", encoding="utf-8") as f:
        for toks, label in rows:
            f.write(f"__label__{label} {' '.join(toks)}\n")


def write_pretrained(vectors, rows, path):
    """The vectors of the training words only: fastText's supervised model keeps no other word (its default
    minn/maxn 0: no subwords), so this equals handing it the whole file, and is much faster to read."""
    words, matrix = read_vectors(vectors)
    wanted = {t for toks, _ in rows for t in toks}
    keep = {}
    for i, w in enumerate(words):
        if w in wanted:
            keep.setdefault(w, i)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"{len(keep)} {matrix.shape[1]}\n")
        for w, i in keep.items():
            f.write(w + " " + " ".join(f"{x:.6g}" for x in matrix[i]) + "\n")
    return matrix.shape[1]


def hold_out(rows, fraction=0.1, seed=1):
    """(train, dev): per label, round(fraction x count) rows drawn by a seeded shuffle (like embed --dev-split)."""
    by_label = {}
    for i, (_, label) in enumerate(rows):
        by_label.setdefault(label, []).append(i)
    rng, dev = random.Random(seed), set()
    for label in sorted(by_label):
        members = by_label[label][:]
        rng.shuffle(members)
        dev.update(members[:min(round(fraction * len(members)), len(members) - 1)])
    return [r for i, r in enumerate(rows) if i not in dev], [r for i, r in enumerate(rows) if i in dev]


GRID = {"epoch": [5, 10, 25, 50], "lr": [0.1, 0.25, 0.5, 1.0], "wordNgrams": [1, 2]}


def tune(fasttext, train_path, dev_path, threads, extra):
    """The grid setting with the best dev accuracy (seed 1; ties: the first)."""
    best = None
    for epoch, lr, ngrams in itertools.product(GRID["epoch"], GRID["lr"], GRID["wordNgrams"]):
        model = fasttext.train_supervised(input=train_path, epoch=epoch, lr=lr, wordNgrams=ngrams, thread=threads,
                                          seed=1, verbose=0, **extra)
        accuracy = model.test(dev_path)[1]
        if best is None or accuracy > best[0]:
            best = (accuracy, {"epoch": epoch, "lr": lr, "wordNgrams": ngrams})
    return best


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--epochs", type=int, default=5, help="fastText's default: 5")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seeds", type=int, nargs="+", default=[1])
    p.add_argument("--vectors", help="start from these pretrained vectors (GloVe or word2vec text, .zst)")
    p.add_argument("--dev", help="dev set for --tune (default: a 10%% hold-out of --train)")
    p.add_argument("--tune", action="store_true", help="choose -epoch, -lr, -wordNgrams on the dev set")
    a = p.parse_args()

    import fasttext

    with tempfile.TemporaryDirectory() as work:
        train, test = os.path.join(work, "train.txt"), os.path.join(work, "test.txt")
        rows = read_labeled(a.train)
        write_fasttext(rows, train)
        write_fasttext(read_labeled(a.test), test)
        extra = {}
        if a.vectors:
            extra["pretrainedVectors"] = os.path.join(work, "pretrained.vec")
            extra["dim"] = write_pretrained(a.vectors, rows, extra["pretrainedVectors"])
        chosen, dev_accuracy, tune_seconds = {"epoch": a.epochs}, None, 0.0
        if a.tune:
            if a.dev:
                tune_train, dev = train, os.path.join(work, "dev.txt")
                write_fasttext(read_labeled(a.dev), dev)
            else:
                part, held = hold_out(rows)
                tune_train, dev = os.path.join(work, "tune-train.txt"), os.path.join(work, "dev.txt")
                write_fasttext(part, tune_train)
                write_fasttext(held, dev)
            start = time.time()
            dev_accuracy, chosen = tune(fasttext, tune_train, dev, a.threads, extra)
            tune_seconds = time.time() - start
        for seed in a.seeds:
            start = time.time()
            model = fasttext.train_supervised(input=train, thread=a.threads, seed=seed, verbose=0, **chosen, **extra)
            train_seconds = time.time() - start
            n, precision_at_1, _ = model.test(test)   # one label per sentence: precision@1 is the accuracy
            print(json.dumps({"seed": seed, "test_accuracy": precision_at_1, "n": n, "epochs": chosen["epoch"],
                              "settings": chosen, "dev_accuracy_tuned": dev_accuracy, "tune_seconds": tune_seconds,
                              "pretrained": bool(a.vectors), "train_seconds": train_seconds}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
