# Role: the gensim half of bench/continue.sh: the same experiment with gensim 4's Word2Vec (skip-gram, negative
# sampling): on A+B from scratch, on A, then A's model continued on B (build_vocab(update=True) and train, which
# restarts the learning rate at alpha), each written as word2vec text for `embed eval`; prints one JSON line of
# wall and CPU seconds per run.
import argparse
import json
import time


def train(model, corpus, epochs):
    from gensim.models.word2vec import LineSentence

    model.train(LineSentence(corpus), total_examples=model.corpus_count, epochs=epochs)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--a", required=True)
    p.add_argument("--b", required=True)
    p.add_argument("--all", required=True)
    p.add_argument("--out", required=True, help="directory for gensim-{scratch,first-half,continued}.vec")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    def fresh():
        return Word2Vec(vector_size=100, window=5, negative=5, hs=0, sample=1e-3, min_count=5, workers=a.threads,
                        sg=1, seed=1, alpha=0.025)

    times = {}

    def timed(name, work):
        w0, c0 = time.time(), time.process_time()
        work()
        times[name] = {"wall": time.time() - w0, "cpu": time.process_time() - c0}

    scratch = fresh()
    timed("scratch", lambda: (scratch.build_vocab(LineSentence(a.all)), train(scratch, a.all, a.epochs)))
    scratch.wv.save_word2vec_format(f"{a.out}/gensim-scratch.vec")
    model = fresh()
    timed("first-half", lambda: (model.build_vocab(LineSentence(a.a)), train(model, a.a, a.epochs)))
    model.wv.save_word2vec_format(f"{a.out}/gensim-first-half.vec")
    timed("continued", lambda: (model.build_vocab(LineSentence(a.b), update=True), train(model, a.b, a.epochs)))
    model.wv.save_word2vec_format(f"{a.out}/gensim-continued.vec")
    print(json.dumps(times))


if __name__ == "__main__":
    main()
