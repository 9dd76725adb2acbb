#!/usr/bin/env bash
# Role: vector file I/O benchmark: `embed convert` against gensim's KeyedVectors on Stanford's glove.6B.50d
# (400k x 50) in the same run: wall time, peak RSS and ratios; then gensim must read our word2vec outputs.
set -euo pipefail
source "$(dirname "$0")/common.sh"
input="$data/vectors/glove.6B.50d.txt.zst"
out="$here/out/vectors_io"

[ -f "$input" ] || { echo "vectors_io: $input not found (set EMBED_SHARED_DATA)"; exit 1; }
ensure_venv
ensure_embed
rm -rf "$out" && mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

# gensim reads plain text only (no zstd support installed): both tools get the same decompressed file.
zstd -q -dc "$input" > "$out/glove.txt"

# measure NAME COMMAND...: runs once under /usr/bin/time, records "seconds peak-RSS-MB" in $out/NAME.time.
measure() {
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > "$out/$name.log" 2>&1 \
    || { echo "vectors_io: $name failed:"; cat "$out/$name.log"; exit 1; }
}
seconds() { awk '{print $1}' "$out/$1.time"; }
rss_mb() { awk '{printf "%.0f", $2 / 1024}' "$out/$1.time"; }

measure e_txt_bin   "$embed" convert "$out/glove.txt" "$out/e.bin" --quiet
measure e_txt_vec   "$embed" convert "$out/glove.txt" "$out/e.vec" --quiet
measure e_bin_txt   "$embed" convert "$out/e.bin" "$out/e-back.txt" --quiet
measure e_zst_zst   "$embed" convert "$input" "$out/e.txt.zst" --quiet
measure e_zst_bin   "$embed" convert "$input" "$out/e-zst.bin" --quiet

# gensim: each task in its own process (peak RSS per task); the timed part excludes interpreter start and imports.
gensim_task() {
  local name="$1" code="$2"
  measure "$name" "$python" -c "
import sys, time
from gensim.models import KeyedVectors
out = sys.argv[1]
t = time.perf_counter()
$code
print('%.3f' % (time.perf_counter() - t))
" "$out"
}
gensim_task g_txt_bin "KeyedVectors.load_word2vec_format(out + '/glove.txt', binary=False, no_header=True).save_word2vec_format(out + '/g.bin', binary=True)"
gensim_task g_txt_vec "KeyedVectors.load_word2vec_format(out + '/glove.txt', binary=False, no_header=True).save_word2vec_format(out + '/g.vec', binary=False)"
gensim_task g_bin_txt "KeyedVectors.load_word2vec_format(out + '/g.bin', binary=True).save_word2vec_format(out + '/g-back.txt', binary=False, write_header=False)"
inner() { tail -n 1 "$out/$1.log"; }

row() {   # label embed-name gensim-name
  local es gs
  es=$(seconds "$2")
  if [ -n "$3" ]; then
    gs=$(inner "$3")
    printf '%-44s %7.2f s %6s MB   %7.2f s (%5.2f s process) %6s MB   %5.1fx\n' "$1" "$es" "$(rss_mb "$2")" \
      "$gs" "$(seconds "$3")" "$(rss_mb "$3")" "$(awk "BEGIN{print $gs / $es}")"
  else
    printf '%-44s %7.2f s %6s MB   %s\n' "$1" "$es" "$(rss_mb "$2")" "(gensim: no zstd)"
  fi
}

echo "vector files: glove.6B.50d, 400,000 x 50 ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-44s %20s   %38s   %s\n' "task" "embed convert" "gensim 4.4 KeyedVectors (load+save)" "speed-up"
row "GloVe text -> word2vec binary"            e_txt_bin g_txt_bin
row "GloVe text -> word2vec text"              e_txt_vec g_txt_vec
row "word2vec binary -> GloVe text"            e_bin_txt g_bin_txt
row "GloVe .txt.zst -> GloVe .txt.zst"         e_zst_zst ""
row "GloVe .txt.zst -> word2vec binary"        e_zst_bin ""
echo "(speed-up: gensim's in-process time over embed's whole-process time; RSS: peak of each process)"

# Our outputs must be what gensim expects: same words, same vectors (to 1e-6), in both word2vec formats;
# and our GloVe text written back must reproduce Stanford's file byte for byte.
"$python" - "$out" <<'EOF'
import sys
import numpy as np
from gensim.models import KeyedVectors
out = sys.argv[1]
reference = KeyedVectors.load_word2vec_format(out + "/glove.txt", binary=False, no_header=True)
for name, binary in (("e.vec", False), ("e.bin", True), ("e-zst.bin", True)):
    ours = KeyedVectors.load_word2vec_format(out + "/" + name, binary=binary)
    assert ours.index_to_key == reference.index_to_key, name + ": words differ"
    diff = float(np.max(np.abs(ours.vectors - reference.vectors)))
    assert diff <= 1e-6, "%s: max difference %g" % (name, diff)
    print("gensim reads embed's %-10s %d x %d, max |difference| %g" % (name, len(ours.index_to_key), ours.vector_size, diff))
EOF
cmp -s "$out/glove.txt" "$out/e-back.txt" && echo "GloVe text -> binary -> GloVe text: byte-identical to Stanford's file" \
  || { echo "vectors_io: GloVe text round trip differs"; exit 1; }
[ "$(zstd -q -dc "$out/e.txt.zst" | cmp - "$out/glove.txt" && echo same)" = same ] \
  && echo "GloVe .txt.zst -> .txt.zst: byte-identical after decompression" \
  || { echo "vectors_io: zstd round trip differs"; exit 1; }
