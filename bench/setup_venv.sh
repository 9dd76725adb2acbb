#!/usr/bin/env bash
# Role: creates bench/.venv with the peer tools the benchmarks compare against (never needed by the tests).
# gensim and fastText are required; Keras on JAX (the classifier's peer) is optional: when pip cannot install
# it, this says so and bench/classify.sh skips that peer.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/python" -c "import gensim, fasttext" 2>/dev/null || \
  "$here/.venv/bin/pip" install -q "gensim==4.4.0" fasttext-wheel
KERAS_BACKEND=jax "$here/.venv/bin/python" -c "import keras, jax" 2>/dev/null || \
  "$here/.venv/bin/pip" install -q "keras==3.15.1" "jax[cpu]" || \
  echo "setup_venv: pip could not install keras and jax[cpu]: the Keras peer will be skipped" >&2
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
