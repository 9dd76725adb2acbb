# Role: the Keras peer of bench/classify.sh (Keras 3, JAX CPU backend): frozen vectors (mask_zero, OOV -> a
# zero row) -> an encoder -> Dense softmax, Adam, categorical cross-entropy, batch 32; one JSON line per seed
# (test accuracy, best dev epoch, seconds per epoch). The encoders mirror `embed classify train --encoder`:
# lstm-last (the lecture's LSTM(128, sequences) -> Dropout(0.5) -> LSTM(128) -> Dropout(0.5)), bilstm-max and
# bilstm-mean (--layers Bidirectional LSTM(128) with Dropout(0.5) between, pooled over the unmasked steps,
# Dropout(0.5)), mean (masked average of the vectors, Dropout(0.5)) and cnn (Conv1D widths 3, 4, 5 x --filters,
# ReLU, max over time, Dropout(0.5); the padding is zero vectors, as in Kim 2014).
import argparse
import json
import os
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

from classify_data import read_labeled, read_vectors  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--vectors", required=True)
    p.add_argument("--train", required=True)
    p.add_argument("--dev")
    p.add_argument("--test", required=True)
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--seeds", type=int, nargs="+", default=[1])
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--no-mask", action="store_true", help="no mask_zero: the LSTMs run over the padding too")
    p.add_argument("--encoder", default="lstm-last", choices=["lstm-last", "bilstm-max", "bilstm-mean", "mean", "cnn"])
    p.add_argument("--layers", type=int, default=2, help="recurrent layers (lstm-last, bilstm-*)")
    p.add_argument("--filters", type=int, default=100, help="filters per width (cnn)")
    p.add_argument("--lr", type=float, default=0.001)
    a = p.parse_args()

    t0 = time.time()
    import keras
    import numpy as np

    train, test = read_labeled(a.train), read_labeled(a.test)
    dev = read_labeled(a.dev) if a.dev else None
    words, vectors = read_vectors(a.vectors)
    row = {}
    for i, w in enumerate(words):
        row.setdefault(w, i + 1)
    unk = len(words) + 1
    # Rows: 0 padding, 1...n the file's vectors, n+1 the unknown word (zeros, but not masked).
    table = np.zeros((len(words) + 2, vectors.shape[1]), dtype=np.float32)
    table[1:len(words) + 1] = vectors
    del vectors
    labels = sorted({label for _, label in train})
    label_index = {label: i for i, label in enumerate(labels)}
    sets = [s for s in (train, dev, test) if s]
    length = max(len(t) for t, _ in train) if a.no_mask else max(max(len(t), 1) for s in sets for t, _ in s)

    def encode(rows):
        x = np.zeros((len(rows), length), dtype=np.int32)
        for i, (toks, _) in enumerate(rows):
            ids = [row.get(t, unk) for t in toks][:length] or [unk]
            x[i, :len(ids)] = ids
        y = keras.utils.to_categorical([label_index[label] for _, label in rows], len(labels))
        return x, y

    xtr, ytr = encode(train)
    xte, yte = encode(test)
    xdev, ydev = encode(dev) if dev else (None, None)
    load_seconds = time.time() - t0

    for seed in a.seeds:
        keras.utils.set_random_seed(seed)
        model = build_model(keras, a, table, len(labels), length)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=a.lr), loss="categorical_crossentropy",
                      metrics=["accuracy"])
        tracker = EpochTracker(model, keras.callbacks.Callback)
        start = time.time()
        model.fit(xtr, ytr, epochs=a.epochs, batch_size=a.batch, shuffle=True, verbose=0,
                  validation_data=(xdev, ydev) if dev else None, callbacks=[tracker.callback])
        train_seconds = time.time() - start
        if tracker.best_weights is not None:
            model.set_weights(tracker.best_weights)
        _, test_acc = model.evaluate(xte, yte, batch_size=256, verbose=0)
        print(json.dumps({"seed": seed, "test_accuracy": float(test_acc), "best_epoch": tracker.best_epoch,
                          "dev_accuracy": tracker.best_dev, "epochs_run": len(tracker.seconds),
                          "epoch_seconds": tracker.seconds, "train_seconds": train_seconds,
                          "load_seconds": load_seconds, "masked": not a.no_mask, "encoder": a.encoder, "keras": keras.__version__,
                          "backend": keras.backend.backend()}), flush=True)
        keras.backend.clear_session()


def build_model(keras, a, table, classes, length):
    """The encoder named by --encoder between the frozen embedding and the softmax."""
    L = keras.layers
    tokens = keras.Input(shape=(length,), dtype="int32")
    masked = not a.no_mask and a.encoder != "cnn"
    x = L.Embedding(table.shape[0], table.shape[1], weights=[table], trainable=False, mask_zero=masked)(tokens)
    if a.encoder == "lstm-last":
        for layer in range(a.layers):
            x = L.Dropout(0.5)(L.LSTM(128, return_sequences=layer + 1 < a.layers)(x))
    elif a.encoder.startswith("bilstm"):
        for layer in range(a.layers):
            x = L.Bidirectional(L.LSTM(128, return_sequences=True))(x)
            if layer + 1 < a.layers:
                x = L.Dropout(0.5)(x)
        x = L.Dropout(0.5)(masked_pooling(keras, "max" if a.encoder == "bilstm-max" else "mean")(x))
    elif a.encoder == "mean":
        x = L.Dropout(0.5)(masked_pooling(keras, "mean")(x))
    else:
        pooled = [L.GlobalMaxPooling1D()(L.Conv1D(a.filters, width, activation="relu", padding="same")(x))
                  for width in (3, 4, 5)]
        x = L.Dropout(0.5)(L.Concatenate()(pooled))
    return keras.Model(tokens, L.Dense(classes, activation="softmax")(x))


def masked_pooling(keras, kind):
    """Max or mean over the steps the mask keeps (Keras' GlobalMaxPooling1D ignores masks)."""
    ops = keras.ops

    class MaskedPooling(keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.supports_masking = True

        def call(self, x, mask=None):
            if mask is None:
                return ops.max(x, axis=1) if kind == "max" else ops.mean(x, axis=1)
            keep = ops.expand_dims(ops.cast(mask, x.dtype), -1)
            if kind == "max":
                return ops.max(ops.where(keep > 0, x, -1e9), axis=1)
            return ops.sum(x * keep, axis=1) / ops.maximum(ops.sum(keep, axis=1), 1)

        def compute_mask(self, inputs, mask=None):
            return None

    return MaskedPooling()


class EpochTracker:
    """Seconds of each epoch (dev scoring included), and the weights of the best dev epoch (ties: lower dev loss)."""

    def __init__(self, model, base):
        self.seconds, self.best_weights, self.best_epoch, self.best_dev = [], None, None, None
        tracker, best = self, [(-1.0, 0.0)]

        class Callback(base):
            def on_epoch_begin(self, epoch, logs=None):
                tracker.began = time.time()

            def on_epoch_end(self, epoch, logs=None):
                tracker.seconds.append(time.time() - tracker.began)
                if "val_accuracy" not in (logs or {}):
                    tracker.best_epoch = epoch + 1
                    return
                key = (logs["val_accuracy"], -logs["val_loss"])
                if key > best[0]:
                    best[0] = key
                    tracker.best_weights = model.get_weights()
                    tracker.best_epoch, tracker.best_dev = epoch + 1, float(logs["val_accuracy"])

        self.callback = Callback()


if __name__ == "__main__":
    sys.exit(main())
