#!/usr/bin/env python3
# Role: makes corpora/wiki/enwiki-sample.txt.zst from the Wikipedia excerpt in gensim 4.4.0's wheel
# (gensim/test/test_data/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2):
# markup stripped and lower-cased by gensim's WikiCorpus, one article per line (text8 style).
# Usage: python3 corpora/make_wiki_sample.py SITE_PACKAGES_GENSIM_TEST_DATA OUT.txt
import sys
from gensim.corpora.wikicorpus import WikiCorpus

src, out = sys.argv[1], sys.argv[2]
wiki = WikiCorpus(src, dictionary={}, processes=1, article_min_tokens=50)
with open(out, "w", encoding="utf-8") as f:
    for tokens in wiki.get_texts():
        f.write(" ".join(tokens) + "\n")
