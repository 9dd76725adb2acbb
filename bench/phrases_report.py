# Role: the report of bench/phrases.sh: Jaccard of embed's and gensim's phrase sets (with the phrases only one
# side found, to explain differences), wall and CPU seconds from /usr/bin/time -v, peak RSS, and the ratios.
import json
import re
import sys


def phrase_set(path, tsv):
    with open(path, encoding="utf-8") as f:
        return {line.split("\t")[0] if tsv else line.rstrip("\n") for line in f if line.strip()}


def usage(log):
    text = open(log, encoding="utf-8", errors="replace").read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return {"cpu": user + system, "wall": seconds, "rss_mb": rss}


def jaccard(a, b, label, names=("embed", "gensim")):
    j = len(a & b) / max(1, len(a | b))
    print(f"{label}: {names[0]} {len(a)}, {names[1]} {len(b)}, both {len(a & b)}, Jaccard {j:.4f}")
    for name, only in ((f"only {names[0]}", sorted(a - b)), (f"only {names[1]}", sorted(b - a))):
        if only:
            print(f"  {name} ({len(only)}): " + " ".join(only[:12]))
    return j


def main():
    out = sys.argv[1]
    g = json.load(open(f"{out}/gensim.json"))
    e, gs = usage(f"{out}/embed.time"), usage(f"{out}/gensim.time")
    print(f"corpus: {g['corpus_word_count']} tokens; gensim vocabulary entries (words + pairs): {g['vocab_entries']}")
    jaccard(phrase_set(f"{out}/embed.tsv", True), phrase_set(f"{out}/gensim_phrases.txt", False),
            "word2vec score (N = tokens), threshold 100")
    jaccard(phrase_set(f"{out}/embed_npmi.tsv", True), phrase_set(f"{out}/gensim_npmi.txt", False),
            "npmi, threshold 0.5")
    jaccard(phrase_set(f"{out}/embed.tsv", True), phrase_set(f"{out}/gensim_default.txt", False),
            "embed word2vec score vs gensim's `default` (N = len(vocab))")
    small = usage(f"{out}/embed_small.time")
    jaccard(phrase_set(f"{out}/embed_small.tsv", True), phrase_set(f"{out}/embed.tsv", True),
            "embed --memory 0.1 (pruned) vs embed --memory 4", names=("pruned", "unbounded"))
    print(f"gensim phases: learn {g['learn_wall']:.1f} s wall ({g['learn_cpu']:.1f} CPU), "
          f"transform+write {g['transform_wall']:.1f} s wall ({g['transform_cpu']:.1f} CPU), exports {g['export_wall']:.1f} s")
    print(f"embed phrases (count + score + write):  {e['wall']:.1f} s wall, {e['cpu']:.1f} s CPU, peak RSS {e['rss_mb']:.0f} MB")
    gj = {"wall": g["learn_wall"] + g["transform_wall"], "cpu": g["learn_cpu"] + g["transform_cpu"]}
    print(f"gensim Phrases + FrozenPhrases (learn + write): {gj['wall']:.1f} s wall, {gj['cpu']:.1f} s CPU; "
          f"process peak RSS {gs['rss_mb']:.0f} MB")
    print(f"speed ratio gensim / embed: wall {gj['wall'] / e['wall']:.1f}x, CPU {gj['cpu'] / e['cpu']:.1f}x")
    print(f"embed --memory 0.1: {small['wall']:.1f} s wall, {small['cpu']:.1f} s CPU, peak RSS {small['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
