# Role: what every benchmark script shares (sourced, not run): the repository's paths, the shared data,
# the release `embed` binary and the peers' venv, built or installed when missing.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
data="${EMBED_SHARED_DATA:-$repo/../shared/data}"
python="$here/.venv/bin/python"
embed="$repo/.build/release/embed"

ensure_embed() { [ -x "$embed" ] || (cd "$repo" && swift build -c release --product embed >/dev/null); }
ensure_venv() { [ -x "$python" ] || bash "$here/setup_venv.sh"; }
# $1: the script's name, then its arguments: sets `jobs` (default 2) from `--jobs N`, the only flag such scripts
# take; anything else is a usage error (exit 2).
parse_jobs() {
  local name="$1"; shift
  jobs=2
  while [ $# -gt 0 ]; do
    case "$1" in
      --jobs) jobs="$2"; shift 2 ;;
      *) echo "$name: unknown argument: $1" >&2; exit 2 ;;
    esac
  done
}
# $1: the script's name, for the message.
require_time() { command -v /usr/bin/time >/dev/null || { echo "$1: /usr/bin/time is missing (apt-get install time)"; exit 1; }; }
# The kernel variants (EMBED_SIMD) this processor runs, narrowest first, from its CPU flags.
simd_variants() {
  local flags; flags="$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | tr ' ' '\n')"
  has() { local f; for f in "$@"; do grep -qx "$f" <<< "$flags" || return 1; done; }
  local list="baseline"
  has avx2 fma && list="$list avx2" && has avx512f avx512dq avx512bw avx512vl && list="$list avx512"
  echo "$list"
}
