# Role: what every benchmark script shares (sourced, not run): the repository's paths, the shared data,
# the release `embed` binary and the peers' venv, built or installed when missing.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
data="${EMBED_SHARED_DATA:-$repo/../shared/data}"
python="$here/.venv/bin/python"
embed="$repo/.build/release/embed"

ensure_embed() { [ -x "$embed" ] || (cd "$repo" && swift build -c release --product embed >/dev/null); }
ensure_venv() { [ -x "$python" ] || bash "$here/setup_venv.sh"; }
# $1: the script's name, for the message.
require_time() { command -v /usr/bin/time >/dev/null || { echo "$1: /usr/bin/time is missing (apt-get install time)"; exit 1; }; }
