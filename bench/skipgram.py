# Role: the Python half of bench/skipgram.sh: trains gensim's Word2Vec (the peer) with given settings, and
# evaluates any vector file (ours or gensim's) with the same gensim evaluator, printing one JSON line each.
import argparse
import json
import sys
import time


def train_gensim(a):
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    t0 = time.time()
    model = Word2Vec(vector_size=a.dim, window=a.window, negative=a.negative, hs=0, sample=a.sample,
                     min_count=a.min_count, workers=a.threads, sg=1, seed=a.seed, alpha=0.025)
    if a.mode == "file":
        model.build_vocab(corpus_file=a.corpus)
    else:
        model.build_vocab(LineSentence(a.corpus))
    t1 = time.time()
    if a.mode == "file":
        model.train(corpus_file=a.corpus, total_words=model.corpus_total_words, epochs=a.epochs)
    else:
        model.train(LineSentence(a.corpus), total_examples=model.corpus_count, epochs=a.epochs)
    t2 = time.time()
    model.wv.save_word2vec_format(a.output)
    t3 = time.time()
    words = model.corpus_total_words * a.epochs
    print(json.dumps({"vocab_seconds": t1 - t0, "train_seconds": t2 - t1, "write_seconds": t3 - t2,
                      "corpus_tokens": model.corpus_total_words, "vocab_size": len(model.wv),
                      "words_per_sec": words / (t2 - t1)}))


def evaluate(a):
    from gensim.models import KeyedVectors
    from gensim.test.utils import datapath  # noqa: F401  (gensim's own evaluator below)

    kv = KeyedVectors.load_word2vec_format(a.vectors, no_header=a.no_header)
    score, _ = kv.evaluate_word_analogies(a.analogies, restrict_vocab=30000)
    ws = kv.evaluate_word_pairs(a.wordsim, restrict_vocab=300000)[1][0]
    sl = kv.evaluate_word_pairs(a.simlex, restrict_vocab=300000)[1][0]
    print(json.dumps({"analogy": score, "wordsim353": ws, "simlex999": sl, "words": len(kv)}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train-gensim")
    t.add_argument("corpus")
    t.add_argument("output")
    t.add_argument("--mode", choices=["iterable", "file"], default="iterable")
    for name, typ, default in [("dim", int, 100), ("window", int, 5), ("negative", int, 5), ("sample", float, 1e-4),
                               ("epochs", int, 5), ("min-count", int, 5), ("threads", int, 2), ("seed", int, 1)]:
        t.add_argument("--" + name, type=typ, default=default)
    e = sub.add_parser("evaluate")
    e.add_argument("vectors")
    e.add_argument("--no-header", action="store_true")
    e.add_argument("--analogies", required=True)
    e.add_argument("--wordsim", required=True)
    e.add_argument("--simlex", required=True)
    a = p.parse_args()
    train_gensim(a) if a.cmd == "train-gensim" else evaluate(a)


if __name__ == "__main__":
    sys.exit(main())
