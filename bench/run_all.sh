#!/usr/bin/env bash
# Role: `make bench`: runs every benchmark script in bench/ (each compares embed with a peer in the same run).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bash "$here/setup_venv.sh"
status=0
for script in foundation vectors_io skipgram glove subwords continue eval classify classify_emoji_cv tag phrases; do
  if [ -f "$here/$script.sh" ]; then
    echo "=== bench/$script.sh"
    bash "$here/$script.sh" || status=1
  fi
done
exit $status
