# Role: the Keras peer of bench/tag.sh (Keras 3, JAX CPU backend): the same inputs as `embed tag train` --
# frozen word vectors (exact spelling, else lower-cased, else an unmasked zero <UNK> row; mask_zero padding), a
# trainable 8-d casing embedding of the same 7 classes, a character BiLSTM (25-d embeddings, 25 units per
# direction, TimeDistributed) -- then Dropout(0.5) -> Bidirectional(LSTM(100), every step) -> Dropout(0.5) ->
# Dense softmax per token. Keras has no CRF layer, so this is the per-token softmax model (argmax decoding,
# no transition constraints). Adam (same rate), global-norm clipping 5, batches of 32 sentences of similar
# length (padded to 32 rows and bucketed lengths, so JAX compiles a handful of shapes), early stopping on the dev
# entity F1 counted as conlleval counts it. One JSON line per seed.
import argparse
import json
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

from classify_data import read_vectors  # noqa: E402

MAX_CHARS = 20  # characters kept per token (first 10 + last 10 of longer ones)


def read_conll(path):
    """[(tokens, tags)] of a CoNLL file: first column the token, last the tag; -DOCSTART- and blank lines split."""
    sentences, tokens, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(cols[0])
        tags.append(cols[-1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def casing(token):
    """The 7 casing classes of embed (Casing.swift), 1-based (0 is padding)."""
    digits = sum(c.isdigit() for c in token)
    letters = [c for c in token if c.isalpha()]
    others = len(token) - digits - len(letters)
    if digits:
        return 5 if not letters and not others else 6
    if not letters:
        return 7
    upper = sum(c.isupper() for c in letters)
    lower = sum(c.islower() for c in letters)
    if upper == 0:
        return 1
    if lower == 0:
        return 2
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return 3
    return 4


def bucket(n):
    """Padded length of a batch whose longest sentence has n tokens: multiples of 8 to 48, of 16 to 128, then 32."""
    step = 8 if n <= 48 else 16 if n <= 128 else 32
    return (n + step - 1) // step * step


def spans(tags):
    """Entities as conlleval reads them (B/I/O, plus E/S), as (type, start, end) triples."""
    out, prev_kind, prev_type, start = [], "O", "", None
    for i, tag in enumerate(tags + ["O"]):
        kind, typ = (tag, "") if tag == "O" else (tag[0], tag[2:])
        ends = prev_kind in "ES" or (prev_kind in "BI" and (kind in "BSO" or typ != prev_type))
        if prev_kind == "O":
            ends = False
        starts = kind in "BS" or (kind in "IE" and (prev_kind in "OES" or typ != prev_type))
        if kind == "O":
            starts = False
        if start is not None and ends:
            out.append((prev_type, start, i))
            start = None
        if starts:
            start = i
        prev_kind, prev_type = kind, typ
    return out


def f1(gold_sentences, predicted):
    gold = predicted_n = correct = 0
    for (_, tags), pred in zip(gold_sentences, predicted):
        g, p = set(spans(tags)), spans(pred)
        gold += len(g)
        predicted_n += len(p)
        correct += sum(s in g for s in p)
    prec = correct / predicted_n if predicted_n else 0
    rec = correct / gold if gold else 0
    return (2 * prec * rec / (prec + rec) if prec + rec else 0), prec, rec


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--vectors", required=True)
    p.add_argument("--train", required=True)
    p.add_argument("--dev", required=True)
    p.add_argument("--test", required=True)
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--patience", type=int, default=5)
    p.add_argument("--seeds", type=int, nargs="+", default=[1])
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--hidden", type=int, default=100)
    a = p.parse_args()

    t0 = time.time()
    import keras
    import numpy as np

    train, dev, test = read_conll(a.train), read_conll(a.dev), read_conll(a.test)
    words, vectors = read_vectors(a.vectors)
    row = {}
    for i, w in enumerate(words):
        row.setdefault(w, i + 1)
    unk = len(words) + 1
    table = np.zeros((len(words) + 2, vectors.shape[1]), dtype=np.float32)
    table[1:len(words) + 1] = vectors
    del vectors
    tags = sorted({t for _, ts in train for t in ts})
    tag_index = {t: i for i, t in enumerate(tags)}
    chars = {}
    for toks, _ in train:
        for tok in toks:
            for c in tok:
                chars[c] = chars.get(c, 0) + 1
    char_index = {c: i + 2 for i, c in enumerate(sorted(c for c, n in chars.items() if n >= 2))}  # 0 pad, 1 unknown

    def encode(sentences):
        out = []
        for toks, ts in sentences:
            w = [row.get(t, row.get(t.lower(), unk)) for t in toks]
            c = [casing(t) for t in toks]
            ch = []
            for t in toks:
                t = t if len(t) <= MAX_CHARS else t[:MAX_CHARS // 2] + t[-MAX_CHARS // 2:]
                ch.append([char_index.get(x, 1) for x in t])
            y = [tag_index.get(t, 0) for t in ts]
            out.append((w, c, ch, y))
        return out

    def batches(encoded, order, batch):
        """Batches padded to `batch` rows and a bucketed length (padding weighs 0): few distinct shapes to compile."""
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            length = bucket(max(len(encoded[i][0]) for i in idx))
            w = np.zeros((batch, length), np.int32)
            c = np.zeros((batch, length), np.int32)
            ch = np.zeros((batch, length, MAX_CHARS), np.int32)
            y = np.zeros((batch, length), np.int32)
            sw = np.zeros((batch, length), np.float32)
            for b, i in enumerate(idx):
                ww, cc, chs, yy = encoded[i]
                n = len(ww)
                w[b, :n], c[b, :n], y[b, :n], sw[b, :n] = ww, cc, yy, 1
                for t, x in enumerate(chs):
                    ch[b, t, :len(x)] = x
            yield idx, (w, c, ch), y, sw

    def by_length(encoded, rng, shuffle):
        """Sentences sorted by length in batches; batch order shuffled when training."""
        order = sorted(range(len(encoded)), key=lambda i: (len(encoded[i][0]), rng.random() if shuffle else i))
        groups = [order[i:i + a.batch] for i in range(0, len(order), a.batch)]
        if shuffle:
            rng.shuffle(groups)
        return [i for g in groups for i in g]

    etrain, edev, etest = encode(train), encode(dev), encode(test)
    train_tokens = sum(len(w) for w, _, _, _ in etrain)
    load_seconds = time.time() - t0

    def predict(model, encoded, sentences):
        out = [None] * len(encoded)
        for idx, x, _, _ in batches(encoded, sorted(range(len(encoded)), key=lambda i: len(encoded[i][0])), 256):
            probs = np.asarray(model.predict_on_batch(x))
            for b, i in enumerate(idx):
                out[i] = [tags[k] for k in probs[b, :len(encoded[i][0])].argmax(-1)]
        return f1(sentences, out)

    import random
    for seed in a.seeds:
        keras.utils.set_random_seed(seed)
        rng = random.Random(seed)
        w_in = keras.Input(shape=(None,), dtype="int32")
        c_in = keras.Input(shape=(None,), dtype="int32")
        ch_in = keras.Input(shape=(None, MAX_CHARS), dtype="int32")
        w = keras.layers.Embedding(table.shape[0], table.shape[1], weights=[table], trainable=False, mask_zero=True)(w_in)
        c = keras.layers.Embedding(8, 8)(c_in)
        ch = keras.layers.Embedding(len(char_index) + 2, 25, mask_zero=True)(ch_in)
        ch = keras.layers.TimeDistributed(keras.layers.Bidirectional(keras.layers.LSTM(25)))(ch)
        x = keras.layers.Concatenate()([w, c, ch])
        x = keras.layers.Dropout(0.5)(x)
        x = keras.layers.Bidirectional(keras.layers.LSTM(a.hidden, return_sequences=True))(x)
        x = keras.layers.Dropout(0.5)(x)
        out = keras.layers.Dense(len(tags), activation="softmax")(x)
        model = keras.Model([w_in, c_in, ch_in], out)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=a.lr, global_clipnorm=5.0),
                      loss="sparse_categorical_crossentropy")
        best = (-1.0, None, 0)
        seconds, started = [], time.time()
        for epoch in range(1, a.epochs + 1):
            began = time.time()
            for _, xb, yb, swb in batches(etrain, by_length(etrain, rng, True), a.batch):
                model.train_on_batch(xb, yb, sample_weight=swb)
            dev_f1 = predict(model, edev, dev)[0]
            seconds.append(time.time() - began)
            if dev_f1 > best[0]:
                best = (dev_f1, model.get_weights(), epoch)
            elif epoch - best[2] >= a.patience:
                break
        train_seconds = time.time() - started
        model.set_weights(best[1])
        test_f1, test_p, test_r = predict(model, etest, test)
        print(json.dumps({"seed": seed, "test_f1": test_f1, "test_precision": test_p, "test_recall": test_r,
                          "dev_f1": best[0], "best_epoch": best[2], "epochs_run": len(seconds),
                          "epoch_seconds": seconds, "train_seconds": train_seconds, "train_tokens": train_tokens,
                          "tokens_per_second": train_tokens * len(seconds) / train_seconds,
                          "load_seconds": load_seconds, "keras": keras.__version__,
                          "backend": keras.backend.backend()}), flush=True)
        keras.backend.clear_session()


if __name__ == "__main__":
    sys.exit(main())
