#!/usr/bin/env bash
# Role: creates bench/.venv with the peer tools the benchmarks compare against (never needed by the tests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/python" -c "import gensim, fasttext" 2>/dev/null || \
  "$here/.venv/bin/pip" install -q "gensim==4.4.0" fasttext-wheel
command -v /usr/bin/time >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq time >/dev/null; }
