// Role: command-line tests of `embed train skipgram`: output rows (no <UNK>), reproducibility with one thread,
// the CSV log, one-line errors with exit codes, and SIGINT -> checkpoint -> --resume.
import Foundation
import XCTest

final class TrainSkipGramCLITests: XCTestCase {
    /// A corpus of `lines` lines of 10 words from 6 topics of 5 words.
    func writeCorpus(_ path: String, lines: Int) throws {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var text = ""
        for _ in 0..<lines {
            let t = next(6)
            text += (0..<10).map { _ in "t\(t)w\(next(5))" }.joined(separator: " ") + "\n"
        }
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func testTrainsReproduciblyWithOneThreadAndWritesALog() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = dir + "/c.txt"
        try writeCorpus(corpus, lines: 200)
        let args = ["train", "skipgram", corpus, "--dim", "8", "--epochs", "2", "--min-count", "1", "--threads", "1",
                    "--seed", "5", "--quiet"]
        let a = try EmbedBinary.run(args + ["-o", dir + "/a.txt", "--log", dir + "/log.csv"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stderr, "")
        let b = try EmbedBinary.run(args + ["-o", dir + "/b.txt"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let text = try String(contentsOfFile: dir + "/a.txt", encoding: .utf8)
        XCTAssertEqual(text, try String(contentsOfFile: dir + "/b.txt", encoding: .utf8))
        let rows = text.split(separator: "\n")
        XCTAssertEqual(rows.count, 30)                       // 6 topics x 5 words, no <UNK> row
        XCTAssertTrue(rows.allSatisfy { $0.split(separator: " ").count == 9 })
        XCTAssertFalse(text.contains("<UNK>"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/a.txt.checkpoint"))

        let log = try String(contentsOfFile: dir + "/log.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(log.first, "step,progress,epoch,loss,learning_rate,words_per_sec,elapsed_seconds")
        XCTAssertGreaterThanOrEqual(log.count, 2)          // rows every 0.5% of progress, and a last one
        let last = log.last!.split(separator: ",", omittingEmptySubsequences: false)
        XCTAssertEqual(last.count, 7)
        XCTAssertEqual(Double(last[1]), 1.0)
        XCTAssertEqual(Int(last[0]), 2 * 2000)              // every token of both epochs
    }

    func testErrorsAreOneLineWithExitCodes() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = try EmbedBinary.run(["train", "skipgram", dir + "/nope.txt", "-o", dir + "/v.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "embed: \(dir)/nope.txt: no such file or directory\n")

        let corpus = dir + "/c.txt"
        try writeCorpus(corpus, lines: 50)
        let big = try EmbedBinary.run(["train", "skipgram", corpus, "-o", dir + "/v.txt", "--loss", "softmax",
                                       "--min-count", "1", "--softmax-limit", "10", "--quiet"])
        XCTAssertEqual(big.status, 2)
        XCTAssertTrue(big.stderr.contains("30 words") && big.stderr.contains("--softmax-limit"), big.stderr)
        XCTAssertEqual(big.stderr.filter { $0 == "\n" }.count, 1)

        let noCheckpoint = try EmbedBinary.run(["train", "skipgram", corpus, "-o", dir + "/v.txt", "--resume"])
        XCTAssertEqual(noCheckpoint.status, 1)
        XCTAssertEqual(noCheckpoint.stderr, "embed: \(dir)/v.txt.checkpoint: no such file\n")

        let badFlag = try EmbedBinary.run(["train", "skipgram", corpus, "-o", dir + "/v.txt", "--window", "0"])
        XCTAssertEqual(badFlag.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/v.txt"))
    }

    func testInterruptSavesACheckpointThatResumeContinues() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = dir + "/c.txt"
        try writeCorpus(corpus, lines: 10_000)
        let out = dir + "/v.txt", checkpoint = dir + "/v.txt.checkpoint"
        // Long enough to be interrupted in any build; a periodic checkpoint (every 60 ms) says training runs.
        let args = ["train", "skipgram", corpus, "-o", out, "--dim", "16", "--epochs", "500", "--min-count", "1",
                    "--threads", "2", "--checkpoint-every", "0.001"]
        let (status, stderr) = try EmbedBinary.interrupt(args, when: checkpoint)
        XCTAssertEqual(status, 130, stderr)
        XCTAssertTrue(stderr.contains("interrupted; checkpoint saved to \(checkpoint)"), stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))

        let changed = try EmbedBinary.run(args.map { $0 == "500" ? "400" : $0 } + ["--resume"])
        XCTAssertEqual(changed.status, 2)
        XCTAssertTrue(changed.stderr.contains("--epochs 400 (saved: 500)"), changed.stderr)

        // Resumed: it trains on (the periodic checkpoint is rewritten), and stops again on SIGINT.
        let (again, resumed) = try EmbedBinary.interrupt(args + ["--resume"], when: checkpoint)
        XCTAssertEqual(again, 130, resumed)
        XCTAssertTrue(resumed.contains("skipgram: resuming at"), resumed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint))
    }
}
