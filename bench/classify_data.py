# Role: what the classifier benchmark's Python peers share: reading labelled sentences (CSV `"sentence",label`
# or `label sentence` lines, chosen as `embed classify` does), its tokenizer (lower-case, whitespace) and
# GloVe / word2vec text vectors (plain or .zst, decompressed with the zstd tool).
import csv
import subprocess

import numpy as np


def tokens(text):
    return text.lower().split()


def read_labeled(path):
    """[(tokens, label)] of every non-blank row; CSV when the name ends in .csv or the first row starts with a quote."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    if not lines:
        raise SystemExit(f"{path}: no labelled sentences")
    rows = []
    if path.lower().endswith(".csv") or lines[0].lstrip(" ").startswith('"'):
        for n, fields in enumerate(csv.reader(lines, skipinitialspace=True), 1):
            fields = [x.strip() for x in fields]
            while len(fields) > 2 and not fields[-1]:
                fields.pop()
            if len(fields) != 2 or not fields[0] or not fields[1]:
                raise SystemExit(f"{path}:{n}: expected \"sentence\",label")
            rows.append((tokens(fields[0]), fields[1]))
    else:
        for n, line in enumerate(lines, 1):
            parts = line.strip().split(None, 1)
            if len(parts) != 2:
                raise SystemExit(f"{path}:{n}: expected `label sentence`")
            rows.append((tokens(parts[1]), parts[0]))
    return rows


def read_vectors(path):
    """(words, float32 matrix) of a GloVe or word2vec text file (a `count dim` header line is skipped), read as
    a stream in chunks so the text is never held whole."""
    if path.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-q", "-dc", path], stdout=subprocess.PIPE)
        stream = proc.stdout
    else:
        proc, stream = None, open(path, "rb")
    words, blocks, chunk, dim = [], [], [], None

    def flush():
        block = np.fromstring(" ".join(chunk), sep=" ", dtype=np.float32)
        if block.size != len(chunk) * dim:
            raise SystemExit(f"{path}: rows near line {len(words)} do not all have {dim} numbers")
        blocks.append(block.reshape(len(chunk), dim))
        chunk.clear()

    for n, raw in enumerate(stream):
        word, _, rest = raw.decode("utf-8", "replace").rstrip().partition(" ")
        if n == 0 and rest.isdigit() and word.isdigit():
            continue
        if not rest:
            continue
        if dim is None:
            dim = len(rest.split())
        words.append(word)
        chunk.append(rest)
        if len(chunk) == 20000:
            flush()
    if chunk:
        flush()
    stream.close()
    if proc is not None and proc.wait() != 0:
        raise SystemExit(f"{path}: zstd failed")
    if not words:
        raise SystemExit(f"{path}: no vectors")
    return words, np.concatenate(blocks)
