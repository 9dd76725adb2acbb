#!/usr/bin/env python3
# Role: the counting stages of GloVe as an Apache Spark job, with `embed` as the worker: partial word counts
# per partition -> merged vocab.txt on the driver -> partial X per partition -> row-range merges on the
# executors -> one cooc.bin (byte for byte what `embed vocab` + `embed cooccur` write on one machine).
"""Count the vocabulary and co-occurrence matrix X of a corpus with Spark, using `embed` on every executor.

Run with spark-submit (the binary shipped with --files) or plain python3 (pyspark installed, local master):

    spark-submit --master yarn --files /path/to/embed scale/spark/embed_counts.py \
        hdfs:///corpus/*.txt --work /shared/embed-work --window 10 --min-count 5
    python3 scale/spark/embed_counts.py corpus/*.txt --work /tmp/work --master 'local[2]'

Input: text files, one document per line. Windows never cross a line, so any split of the input at line
boundaries gives the counts of the whole corpus. Two ways to read it (--read):
  files  each task hands whole files to embed, which reads them itself (plain or .zst): the inputs must be
         paths every executor sees, as the work directory is. Tasks are groups of files of about equal size.
  lines  Spark reads the text (any path it reads: HDFS, S3, local) and pipes each partition's lines into embed.
auto (the default) is files when every input is a local path, else lines. The work directory must be a POSIX
path every executor and the driver see (NFS or another shared mount): the partial files, vocab.txt and
cooc.bin are written there. At the end the command that trains GloVe on one node is printed.
"""
import argparse
import glob
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


def local_files(inputs):
    """The files named by local inputs (files, directories, globs; file:// allowed), sorted, hidden and
    _-prefixed names in directories left out as Spark's textFile does; None when an input is not local."""
    files = []
    for item in inputs:
        if "://" in item and not item.startswith("file://"):
            return None
        path = item[len("file://"):] if item.startswith("file://") else item
        matches = sorted(glob.glob(path)) if glob.has_magic(path) else [path]
        if not matches:
            return None
        for m in matches:
            if os.path.isdir(m):
                files += [os.path.join(m, f) for f in sorted(os.listdir(m))
                          if not f.startswith((".", "_")) and os.path.isfile(os.path.join(m, f))]
            elif os.path.isfile(m):
                files.append(m)
            else:
                return None
    return [os.path.abspath(f) for f in files]


def file_groups(files, groups):
    """At most `groups` groups of files of about equal total size (largest first into the lightest group),
    each group's files in their sorted order."""
    groups = max(1, min(groups, len(files)))
    loads = [[0, i, []] for i in range(groups)]
    for f in sorted(files, key=lambda f: -os.path.getsize(f)):
        lightest = min(loads)
        lightest[0] += os.path.getsize(f)
        lightest[2].append(f)
    return [sorted(g[2]) for g in sorted(loads, key=lambda g: g[1]) if g[2]]


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
    ap.add_argument("--partitions", type=int, help="input partitions (default: Spark's split of the files; with "
                    "--read files: this many groups of files, default one per core, as few partial files merge faster)")
    ap.add_argument("--read", choices=("auto", "files", "lines"), default="auto",
                    help="files: embed reads whole files; lines: Spark pipes lines (default auto: files when local)")
    ap.add_argument("--ranges", type=int, default=0, help="row ranges merged in parallel (default: default parallelism)")
    ap.add_argument("--shuffle", action="store_true", help="also write cooc.shuf.bin (one merge on the driver)")
    ap.add_argument("--no-lowercase", action="store_true", help="keep case (as embed's --no-lowercase)")
    ap.add_argument("--master", help="Spark master when run with python3 (default local[*]; spark-submit sets it)")
    args = ap.parse_args(argv)

    files = local_files(args.inputs) if args.read != "lines" else None
    if args.read == "files" and files is None:
        ap.error("--read files needs local paths of existing files or directories")

    started = time.time()
    from pyspark import SparkConf, SparkContext
    conf = SparkConf().setAppName("embed-counts").set("spark.ui.showConsoleProgress", "false")
    if args.master or not conf.contains("spark.master"):
        conf.setMaster(args.master or "local[*]")
    if conf.get("spark.master", "").startswith("local"):
        conf.setIfMissing("spark.ui.enabled", "false")   # seconds of start-up a one-machine run has no use for
        if files is not None:
            # With whole files the JVM only coordinates (embed reads and counts): its quick JIT tier and the
            # serial collector start it sooner (python3 runs; under spark-submit the driver is already running).
            conf.setIfMissing("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")

    work = os.path.abspath(args.work)
    for sub in ("counts", "cooc", "ranges"):
        os.makedirs(os.path.join(work, sub), exist_ok=True)
    embed_driver = find_embed(args.embed)
    explicit = args.embed
    case = ["--no-lowercase"] if args.no_lowercase else []
    memory = "%g" % args.memory
    t0 = time.time()
    timings = [("Spark context start", t0 - started)]

    if files is not None:
        # Whole files per task: embed reads them (plain or .zst), nothing passes through the JVM or Python.
        groups = file_groups(files, args.partitions or sc.defaultParallelism)
        tasks = sc.parallelize(list(enumerate(groups)), max(1, len(groups)))

        def per_part(command):
            return tasks.map(lambda item: command(item[0], item[1])).collect()
    else:
        # Lines as bytes (no decoding on the way to embed); partitions split files at line boundaries.
        text = sc.textFile(",".join(args.inputs), minPartitions=args.partitions, use_unicode=False) \
            if args.partitions else sc.textFile(",".join(args.inputs), use_unicode=False)

        def per_part(command):
            return text.mapPartitionsWithIndex(lambda index, lines: [command(index, lines)]).collect()

    def embed_on(part, command):
        """Runs embed on a part: its files named after the command, or its lines on standard input."""
        if isinstance(part, list):
            return run(command[:2] + part + command[2:])
        return run(command[:2] + ["-"] + command[2:], part)

    # Stage 1: partial word counts per part.
    def partial_vocab(index, part):
        out = os.path.join(work, "counts", "part-%05d.counts" % index)
        embed_on(part, [find_embed(explicit), "vocab", "--partial", "-o", out, "--quiet"] + case)
        return out
    counts = sorted(per_part(partial_vocab))
    unit = "file groups" if files is not None else "partitions"
    timings.append(("partial vocabularies (%d %s)" % (len(counts), unit), time.time() - t0))

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

    def partial_cooc(index, part):
        out = os.path.join(work, "cooc", "part-%05d.cooc" % index)
        embed_on(part, [find_embed(explicit), "cooccur", "--vocab", vocab, "--partial", "-o", out, "--window", window,
                        "--memory", memory, "--threads", threads, "--temp-dir", os.path.join(work, "cooc"),
                        "--quiet"] + case)
        return out
    parts = sorted(per_part(partial_cooc))
    timings.append(("partial co-occurrences (%d %s)" % (len(parts), unit), time.time() - t))

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
    t = time.time()
    sc.stop()
    timings.append(("Spark context stop", time.time() - t))

    records = os.path.getsize(cooc) // 16
    for name, seconds in timings:
        print("embed_counts: %-48s %7.1f s" % (name, seconds))
    print("embed_counts: %d words, %d nonzeros -> %s, %s (%.1f s)" % (v, records, vocab, cooc, time.time() - t0))
    print("Train on one node with:")
    print("  embed train glove --cooc %s --vocab %s -o vectors.txt" % (shuffled or cooc, vocab))
    return 0


if __name__ == "__main__":
    sys.exit(main())
