// Role: command-line tests of `embed vocab`: output layout, stdin input, the same file on 1 and 2 threads, and
// one-line errors with exit codes.
import EmbedTestSupport
import Foundation
import XCTest

final class VocabCLITests: XCTestCase {
    func testVocabFromStdinAndFile() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "b a b\nc b a\nd\n"
        let out = dir + "/vocab.txt"
        let run = try EmbedBinary.run(["vocab", "-", "-o", out, "--min-count", "2", "--quiet"], stdin: Data(text.utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "b 3\na 2\n<UNK> 2\n")
        XCTAssertEqual(run.stderr, "")
    }

    func testThreadsWriteTheSameVocabulary() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = SharedData.shipped("corpora/wiki")
        var files: [String] = []
        for threads in ["1", "2"] {
            let out = dir + "/vocab-\(threads).txt"
            let run = try EmbedBinary.run(["vocab", corpus, "-o", out, "--threads", threads, "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
            files.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        XCTAssertGreaterThan(files[0].count, 10_000)
        XCTAssertEqual(files[0], files[1])
    }

    func testErrorsAreOneLineWithExitCodes() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = try EmbedBinary.run(["vocab", dir + "/nope.txt", "-o", dir + "/v.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "embed: \(dir)/nope.txt: no such file or directory\n")

        let bad = dir + "/bad.txt"
        try Data([0x61, 0x0A, 0x62, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: bad))
        let invalid = try EmbedBinary.run(["vocab", bad, "-o", dir + "/v.txt"])
        XCTAssertEqual(invalid.status, 1)
        XCTAssertTrue(invalid.stderr.hasPrefix("embed: \(bad):2: invalid UTF-8"), invalid.stderr)
        XCTAssertTrue(invalid.stderr.contains("(--invalid-utf8 replace substitutes U+FFFD)"), "the tool names its flag: \(invalid.stderr)")
        XCTAssertEqual(invalid.stderr.filter { $0 == "\n" }.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/v.txt"), "no output on failure")

        let usage = try EmbedBinary.run(["vocab", bad, "-o", dir + "/v.txt", "--min-count", "0"])
        XCTAssertEqual(usage.status, 2)
    }
}
