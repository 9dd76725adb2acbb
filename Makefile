# Role: the two commands a user needs (`make demo`, `make test`), plus `make bench` and helpers.
# System packages: libzstd-dev, libopenblas-dev, pkg-config (installed with apt-get when missing and root).

SWIFT      ?= swift
RELEASE    := .build/release
EMBED      := $(RELEASE)/embed
SYSTEM_PKGS := libzstd-dev libopenblas-dev pkg-config

.PHONY: all deps build test demo bench clean

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

# The test suite runs optimised (numeric Swift is 10-100x slower in debug) with @testable imports enabled.
test: deps
	$(SWIFT) test -c release -Xswiftc -enable-testing --scratch-path .build-test

demo: build
	@bash scripts/demo.sh

bench: build
	@bash bench/run_all.sh

clean:
	rm -rf .build .build-test vectors/*.zst vectors/*.txt vectors/*.bin vectors/*.svg
