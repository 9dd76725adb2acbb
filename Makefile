# Role: the two commands a user needs (`make demo`, `make test`), plus `make bench`, `make readme-check` and helpers.
# System packages: libzstd-dev, libopenblas-dev, pkg-config (installed with apt-get when missing and root).

SWIFT      ?= swift
RELEASE    := .build/release
EMBED      := $(RELEASE)/embed
SYSTEM_PKGS := libzstd-dev libopenblas-dev pkg-config

.PHONY: all deps build test fuzz demo bench readme-check clean spark-test

all: build

deps:
	@if ! pkg-config --exists libzstd openblas 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(SYSTEM_PKGS) with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PKGS) >/dev/null; \
	  else \
	    echo "embed needs the system packages $(SYSTEM_PKGS): run  sudo apt-get install $(SYSTEM_PKGS)"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release --product embed

# The test suite runs optimised (numeric Swift is 10-100x slower in debug) with @testable imports enabled;
# then the example package that uses the library is built and run, and every public symbol must be documented.
test: deps
	$(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-test
	$(SWIFT) run -c release --package-path Examples/QuickStart --scratch-path .build-examples QuickStart .
	python3 Tests/docs/check_public_docs.py

# The Spark job on local[2] (installs Java 17 with apt-get when missing and root, pyspark into scale/.venv):
# vocab.txt and cooc.bin must equal the single-node files byte for byte.
spark-test: build
	bash scale/spark/test.sh

# The long fuzzing run: 100,000 mutants per file reader (`make test` runs 3,000 each), with a line per reader.
fuzz: deps
	EMBED_FUZZ_ITERATIONS=100000 EMBED_FUZZ_VERBOSE=1 $(SWIFT) test -c release -Xswiftc -enable-testing \
	  --scratch-path .build-test --filter FuzzTests

# The demo: each step prints one line (what it does, how long it took), then its output indented.
# It reads only what the repository ships (corpora/), and writes to vectors/.
define DEMO_SCRIPT
set -eu
E=$(EMBED)
mkdir -p vectors
step() {
  msg="$$1"; shift
  t0=$$(date +%s.%N)
  if ! "$$@" > vectors/.demo-step.log 2>&1; then
    printf '%s: FAILED\n' "$$msg"; sed 's/^/    /' vectors/.demo-step.log; exit 1
  fi
  printf '%-68s %6.1f s\n' "$$msg" "$$(awk "BEGIN{print $$(date +%s.%N) - $$t0}")"
  if [ -n "$${SHOW:-}" ]; then grep -E "$$SHOW" vectors/.demo-step.log | sed 's/^/    /' || true
  else sed 's/^/    /' vectors/.demo-step.log; fi
}
# A training step shows only the settings chosen from the corpus and the summary line.
train_step() { SHOW='tokens -> |total [0-9.]+ s$$' step "$$@"; }
CORPUS=corpora/wiki
EVAL="--questions corpora/eval/questions-words.txt --similarity corpora/eval/wordsim353.tsv corpora/eval/simlex999.txt"
train_step "1. skip-gram (negative sampling) on $$CORPUS -> vectors/skipgram.txt.zst" \
  $$E train skipgram $$CORPUS -o vectors/skipgram.txt.zst --min-count 3 --log vectors/skipgram-log.csv
train_step "2. GloVe on $$CORPUS -> vectors/glove.txt.zst" \
  $$E train glove $$CORPUS -o vectors/glove.txt.zst --min-count 3 --log vectors/glove-log.csv
for v in skipgram glove; do
  step "3. $$v: nearest neighbours" $$E neighbors vectors/$$v.txt.zst king war music france -k 5
  step "4. $$v: king - man + woman" $$E neighbors vectors/$$v.txt.zst king - man + woman -k 3
  step "5. $$v: analogies and word similarity (shipped sets)" $$E eval vectors/$$v.txt.zst $$EVAL
done
echo "   Why the analogies above are weak: $$CORPUS has 453k tokens; analogies need tens of millions (a text8-size"
echo "   corpus of 17M tokens gives 35-40% on the same set). README, 'Train on a real corpus', shows how."
step "5b. the same query on the shipped pretrained GloVe 6B 50d slice" \
  $$E neighbors corpora/vectors/glove.6B.50d.top20k.txt.zst king - man + woman -k 3
step "5c. the pretrained slice: analogies and word similarity" \
  $$E eval corpora/vectors/glove.6B.50d.top20k.txt.zst $$EVAL
step "5d. subword skip-gram (fastText's model) on $$CORPUS -> vectors/subwords.bin" \
  $$E train skipgram $$CORPUS --subwords --buckets 200000 --min-count 3 -o vectors/subwords.bin --quiet
step "5e. subwords: neighbours of words the corpus never has (through their n-grams)" \
  $$E neighbors vectors/subwords.bin anarchistically rebuildings -k 5
step "6. LSTM classifier on corpora/classify/feelings (GloVe 6B 50d slice)" \
  $$E classify train --vectors corpora/vectors/glove.6B.50d.top20k.txt.zst \
    --train corpora/classify/feelings-train.csv --test corpora/classify/feelings-test.csv \
    --epochs 40 --seed 1 -o vectors/feelings.embedclf --confusion-svg vectors/confusion.svg --quiet
step "7. predict a few sentences" $$E classify predict --model vectors/feelings.embedclf \
  "i love you" "food is life" "let us play ball tonight" "this is the worst day" "congratulations you did it"
step "8. slot filling: BiLSTM-CRF tagger on corpora/tag/flights (GloVe 6B 50d slice)" \
  $$E tag train --vectors corpora/vectors/glove.6B.50d.top20k.txt.zst \
    --train corpora/tag/flights-train.txt --test corpora/tag/flights-test.txt \
    --epochs 12 --hidden 50 --seed 1 -o vectors/flights.embedtag --quiet
step "9. tag the lecture's sentence" $$E tag predict --model vectors/flights.embedtag \
  "i would like to arrive taipei on october 23" "leave taipei on november 2nd"
step "10. pictures" sh -c "$$E plot corpora/vectors/glove.6B.50d.top20k.txt.zst king queen man woman prince princess father mother son daughter \
    --pairs man:woman,king:queen,father:mother,son:daughter -o vectors/words.svg && \
  $$E plot-log vectors/skipgram-log.csv --x progress --y loss learning_rate words_per_sec -o vectors/skipgram-loss.svg && \
  $$E plot-log vectors/glove-log.csv --x epoch --y cost updates_per_second -o vectors/glove-cost.svg"
rm -f vectors/.demo-step.log
echo "Pictures: vectors/words.svg, vectors/skipgram-loss.svg, vectors/glove-cost.svg, vectors/confusion.svg"
endef
export DEMO_SCRIPT

demo: build
	@bash -c "$$DEMO_SCRIPT"

bench: build
	@bash bench/run_all.sh

# Runs every shell example of README.md as written (in a scratch folder); not part of `make test`.
readme-check: build
	@bash Tests/readme/run_examples.sh

clean:
	rm -rf .build .build-test .build-examples vectors/*.zst vectors/*.txt vectors/*.bin vectors/*.svg
