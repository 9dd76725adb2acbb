# Role: the fastText peer of bench/classify.sh: `fasttext.train_supervised` (default settings but the epochs;
# optionally starting from pretrained vectors) on the same sentences and tokens as embed; one JSON line per seed
# (test accuracy, training seconds).
import argparse
import json
import os
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--train", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--epochs", type=int, default=5, help="fastText's default: 5")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seeds", type=int, nargs="+", default=[1])
    p.add_argument("--vectors", help="start from these pretrained vectors (GloVe or word2vec text, .zst)")
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
        for seed in a.seeds:
            start = time.time()
            model = fasttext.train_supervised(input=train, epoch=a.epochs, thread=a.threads, seed=seed, verbose=0,
                                              **extra)
            train_seconds = time.time() - start
            n, precision_at_1, _ = model.test(test)   # one label per sentence: precision@1 is the accuracy
            print(json.dumps({"seed": seed, "test_accuracy": precision_at_1, "n": n, "epochs": a.epochs,
                              "pretrained": bool(a.vectors), "train_seconds": train_seconds}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
