# Role: the Python half of bench/skipgram.sh: trains gensim's Word2Vec (the peer) with given settings,
# evaluates any vector file (ours or gensim's) with the same gensim evaluator, printing one JSON line each, and
# reports the comparison (and, with --budget, embed given gensim's wall time as --time-budget).
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

    kv = KeyedVectors.load_word2vec_format(a.vectors, no_header=a.no_header)
    score, _ = kv.evaluate_word_analogies(a.analogies, restrict_vocab=30000)
    ws = kv.evaluate_word_pairs(a.wordsim, restrict_vocab=300000)[1][0]
    sl = kv.evaluate_word_pairs(a.simlex, restrict_vocab=300000)[1][0]
    print(json.dumps({"analogy": score, "wordsim353": ws, "simlex999": sl, "words": len(kv)}))


def time_v(path):
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) from a /usr/bin/time -v log."""
    wall = rss = None
    cpu = 0.0
    for line in open(path):
        line = line.strip()
        if line.startswith("User time (seconds)") or line.startswith("System time (seconds)"):
            cpu += float(line.rsplit(" ", 1)[1])
        elif line.startswith("Elapsed (wall clock) time"):
            parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
            wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1]) / 1024
    return wall, rss, cpu


def report(a):
    import os
    import re

    def load(name):
        path = os.path.join(a.out, name)
        return json.load(open(path)) if os.path.exists(path) else None

    rows = {}
    for v in a.simd.split():
        ours_log = os.path.join(a.out, "skipgram_embed_%s.log" % v)
        text = open(ours_log).read()
        m = re.search(r"training ([0-9.]+) s", text)
        wall, rss, cpu = time_v(ours_log)
        rows["embed/" + v] = {"wall": wall, "rss": rss, "cpu": cpu, "train": float(m.group(1)) if m else None,
                              **load("skipgram_embed_%s_eval.json" % v)}
    g = load("skipgram_gensim_train.json")
    tokens = g["corpus_tokens"] if g else None
    if tokens is None:   # without gensim: embed's own count of the tokens it trains on (known words only)
        m = re.search(r"([0-9]+) known tokens", open(os.path.join(a.out, "skipgram_embed_%s.log" % a.simd.split()[0])).read())
        tokens = int(m.group(1)) if m else None
    if g:
        wall, rss, cpu = time_v(os.path.join(a.out, "skipgram_gensim.log"))
        rows["gensim"] = {"wall": wall, "rss": rss, "cpu": cpu, "train": g["train_seconds"],
                          **load("skipgram_gensim_eval.json")}
    for r in rows.values():
        r["wps"] = tokens * a.epochs / r["train"] if tokens and r["train"] else None
        r["wpcpu"] = tokens * a.epochs / r["cpu"] if tokens and r["cpu"] else None
    cols = [("wall s", "wall", "%.1f"), ("train s", "train", "%.1f"), ("words/s", "wps", "%.0f"),
            ("cpu s", "cpu", "%.1f"), ("words/cpu-s", "wpcpu", "%.0f"),
            ("peak RSS MB", "rss", "%.0f"), ("analogy@30k", "analogy", "%.4f"), ("WS353", "wordsim353", "%.4f"),
            ("SimLex", "simlex999", "%.4f")]
    print("%-16s" % "" + "".join("%14s" % c[0] for c in cols))
    for name, r in rows.items():
        print("%-16s" % name + "".join("%14s" % (c[2] % r[c[1]] if r.get(c[1]) is not None else "-") for c in cols))

    def ratios(e, g, against):
        print("ratios (%s): words/s %.2fx, words per cpu-second %.2fx, wall %.2fx faster, RSS %.2f, "
              "analogy %+.2f points, WS353 %+.3f, SimLex %+.3f" % (against, e["wps"] / g["wps"], e["wpcpu"] / g["wpcpu"],
                                                                  g["wall"] / e["wall"], e["rss"] / g["rss"],
                                            100 * (e["analogy"] - g["analogy"]), e["wordsim353"] - g["wordsim353"],
                                            e["simlex999"] - g["simlex999"]))

    for name in rows:
        if name.startswith("embed/") and "gensim" in rows and rows[name]["wps"]:
            ratios(rows[name], rows["gensim"], name + " / gensim")
        if name.startswith("embed/") and name != "embed/baseline" and "embed/baseline" in rows and rows[name]["wps"]:
            ratios(rows[name], rows["embed/baseline"], name + " / embed/baseline")
    json.dump(rows, open(os.path.join(a.out, "skipgram.json"), "w"), indent=1)
    print("words/s = corpus tokens (%s) x epochs / training seconds (vocabulary and writing excluded); "
          "words/cpu-s uses the whole process's user + system time (less sensitive to other load)" % tokens)


def budget_report(a):
    """embed runs given gensim's wall time as --time-budget (issue 19) against gensim: epochs, time, quality."""
    import os
    import re

    gensim_wall, _, gensim_cpu = time_v(os.path.join(a.out, "skipgram_gensim.log"))
    g = json.load(open(os.path.join(a.out, "skipgram_gensim_eval.json")))
    print("time budget = gensim's whole run: %.1f s wall (%.1f cpu s)" % (gensim_wall, gensim_cpu))
    print("%-34s %8s %8s %7s %10s %8s %8s" % ("", "wall s", "cpu s", "epochs", "analogy", "WS353", "SimLex"))
    print("%-34s %8.1f %8.1f %7d %9.2f%% %8.4f %8.4f" % ("gensim (5 epochs)", gensim_wall, gensim_cpu, a.epochs,
                                                       100 * g["analogy"], g["wordsim353"], g["simlex999"]))
    verdicts = []
    for name, label in [("same", "embed, gensim's settings"), ("auto", "embed, its defaults")]:
        log = os.path.join(a.out, "skipgram_budget_%s.log" % name)
        if not os.path.exists(log):
            continue
        text = open(log).read()
        wall, _, cpu = time_v(log)
        e = json.load(open(os.path.join(a.out, "skipgram_budget_%s_eval.json" % name)))
        m = re.search(r"time budget [0-9.]+ s: ([0-9]+) epoch", text)
        chosen = re.search(r"tokens -> (.*) \(auto", text)
        print("%-34s %8.1f %8.1f %7s %9.2f%% %8.4f %8.4f%s" % (label, wall, cpu, m.group(1) if m else "?", 100 * e["analogy"],
                                                           e["wordsim353"], e["simlex999"],
                                                           "   (chose: %s)" % chosen.group(1) if chosen else ""))
        gain = 100 * (e["analogy"] - g["analogy"])
        ok = gain >= 5 and e["wordsim353"] >= g["wordsim353"] and e["simlex999"] >= g["simlex999"] and wall <= gensim_wall * 1.03
        verdicts.append("%s: analogy %+.2f points, WS353 %+.4f, SimLex %+.4f, wall %.2fx gensim's -> %s"
                        % (label, gain, e["wordsim353"] - g["wordsim353"], e["simlex999"] - g["simlex999"],
                           wall / gensim_wall, "met" if ok else "MISSED"))
    print("target (issue 19): >= 5 points above gensim's analogy at 30k, similarity not worse, within its time")
    for v in verdicts:
        print("  " + v)


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
    r = sub.add_parser("report")
    r.add_argument("--out", required=True)
    r.add_argument("--simd", default="baseline", help="the kernel variants embed ran with, space-separated")
    r.add_argument("--epochs", type=int, default=5)
    b = sub.add_parser("budget-report")
    b.add_argument("--out", required=True)
    b.add_argument("--epochs", type=int, default=5, help="gensim's epochs")
    a = p.parse_args()
    {"train-gensim": train_gensim, "evaluate": evaluate, "report": report, "budget-report": budget_report}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
