#!/usr/bin/env bash
# Role: runs every shell example of README.md as written, in order, and reports each OK or FAILED with its
# exit status (exit 1 if any failed). Used by `make readme-check`; not part of `make test`.
#
# Convention: commands come from ```sh, ```bash and ```console fenced blocks. In sh/bash blocks every line is a
# command (blank lines and whole-line # comments aside; a trailing \ continues it on the next line); in console
# blocks only lines starting with `$ ` are commands, the rest is output. A block right after an
# `<!-- no-run -->` line (blank lines allowed between) is listed as SKIPPED: keep that for long runs and
# for data outside the repository.
#
# The commands run in a scratch folder holding a link to the repository's corpora/ and an empty vectors/,
# with `embed` on PATH resolved to .build/release/embed (build it first: `make build`). The scratch folder
# is removed at the end unless KEEP=1.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
readme=${README:-$repo/README.md}
binary=$repo/.build/release/embed
if [ ! -x "$binary" ]; then
  echo "run_examples: $binary not found: run 'make build' first" >&2
  exit 2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/embed-readme.XXXXXX")
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/bin" "$scratch/work/vectors"
ln -s "$binary" "$scratch/bin/embed"
ln -s "$repo/corpora" "$scratch/work/corpora"

# One command per line: RUN<TAB>command or SKIP<TAB>command.
extract() {
  awk '
    function flush() { if (cmd != "") { print (skip ? "SKIP" : "RUN") "\t" cmd; cmd = "" } }
    /^```(sh|bash|console)[ \t]*$/ && !inside && !other {
      inside = 1; console = ($0 ~ /console/); skip = pending; pending = 0; next
    }
    /^```/ && inside { flush(); inside = 0; next }
    /^```/ { other = !other; pending = 0; next }
    !inside {
      if ($0 ~ /^<!--[ \t]*no-run[ \t]*-->/) pending = 1
      else if ($0 !~ /^[ \t]*$/) pending = 0
      next
    }
    {
      line = $0
      if (cmd == "") {
        if (console) { if (line !~ /^\$ /) next; line = substr(line, 3) }
        if (line ~ /^[ \t]*(#|$)/) next
      } else {
        sub(/^[ \t]+/, "", line)
      }
      if (line ~ /\\$/) { sub(/[ \t]*\\$/, " ", line); cmd = cmd line; next }
      cmd = cmd line
      flush()
    }
  ' "$readme"
}

commands=$(extract)
if [ -z "$commands" ]; then
  echo "run_examples: no shell examples found in $readme" >&2
  exit 2
fi

ok=0; failed=0; skipped=0; n=0
while IFS=$'\t' read -r kind cmd; do
  n=$((n + 1))
  if [ "$kind" = SKIP ]; then
    printf '%3d SKIPPED    %s\n' "$n" "$cmd"
    skipped=$((skipped + 1))
    continue
  fi
  t0=$(date +%s.%N)
  (cd "$scratch/work" && PATH="$scratch/bin:$PATH" bash -o pipefail -c "$cmd" </dev/null >"$scratch/out.log" 2>&1)
  status=$?
  seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }")
  if [ "$status" = 0 ]; then
    printf '%3d OK       %6ss  %s\n' "$n" "$seconds" "$cmd"
    ok=$((ok + 1))
  else
    printf '%3d FAILED   %6ss  exit %d: %s\n' "$n" "$seconds" "$status" "$cmd"
    tail -n 5 "$scratch/out.log" | sed 's/^/      | /'
    failed=$((failed + 1))
  fi
done <<<"$commands"

echo "README examples: $ok ok, $failed failed, $skipped skipped (no-run)"
[ "$failed" = 0 ]
