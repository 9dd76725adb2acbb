// Role: the hostile-input cases of issue 12 through the command line: each ends with one line on stderr naming
// the file (and line) or the flag, exit status 1 (bad input) or 2 (usage), no output left behind, device nodes
// untouched, no giant allocation (sizes are checked first) and nothing silently wrong.
import EmbedKit
import EmbedTestSupport
import Foundation
import XCTest

final class HostileInputCLITests: XCTestCase {
    var dir: TestFolder!
    var corpus = ""
    override func setUpWithError() throws {
        dir = try TestFolder(prefix: "embed-hostile")
        corpus = try dir.write(Fixtures.topicCorpus(lines: 60), to: "corpus.txt")
    }
    override func tearDown() { dir = nil }

    /// Runs `embed`, expecting `status` and one stderr line containing `fragment`.
    @discardableResult
    func expect(_ arguments: [String], status: Int32, _ fragment: String, file: StaticString = #filePath,
                line: UInt = #line) throws -> EmbedRun {
        let run = try EmbedBinary.run(arguments)
        XCTAssertEqual(run.status, status, "\(arguments): \(run.stderr)", file: file, line: line)
        let lines = run.stderr.split(separator: "\n").filter { !$0.hasPrefix("vocab:") }
        XCTAssertEqual(lines.count, 1, "one line: \(run.stderr)", file: file, line: line)
        XCTAssertTrue(run.stderr.contains(fragment), "\"\(run.stderr)\" lacks \"\(fragment)\"", file: file, line: line)
        XCTAssertFalse(run.stderr.contains("Fatal") || run.stderr.contains("Backtrace"), run.stderr, file: file, line: line)
        return run
    }

    func testSizesThatCannotFitAreRefusedBeforeAllocating() throws {
        let out = dir.file("v.txt")
        let shipped = SharedData.shipped("corpora/wiki")   // 13,262 words at min-count 3
        try expect(["train", "skipgram", shipped, "-o", out, "--min-count", "3", "--dim", "100000000", "--quiet"],
                   status: 2, "--dim 100000000 needs")
        try expect(["train", "skipgram", corpus, "-o", out, "--min-count", "1", "--window", "2147483647", "--quiet"],
                   status: 2, "--window 2147483647 needs")
        try expect(["train", "skipgram", corpus, "-o", out, "--min-count", "1", "--negative", "100000000", "--quiet"],
                   status: 2, "--negative 100000000 needs")
        try expect(["train", "glove", shipped, "-o", out, "--min-count", "3", "--dim", "100000000", "--quiet"],
                   status: 2, "--dim 100000000 needs")
        let vectors = try dir.write("a 1 0\nb 0 1\nc 1 1\n", to: "vec.txt")
        let train = try dir.write("\"a b\",0\n\"b c\",1\n", to: "t.csv")
        try expect(["classify", "train", "--vectors", vectors, "--train", train, "-o", dir.file("m.embedclf"),
                    "--hidden", "100000000", "--quiet"], status: 2, "--hidden 100000000 needs")
        try expect(["cooccur", corpus, "--vocab", vectors, "-o", dir.file("x.bin"), "--memory", "1e9"], status: 2, "--memory")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        // -k beyond the vocabulary lists the whole vocabulary (clamped), it does not allocate k slots.
        let k = try EmbedBinary.run(["neighbors", vectors, "a", "-k", "100000000"])
        XCTAssertEqual(k.status, 0, k.stderr)
        XCTAssertEqual(k.stdout.split(separator: "\n").count, 3, k.stdout)
    }

    func testDivergenceWritesNothing() throws {
        let out = dir.file("v.txt")
        try expect(["train", "skipgram", corpus, "-o", out, "--min-count", "1", "--alpha", "1e30", "--epochs", "2", "--quiet"],
                   status: 1, "training diverged in epoch")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testDevicesAreWrittenInPlaceAndWriteErrorsFail() throws {
        let full = dir.file("full")
        guard mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 else { throw XCTSkip("mknod needs root") }
        try expect(["vocab", corpus, "-o", full, "--quiet", "--min-count", "1"], status: 1, "\(full): write failed: No space left on device")
        var st = stat()
        XCTAssertEqual(stat(full, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFCHR, "the device node is still a device")
        XCTAssertEqual(dir.contents(), ["corpus.txt", "full"], "no temporary file left")
        // A full standard output: results (-o -, tables, predictions) are errors, not silent losses.
        for args in [["vocab", corpus, "-o", "-", "--quiet", "--min-count", "1"],
                     ["neighbors", try dir.write("a 1 0\nb 0 1\n", to: "v2.txt"), "a"]] {
            let run = try EmbedBinary.run(args, stdoutTo: full)
            XCTAssertEqual(run.status, 1, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("standard output") && run.stderr.contains("No space left"), run.stderr)
        }
        // A FIFO is written to, not replaced.
        let fifo = dir.file("fifo")
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let pipe = Pipe()
        reader.standardOutput = pipe
        try reader.run()
        let wrote = try EmbedBinary.run(["vocab", corpus, "-o", fifo, "--quiet", "--min-count", "1"])
        let received = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        reader.waitUntilExit()
        XCTAssertEqual(wrote.status, 0, wrote.stderr)
        XCTAssertTrue(received.hasSuffix("<UNK> 0\n"), received)
        XCTAssertEqual(lstat(fifo, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)
    }

    func testOutputsThatWouldDestroyInputsOrEachOtherAreUsageErrors() throws {
        let vocab = dir.file("vocab.txt")
        XCTAssertEqual(try EmbedBinary.run(["vocab", corpus, "-o", vocab, "--min-count", "1", "--quiet"]).status, 0)
        try expect(["cooccur", corpus, "--vocab", vocab, "-o", dir.file("x.bin"), "--shuffled", dir.file("x.bin")],
                   status: 2, "name the same file")
        try expect(["cooccur", corpus, "--vocab", vocab, "-o", vocab], status: 2, "is also an input")
        try expect(["vocab", corpus, "-o", corpus], status: 2, "is also an input")
        try expect(["convert", vocab, vocab], status: 2, "is also an input")
        // Another name of the same file (a symbolic link) is the same file.
        let link = dir.file("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: corpus)
        try expect(["vocab", corpus, "-o", link], status: 2, "is also an input")
        try expect(["train", "skipgram", corpus, "-o", dir.file("v.txt"), "--log", dir.file("v.txt")], status: 2, "same file")
    }

    func testEmptyAndDegenerateCorporaAreTheSameErrorEverywhere() throws {
        let empty = try dir.write("\n\n", to: "empty.txt")
        let vocab = try dir.write("cat 3\ndog 2\n<UNK> 0\n", to: "vocab.txt")
        for args in [["vocab", empty, "-o", dir.file("v.txt")],
                     ["cooccur", empty, "--vocab", vocab, "-o", dir.file("x.bin")],
                     ["train", "skipgram", empty, "-o", dir.file("s.txt")],
                     ["train", "glove", empty, "-o", dir.file("g.txt")]] {
            try expect(args, status: 1, "\(empty): the corpus is empty")
        }
        let unknown = try dir.write("zebra yak\nquokka\n", to: "unknown.txt")
        try expect(["cooccur", unknown, "--vocab", vocab, "-o", dir.file("x.bin")], status: 1, "\(unknown): no two vocabulary words")
        try expect(["vocab", unknown, "-o", dir.file("v.txt"), "--min-count", "5"], status: 1, "no word occurs at least 5 times")
        try expect(["train", "glove", unknown, "-o", dir.file("g.txt"), "--min-count", "5"], status: 1, "no word occurs at least 5 times")
        XCTAssertEqual(dir.contents().filter { $0.hasSuffix(".bin") || $0.hasPrefix("s.") || $0.hasPrefix("g.") }, [],
                       "no output left behind")
    }

    func testByteOrderMarksAreDropped() throws {
        let bom = try dir.write(bytes: [0xEF, 0xBB, 0xBF] + Array("the cat\nthe dog\n".utf8), to: "bom.txt")
        let run = try EmbedBinary.run(["vocab", bom, "-o", "-", "--min-count", "1", "--quiet"])
        XCTAssertEqual(run.stdout, "the 2\ncat 1\ndog 1\n<UNK> 0\n")
    }

    func testEnormousTokensAndLinesAreErrorsBeforeMemoryGrows() throws {
        // 48 MiB of one token, zstd-compressed to a few kilobytes (a small decompression bomb).
        let bomb = dir.file("bomb.txt.zst")
        let out = try AtomicOutput(path: bomb)
        let chunk = String(repeating: "a", count: 1 << 20)
        for _ in 0..<48 { try out.write(chunk) }
        try out.commit()
        try expect(["vocab", bomb, "-o", dir.file("v.txt")], status: 1, "\(bomb):1: a token longer than 1048576 bytes (raise --max-token-bytes)")
        try expect(["neighbors", bomb, "a"], status: 1, "\(bomb):1: line longer than 16777216 bytes")
        // A long line of ordinary words is fine: it is read in pieces (the same counts as with one piece).
        let long = try dir.write((0..<20_000).map { "w\($0 % 50)" }.joined(separator: " ") + "\n", to: "long.txt")
        let whole = try EmbedBinary.run(["vocab", long, "-o", "-", "--min-count", "1", "--quiet"])
        let pieces = try EmbedBinary.run(["vocab", long, "-o", "-", "--min-count", "1", "--quiet", "--max-token-bytes", "64"])
        XCTAssertEqual(whole.status, 0, whole.stderr)
        XCTAssertEqual(whole.stdout, pieces.stdout)
    }

    func testDamagedCheckpointsAndModelsAreRefused() throws {
        // A checkpoint with one flipped byte is refused, not resumed from.
        let out = dir.file("v.txt"), checkpoint = dir.file("v.txt.checkpoint")
        // A checkpoint as an interrupted run leaves it: the library's pipeline stopped at its first poll.
        var pipeline = SkipGramPipeline()
        pipeline.minCount = 1
        pipeline.settings.dimension = 4
        pipeline.settings.epochs = 20_000    // long enough for the first poll (0.25 s) to come before the end
        pipeline.settings.sample = 0
        pipeline.settings.threads = 1
        pipeline.checkpoint = CheckpointPolicy(path: checkpoint)
        let stopped = try pipeline.train(corpus: try CorpusReader(inputs: [corpus]), observer: RecordingObserver(stopAtPoll: 1))
        XCTAssertEqual(stopped.summary.outcome, .stopped(checkpoint: checkpoint))
        var bytes = try dir.bytes("v.txt.checkpoint")
        bytes[bytes.count / 2] ^= 1
        try dir.write(bytes: bytes, to: "v.txt.checkpoint")
        try expect(["train", "skipgram", corpus, "-o", out, "--min-count", "1", "--epochs", "1", "--dim", "4", "--resume", "--quiet"],
                   status: 1, "\(checkpoint): corrupt skip-gram checkpoint: checksum mismatch")
    }

    /// One-character file names are ordinary names (Foundation's path splitting traps on them: the tool must not).
    func testOneCharacterFileNamesWork() throws {
        func ok(_ arguments: [String]) throws {
            let run = try EmbedBinary.run(arguments + ["--quiet"], in: dir.path)
            XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)")
        }
        try ok(["vocab", "corpus.txt", "--min-count", "2", "-o", "v"])
        try ok(["cooccur", "corpus.txt", "--vocab", "v", "--window", "3", "-o", "c"])
        try ok(["train", "glove", "--cooc", "c", "--vocab", "v", "--epochs", "2", "--dim", "8", "-o", "g",
                "--save-model", "m"])
        try ok(["train", "glove", "corpus.txt", "--min-count", "2", "--window", "3", "--epochs", "1", "-o", "h", "--init", "m"])
        try ok(["neighbors", "g", "cat"])
        for name in ["v", "c", "g", "m", "h"] { XCTAssertTrue(FileManager.default.fileExists(atPath: dir.file(name)), name) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }, [],
                       "no temporary file left")
    }

    func testSmallCases() throws {
        let vectors = try dir.write("king 1 0\nqueen 0 1\nman 1 1\n", to: "vec.txt")
        try expect(["neighbors", vectors, "king", "-", "king"], status: 1, "is a zero vector")
        try expect(["eval", dir.file("missing.txt")], status: 1, "\(dir.file("missing.txt")): no such file")
        let train = try dir.write("\"king queen\",0\n\"man\",1\n", to: "t.csv")
        let model = dir.file("m.embedclf")
        XCTAssertEqual(try EmbedBinary.run(["classify", "train", "--vectors", vectors, "--train", train, "-o", model,
                                            "--epochs", "1", "--hidden", "4", "--quiet"]).status, 0)
        try expect(["classify", "predict", "--model", model, ""], status: 2, "sentence 1 is empty")
        try expect(["classify", "evaluate", "--model", model, "--test", train, "--threads", "0"], status: 2, "--threads")
    }
}
