#!/usr/bin/env python3
# Role: makes the fastText fixtures of the EmbedVectors tests with the real `fasttext` package (bench/.venv):
# a small skip-gram model trained on the first articles of corpora/wiki, the vectors fastText gives for
# in-vocabulary and out-of-vocabulary words, a tiny supervised model and its quantized (.ftz) form from
# corpora/classify, and fastText's subword ids for the hash tests (printed).
# Run from the repository root:  bench/.venv/bin/python Tests/EmbedVectorsTests/Fixtures/fasttext/make_fixture.py
import os, subprocess, sys, tempfile
import fasttext
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, '../../../..'))
ARTICLES = 6          # the first 6 lines (articles) of corpora/wiki: 39,387 tokens
SETTINGS = dict(model='skipgram', dim=10, ws=5, epoch=5, minCount=8, neg=5, wordNgrams=1, loss='ns',
                bucket=2000, minn=3, maxn=6, lrUpdateRate=100, t=1e-4, lr=0.05, thread=1, verbose=0)
# Words whose vectors the tests compare: in the vocabulary, and outside it (typos, inflections, non-ASCII).
IN_VOCAB = ['anarchism', 'the', 'political', 'state', 'of', 'society', '</s>']
OOV = ['anarchisms', 'politicaly', 'unseenword', 'café', 'naïve', '中文', '🙂', 'x', 'ab', 'Anarchism']


def main():
    text = subprocess.run(['zstdcat', os.path.join(root, 'corpora/wiki/enwiki-sample.txt.zst')],
                          check=True, capture_output=True).stdout.decode('utf-8').split('\n')[:ARTICLES]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, 'corpus.txt')
        with open(corpus, 'w', encoding='utf-8') as f:
            f.write('\n'.join(text) + '\n')
        model = fasttext.train_unsupervised(corpus, **SETTINGS)
    model.save_model(os.path.join(here, 'wiki-sg-d10.bin'))
    with open(os.path.join(here, 'wiki-sg-d10.expected.txt'), 'w', encoding='utf-8') as f:
        for w in IN_VOCAB + OOV:
            v = model.get_word_vector(w).astype(np.float32)
            kind = 'in' if model.get_word_id(w) >= 0 else 'oov'
            f.write(kind + ' ' + w + ' ' + ' '.join(repr(float(x)) for x in v) + '\n')
    print(f'fasttext {fasttext_version()}: {len(model.words)} words, dim {model.get_dimension()}, '
          f'{os.path.getsize(os.path.join(here, "wiki-sg-d10.bin"))} bytes')

    # A supervised model (labels in the dictionary, output rows per label) and its quantized form.
    with tempfile.TemporaryDirectory() as tmp:
        labelled = os.path.join(tmp, 'feelings.txt')
        with open(os.path.join(root, 'corpora/classify/feelings-train.csv'), encoding='utf-8') as src, \
                open(labelled, 'w', encoding='utf-8') as f:
            for line in src:
                sentence, label = line.rstrip('\n').rsplit(',', 1)
                f.write(f'__label__{label} {sentence.strip(chr(34))}\n')
        sup = fasttext.train_supervised(labelled, dim=4, epoch=5, minCount=1, wordNgrams=2, bucket=1000, thread=1,
                                       verbose=0)
        sup.save_model(os.path.join(here, 'feelings-sup-d4.bin'))
        with open(os.path.join(here, 'feelings-sup-d4.expected.txt'), 'w', encoding='utf-8') as f:
            for w in ['food', 'love', 'neverseen']:
                v = sup.get_word_vector(w).astype(np.float32)
                kind = 'in' if sup.get_word_id(w) >= 0 else 'oov'
                f.write(kind + ' ' + w + ' ' + ' '.join(repr(float(x)) for x in v) + '\n')
        sup.quantize(input=labelled, qnorm=True, retrain=False, cutoff=0, dsub=2)
        sup.save_model(os.path.join(here, 'feelings-sup-d4.ftz'))

    # Subword ids for the hash tests: a throwaway model with fastText's default 2,000,000 buckets.
    with tempfile.TemporaryDirectory() as tmp:
        tiny = os.path.join(tmp, 'tiny.txt')
        with open(tiny, 'w', encoding='utf-8') as f:
            f.write('the\n' * 5)
        big = fasttext.train_unsupervised(tiny, model='skipgram', dim=1, minCount=1, bucket=2000000, minn=1, maxn=6,
                                          epoch=1, thread=1, verbose=0)
    nwords = len(big.words)
    for w in ['a', 'ab', 'the', 'café', 'naïve', '中文', '🙂', 'é']:
        subwords, ids = big.get_subwords(w)
        print(w, [(s, int(i) - nwords) for s, i in zip(subwords, ids)])


def fasttext_version():
    try:
        from importlib.metadata import version
        return version('fasttext-wheel')
    except Exception:
        return 'unknown'


if __name__ == '__main__':
    sys.exit(main())
