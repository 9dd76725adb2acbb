# Role: evaluation benchmark driver (run by bench/eval.sh): embed's analogy and similarity figures on GloVe 6B 50d
# against gensim 4.4.0 (3CosAdd, word pairs) and a direct numpy 3CosMul, section by section, plus times and ratios.
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

SECTION_TOLERANCE = 2      # questions per count that may differ through float rounding on near ties
EXPECTED = {"add": (7393, 14877), "mul": (6434, 14877), "wordsim353.tsv": 0.503, "simlex999.txt": 0.263}


def timed(cmd):
    """Runs a command under /usr/bin/time: (wall seconds, peak RSS MB, stdout, stderr + CPU seconds)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "TIME %M %U %S", "-o", "/dev/stderr"] + cmd,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"eval: {' '.join(cmd)} failed:\n{proc.stderr}")
    lines = proc.stderr.strip().splitlines()
    _, rss, user, system = lines[-1].split()
    notes = "; ".join(lines[:-1] + [f"CPU {float(user) + float(system):.2f} s"])
    return seconds, int(rss) / 1024, proc.stdout, notes


def gensim_run(args):
    """In its own process (peak RSS): gensim's load (same rows as embed reads) + analogies + word pairs."""
    from gensim.models import KeyedVectors
    start = time.perf_counter()
    kv = KeyedVectors.load_word2vec_format(args.vectors, binary=False, no_header=True, limit=args.limit)
    loaded = time.perf_counter()
    _, sections = kv.evaluate_word_analogies(args.questions, restrict_vocab=args.restrict, case_insensitive=True)
    analogies = time.perf_counter()
    pairs = {}
    for path in args.pairs:
        pearson, spearman, oov = kv.evaluate_word_pairs(path)
        pairs[os.path.basename(path)] = {"pearson": float(pearson[0]), "spearman": float(spearman[0]), "oov": oov / 100}
    done = time.perf_counter()
    print(json.dumps({
        "sections": [[s["section"], len(s["correct"]), len(s["correct"]) + len(s["incorrect"])] for s in sections[:-1]],
        "pairs": pairs, "load": loaded - start, "analogies": analogies - loaded, "similarity": done - analogies,
    }))


def read_questions(path):
    sections = []
    with open(path, encoding="utf8") as f:
        for line in f:
            if line.startswith(": "):
                sections.append((line.lstrip(": ").strip(), []))
            elif line.split():
                sections[-1][1].append([w.upper() for w in line.split()])
    return sections


def numpy_cosmul(vectors_path, questions_path, restrict):
    """3CosMul computed directly: cos' = (1 + cos) / 2, argmax cos'(x,b) cos'(x,c) / (cos'(x,a) + 1e-6) over the first
    `restrict` rows, words upper-cased (first row of a form wins), rows folding to a, b or c excluded."""
    words, rows = [], []
    with open(vectors_path, encoding="utf8") as f:
        for i, line in enumerate(f):
            if i == restrict:
                break
            parts = line.rstrip("\n").split(" ")
            words.append(parts[0])
            rows.append(np.asarray(parts[1:], dtype=np.float32))
    unit = np.vstack(rows)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    keys = [w.upper() for w in words]
    index = {}
    for i, k in enumerate(keys):
        index.setdefault(k, i)
    variants = {}
    for i, k in enumerate(keys):
        variants.setdefault(k, []).append(i)
    counts = []
    for name, questions in read_questions(questions_path):
        known = [q for q in questions if all(w in index for w in q)]
        correct = 0
        for start in range(0, len(known), 512):
            batch = known[start:start + 512]
            ids = np.array([[index[w] for w in q[:3]] for q in batch])
            shifted = [(1 + unit[ids[:, j]] @ unit.T) / 2 for j in range(3)]
            scores = shifted[1] * shifted[2] / (shifted[0] + 1e-6)
            for r, q in enumerate(batch):
                for w in q[:3]:
                    scores[r, variants[w]] = -np.inf
            best = scores.argmax(axis=1)
            correct += sum(keys[b] == q[3] for b, q in zip(best, batch))
        counts.append([name, int(correct), len(known)])
    return counts


def synthetic_100d(vectors_path, out_path, rows=30000):
    """30k x 100 GloVe text file: each of the first 30k GloVe rows followed by another row's 50 values."""
    with open(vectors_path, encoding="utf8") as f:
        lines = [next(f).rstrip("\n").split(" ") for _ in range(rows)]
    with open(out_path, "w", encoding="utf8") as out:
        for i, parts in enumerate(lines):
            other = lines[(i * 7919 + 13) % rows]
            out.write(" ".join(parts + other[1:]) + "\n")


def compare_sections(label, ours, reference):
    problems = 0
    print(f"  {'section':<30}{'reference':>14}{'embed':>14}{'diff':>6}")
    for (name, rc, rs), (oname, oc, os_) in zip(reference, ours):
        diff = oc - rc
        flag = "" if (name == oname and rs == os_ and diff == 0) else "  <-"
        if name != oname or rs != os_ or abs(diff) > SECTION_TOLERANCE:
            problems += 1
        print(f"  {name:<30}{f'{rc}/{rs}':>14}{f'{oc}/{os_}':>14}{diff:>6}{flag}")
    tr = (sum(c for _, c, _ in reference), sum(s for _, _, s in reference))
    to = (sum(c for _, c, _ in ours), sum(s for _, _, s in ours))
    print(f"  {'total (' + label + ')':<30}{f'{tr[0]}/{tr[1]}':>14}{f'{to[0]}/{to[1]}':>14}{to[0] - tr[0]:>6}")
    return problems, to


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--gensim", action="store_true", help="internal: run the gensim part and print JSON")
    p.add_argument("--embed")
    p.add_argument("--vectors", required=True)
    p.add_argument("--vectors-zst")
    p.add_argument("--questions", required=True)
    p.add_argument("--pairs", nargs="+", required=True)
    p.add_argument("--restrict", type=int, default=30000)
    p.add_argument("--limit", type=int, default=300000)
    p.add_argument("--work", default="/tmp")
    args = p.parse_args()
    if args.gensim:
        return gensim_run(args)

    failures = 0
    print(f"vectors {args.vectors}; analogies restricted to {args.restrict} rows; word pairs with gensim's defaults")

    # embed: the whole evaluation (load included) as a user runs it, then 3CosMul.
    eval_cmd = [args.embed, "eval", args.vectors, "--questions", args.questions, "--similarity", *args.pairs,
                "--restrict", str(args.restrict), "--json"]
    e_sec, e_rss, out, e_err = timed(eval_cmd)
    ours = json.loads(out)
    ours_add = [[s["name"], s["correct"], s["seen"]] for s in ours["analogy"]["sections"]]
    m_sec, m_rss, out, m_err = timed([args.embed, "analogy", args.vectors, args.questions, "--method", "mul",
                                      "--restrict", str(args.restrict), "--json"])
    ours_mul = [[s["name"], s["correct"], s["seen"]] for s in json.loads(out)["sections"]]

    # gensim in its own process.
    g_sec, g_rss, out, _ = timed([sys.executable, __file__, "--gensim", "--vectors", args.vectors, "--questions",
                                  args.questions, "--pairs", *args.pairs, "--restrict", str(args.restrict),
                                  "--limit", str(args.limit)])
    gensim = json.loads(out)

    print("\n3CosAdd: gensim 4.4.0 evaluate_word_analogies(restrict_vocab=%d, case_insensitive=True) vs embed" % args.restrict)
    problems, total = compare_sections("3CosAdd", ours_add, gensim["sections"])
    failures += problems
    print(f"  expected {EXPECTED['add'][0]}/{EXPECTED['add'][1]}: {'ok' if abs(total[0] - EXPECTED['add'][0]) <= SECTION_TOLERANCE and total[1] == EXPECTED['add'][1] else 'MISMATCH'}")

    print("\n3CosMul: direct numpy computation vs embed")
    t = time.perf_counter()
    reference_mul = numpy_cosmul(args.vectors, args.questions, args.restrict)
    numpy_seconds = time.perf_counter() - t
    problems, total = compare_sections("3CosMul", ours_mul, reference_mul)
    failures += problems
    print(f"  expected {EXPECTED['mul'][0]}/{EXPECTED['mul'][1]}: {'ok' if abs(total[0] - EXPECTED['mul'][0]) <= SECTION_TOLERANCE and total[1] == EXPECTED['mul'][1] else 'MISMATCH'}"
          f"  (numpy took {numpy_seconds:.1f} s)")

    print("\nword similarity: gensim evaluate_word_pairs (defaults) vs embed")
    print(f"  {'set':<18}{'gensim rho':>12}{'embed rho':>12}{'gensim r':>11}{'embed r':>11}{'oov g/e':>14}")
    for s in ours["similarity"]:
        g = gensim["pairs"][s["name"]]
        same = round(g["spearman"], 3) == round(s["spearman"], 3) and round(g["pearson"], 3) == round(s["pearson"], 3)
        same = same and abs(g["oov"] - s["oov_ratio"]) < 1e-12
        expected = EXPECTED.get(s["name"])
        if not same or (expected is not None and round(s["spearman"], 3) != expected):
            failures += 1
        print(f"  {s['name']:<18}{g['spearman']:>12.6f}{s['spearman']:>12.6f}{g['pearson']:>11.6f}{s['pearson']:>11.6f}"
              f"{g['oov'] * 100:>7.2f}%/{s['oov_ratio'] * 100:.2f}%{'' if same else '  <- differs at 3 decimals'}")

    print("\ntime (wall, load included; same plain-text file, same first %d rows read); load average %.1f on %d cores"
          % (args.limit, os.getloadavg()[0], os.cpu_count()))
    g_total = gensim["load"] + gensim["analogies"] + gensim["similarity"]
    print(f"  gensim load {gensim['load']:.2f} s + analogies {gensim['analogies']:.2f} s + pairs {gensim['similarity']:.2f} s"
          f" = {g_total:.2f} s (process {g_sec:.2f} s with imports, peak RSS {g_rss:.0f} MB)")
    print(f"  embed eval {e_sec:.2f} s, peak RSS {e_rss:.0f} MB   [{e_err.strip()}]")
    print(f"  ratio gensim / embed: {g_total / e_sec:.1f}x (gensim timed part vs embed whole process)")
    print(f"  embed analogy --method mul: {m_sec:.2f} s   [{m_err.strip()}]")
    if args.vectors_zst:
        z_sec, z_rss, _, z_err = timed(eval_cmd[:2] + [args.vectors_zst] + eval_cmd[3:])
        print(f"  embed eval on the .zst file: {z_sec:.2f} s, peak RSS {z_rss:.0f} MB   [{z_err.strip()}]")

    # Speed goal: the whole Google set over 30k x 100 in under a second on 2 cores (load included here).
    synthetic = os.path.join(args.work, "synthetic-30k-100d.txt")
    synthetic_100d(args.vectors, synthetic)
    for method in ("add", "mul"):
        s_sec, s_rss, _, s_err = timed([args.embed, "analogy", synthetic, args.questions, "--method", method])
        print(f"  30k x 100 (synthetic), {method}: {s_sec:.2f} s wall incl. load, peak RSS {s_rss:.0f} MB   [{s_err.strip()}]"
              f"  goal < 1 s: {'ok' if s_sec < 1 else 'MISSED'}")

    print("\nresult:", "all figures agree" if failures == 0 else f"{failures} disagreement(s) beyond tolerance")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
