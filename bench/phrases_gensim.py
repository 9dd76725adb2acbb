# Role: the gensim 4.4 side of bench/phrases.sh: learns Phrases on a plain-text corpus (one sentence per line,
# split on whitespace like embed), exports the phrase set for the scorings asked, writes the phrased corpus
# with FrozenPhrases, and prints the phase times as JSON.
import argparse
import json
import math
import sys
import time

from gensim.models.phrases import Phrases, npmi_scorer, original_scorer


def word2vec_scorer(worda_count, wordb_count, bigram_count, len_vocab, min_count, corpus_word_count):
    """word2phrase's score: N is the corpus's token count (gensim's `default` uses len(vocab) instead)."""
    denom = worda_count * wordb_count
    if denom == 0:
        return -math.inf
    return (bigram_count - min_count) / float(denom) * corpus_word_count


class Lines:
    def __init__(self, path):
        self.path = path

    def __iter__(self):
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                yield line.split()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=100)
    ap.add_argument("--npmi-threshold", type=float, default=0.5)
    ap.add_argument("--phrases-out", required=True, help="phrase set of the word2vec score, one per line")
    ap.add_argument("--gensim-default-out", required=True, help="phrase set of gensim's own default score")
    ap.add_argument("--npmi-out", required=True)
    ap.add_argument("--corpus-out", required=True)
    a = ap.parse_args()

    cpu0, t0 = time.process_time(), time.time()
    model = Phrases(Lines(a.corpus), min_count=a.min_count, threshold=a.threshold, scoring=word2vec_scorer,
                    delimiter="_", max_vocab_size=40_000_000)
    learn = (time.time() - t0, time.process_time() - cpu0)

    t1, c1 = time.time(), time.process_time()
    frozen = model.freeze()
    with open(a.corpus_out, "w", encoding="utf-8") as out:
        for sentence in Lines(a.corpus):
            out.write(" ".join(frozen[sentence]) + "\n")
    transform = (time.time() - t1, time.process_time() - c1)

    t2 = time.time()
    with open(a.phrases_out, "w", encoding="utf-8") as out:
        for p in sorted(frozen.phrasegrams):
            out.write(p + "\n")
    model.scoring = original_scorer   # gensim's own `default`: N = len(vocab)
    with open(a.gensim_default_out, "w", encoding="utf-8") as out:
        for p in sorted(model.export_phrases()):
            out.write(p + "\n")
    model.scoring, model.threshold = npmi_scorer, a.npmi_threshold
    with open(a.npmi_out, "w", encoding="utf-8") as out:
        for p in sorted(model.export_phrases()):
            out.write(p + "\n")
    exports = time.time() - t2

    json.dump({"learn_wall": learn[0], "learn_cpu": learn[1], "transform_wall": transform[0],
               "transform_cpu": transform[1], "export_wall": exports, "vocab_entries": len(model.vocab),
               "corpus_word_count": model.corpus_word_count, "phrases": len(frozen.phrasegrams)},
              sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
