#!/usr/bin/env python3
# Role: the counting stages of GloVe as an Apache Spark job, with `embed` as the worker: partial word counts
# per partition -> merged vocab.txt on the driver -> partial X per partition -> row-range merges on the
# executors -> one cooc.bin (byte for byte what `embed vocab` + `embed cooccur` write on one machine).
"""Count the vocabulary and co-occurrence matrix X of a corpus with Spark, using `embed` on every executor.

Run with spark-submit (the binary shipped with --files) or plain python3 (pyspark installed, local master):

    spark-submit --master yarn --files /path/to/embed scale/spark/embed_counts.py \
        hdfs:///corpus/*.txt --work /shared/embed-work --window 10 --min-count 5
    python3 scale/spark/embed_counts.py corpus/*.txt --work /tmp/work --master 'local[2]'

Input: text files Spark reads (local, HDFS, S3), one document per line. Windows never cross a line, so any
split of the input at line boundaries (Spark's partitions) gives the counts of the whole corpus. The work
directory must be a POSIX path every executor and the driver see (NFS or another shared mount): the partial
files, vocab.txt and cooc.bin are written there. At the end the command that trains GloVe on one node is printed.
"""
import argparse
import os
import shutil
import stat
import subprocess
import sys
import time


def find_embed(explicit):
    """The embed binary: --embed, else the file shipped with --files (SparkFiles), else embed on PATH."""
    if explicit:
        return explicit
    try:
        from pyspark import SparkFiles
        shipped = SparkFiles.get("embed")
        if os.path.isfile(shipped):
            mode = os.stat(shipped).st_mode
            if not mode & stat.S_IXUSR:
                os.chmod(shipped, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
            return shipped
    except Exception:
        pass
    found = shutil.which("embed")
    if not found:
        raise RuntimeError("embed not found: pass --embed PATH, ship it with spark-submit --files, or put it on PATH")
    return found


def run(command, stdin_lines=None):
    """Runs embed; feeds it the partition's lines (bytes, without their newline) on stdin when given."""
    proc = subprocess.Popen(command, stdin=subprocess.PIPE if stdin_lines is not None else None,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin_lines is not None:
        out = proc.stdin
        try:
            for line in stdin_lines:
                out.write(line)
                out.write(b"\n")
        except BrokenPipeError:
            pass
        out.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.wait() != 0:
        raise RuntimeError("%s failed (exit %d): %s" % (" ".join(command[:3]), proc.returncode, err.strip()))
    return err


def row_ranges(vocab_path, ranges, window):
    """Consecutive 1-based row ranges A:B of about equal work: row i has at most min(V, 2 * window * count_i)
    nonzeros, so the ranges split the sum of that estimate evenly. The last range is open (A:)."""
    counts = []
    with open(vocab_path, "rb") as f:
        for line in f:
            word, _, count = line.rstrip(b"\n").rpartition(b" ")
            if word != b"<UNK>":
                counts.append(int(count))
    v = len(counts)
    weights = [min(v, 2 * window * c) for c in counts]
    total = float(sum(weights))
    ranges = max(1, min(ranges, v))
    out, start, acc = [], 1, 0.0
    for i, w in enumerate(weights, start=1):
        acc += w
        if len(out) < ranges - 1 and acc >= total * (len(out) + 1) / ranges and i < v:
            out.append("%d:%d" % (start, i))
            start = i + 1
    out.append("%d:" % start)
    return out, v


def concatenate(pieces, target):
    """Concatenates the range files in order into target, atomically (temp file + rename)."""
    tmp = target + ".tmp-%d" % os.getpid()
    with open(tmp, "wb") as out:
        for p in pieces:
            with open(p, "rb") as f:
                shutil.copyfileobj(f, out, 16 << 20)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+", help="text files or globs Spark reads (local, hdfs://, s3a://)")
    ap.add_argument("--work", required=True, help="work directory on storage shared by driver and executors")
    ap.add_argument("--embed", help="path of the embed binary on every node (default: --files shipped, or PATH)")
    ap.add_argument("--window", type=int, default=10, help="largest distance counted (default 10)")
    ap.add_argument("--min-count", type=int, default=5, help="keep words seen at least this often (default 5)")
    ap.add_argument("--max-vocab", type=int, help="keep at most this many words")
    ap.add_argument("--memory", type=float, default=1.0, help="memory bound of each embed task, GiB (default 1)")
    ap.add_argument("--task-threads", type=int, default=1, help="threads of each embed task (match spark.task.cpus)")
    ap.add_argument("--partitions", type=int, help="input partitions (default: Spark's split of the files)")
    ap.add_argument("--ranges", type=int, default=0, help="row ranges merged in parallel (default: default parallelism)")
    ap.add_argument("--shuffle", action="store_true", help="also write cooc.shuf.bin (one merge on the driver)")
    ap.add_argument("--no-lowercase", action="store_true", help="keep case (as embed's --no-lowercase)")
    ap.add_argument("--master", help="Spark master when run with python3 (default local[*]; spark-submit sets it)")
    args = ap.parse_args(argv)

    from pyspark import SparkConf, SparkContext
    conf = SparkConf().setAppName("embed-counts").set("spark.ui.showConsoleProgress", "false")
    if args.master or not conf.contains("spark.master"):
        conf.setMaster(args.master or "local[*]")
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")

    work = os.path.abspath(args.work)
    for sub in ("counts", "cooc", "ranges"):
        os.makedirs(os.path.join(work, sub), exist_ok=True)
    embed_driver = find_embed(args.embed)
    explicit = args.embed
    case = ["--no-lowercase"] if args.no_lowercase else []
    memory = "%g" % args.memory
    timings = []
    t0 = time.time()

    # Lines as bytes (no decoding on the way to embed); partitions split files at line boundaries.
    text = sc.textFile(",".join(args.inputs), minPartitions=args.partitions, use_unicode=False) \
        if args.partitions else sc.textFile(",".join(args.inputs), use_unicode=False)

    # Stage 1: partial word counts per partition.
    def partial_vocab(index, lines):
        out = os.path.join(work, "counts", "part-%05d.counts" % index)
        run([find_embed(explicit), "vocab", "-", "--partial", "-o", out, "--quiet"] + case, lines)
        yield out
    counts = sorted(text.mapPartitionsWithIndex(partial_vocab).collect())
    timings.append(("partial vocabularies (%d partitions)" % len(counts), time.time() - t0))

    # Stage 2: the vocabulary, merged on the driver.
    t = time.time()
    vocab = os.path.join(work, "vocab.txt")
    merge = [embed_driver, "vocab", "merge"] + counts + ["-o", vocab, "--min-count", str(args.min_count), "--quiet"]
    if args.max_vocab:
        merge += ["--max-vocab", str(args.max_vocab)]
    run(merge)
    timings.append(("vocabulary merge (driver)", time.time() - t))

    # Stage 3: partial X per partition, with the merged vocabulary.
    t = time.time()
    window, threads = str(args.window), str(args.task_threads)

    def partial_cooc(index, lines):
        out = os.path.join(work, "cooc", "part-%05d.cooc" % index)
        run([find_embed(explicit), "cooccur", "-", "--vocab", vocab, "--partial", "-o", out, "--window", window,
             "--memory", memory, "--threads", threads, "--temp-dir", os.path.join(work, "cooc"), "--quiet"] + case, lines)
        yield out
    parts = sorted(text.mapPartitionsWithIndex(partial_cooc).collect())
    timings.append(("partial co-occurrences (%d partitions)" % len(parts), time.time() - t))

    # Stage 4: row ranges merged on the executors, concatenated in order into cooc.bin.
    t = time.time()
    ranges, v = row_ranges(vocab, args.ranges or sc.defaultParallelism, args.window)

    def merge_range(item):
        k, rows = item
        out = os.path.join(work, "ranges", "range-%05d.bin" % k)
        run([find_embed(explicit), "cooccur", "merge"] + parts + ["-o", out, "--rows", rows, "--memory", memory,
                                                                 "--threads", threads,
                                                                 "--temp-dir", os.path.join(work, "ranges"), "--quiet"])
        return out
    pieces = sc.parallelize(list(enumerate(ranges)), len(ranges)).map(merge_range).collect()
    cooc = os.path.join(work, "cooc.bin")
    concatenate(pieces, cooc)
    for p in pieces:
        os.remove(p)
    timings.append(("range merges (%d ranges) + concatenation" % len(ranges), time.time() - t))

    shuffled = None
    if args.shuffle:
        t = time.time()
        shuffled = os.path.join(work, "cooc.shuf.bin")
        run([embed_driver, "cooccur", "merge"] + parts + ["-o", "/dev/null", "--shuffled", shuffled,
                                                         "--memory", memory, "--temp-dir", work, "--quiet"])
        timings.append(("shuffled copy (driver)", time.time() - t))
    sc.stop()

    records = os.path.getsize(cooc) // 16
    for name, seconds in timings:
        print("embed_counts: %-48s %7.1f s" % (name, seconds))
    print("embed_counts: %d words, %d nonzeros -> %s, %s (%.1f s)" % (v, records, vocab, cooc, time.time() - t0))
    print("Train on one node with:")
    print("  embed train glove --cooc %s --vocab %s -o vectors.txt" % (shuffled or cooc, vocab))
    return 0


if __name__ == "__main__":
    sys.exit(main())
