// Role: command-line tests of `embed phrases`: the phrased corpus and the table file, stdin and zstd output,
// two passes, --common-words, --apply reproducing the learnt output, one-line errors and exit codes.
import Foundation
import XCTest

final class PhrasesCLITests: XCTestCase {
    private var dir = ""
    override func setUpWithError() throws { dir = try EmbedBinary.temporaryFolder() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    private func write(_ text: String, _ name: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }
    private func read(_ name: String) throws -> String { try String(contentsOfFile: dir + "/" + name, encoding: .utf8) }

    // new 3, york 4, is 2; N = 14: new_york (3 - 1) / 12 * 14 = 2.333..., york_is (2 - 1) / 8 * 14 = 1.75.
    // With --common-words below: bank 6, america 6, bank_of_america 6, N = 88: (6 - 5) / 36 * 88 = 2.44 > 1.
    static let small = "New York is big\nnew york city\ni love new york\nyork is old\n"

    func testPhrasedCorpusAndTable() throws {
        let corpus = try write(Self.small, "c.txt")
        let run = try EmbedBinary.run(["phrases", corpus, "-o", dir + "/out.txt", "--min-count", "1",
                                       "--threshold", "1.5", "--table", dir + "/t.tsv"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try read("out.txt"), "new_york is big\nnew_york city\ni love new_york\nyork_is old\n")
        XCTAssertEqual(try read("t.tsv"), "new_york\t3\t\(2.0 / 12 * 14)\nyork_is\t2\t1.75\n")
        XCTAssertTrue(run.stderr.contains("phrases: pass 1: 14 tokens"), run.stderr)

        let plus = try EmbedBinary.run(["phrases", "-", "-o", dir + "/out.txt.zst", "--min-count", "1",
                                        "--threshold", "2", "--delimiter", "+", "--quiet"], stdin: Data(Self.small.utf8))
        XCTAssertEqual(plus.status, 0, plus.stderr)
        XCTAssertEqual(plus.stderr, "")
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["zstd", "-q", "-d", dir + "/out.txt.zst", "-o", dir + "/unzipped.txt"]
        try unzip.run(); unzip.waitUntilExit()
        XCTAssertEqual(try read("unzipped.txt"), "new+york is big\nnew+york city\ni love new+york\nyork is old\n")
    }

    func testCommonWordsAndApply() throws {
        let text = String(repeating: "the bank of america is here\n", count: 6) + String(repeating: "end of the day\n", count: 3)
            + (0..<20).map { "other\($0) words\($0)\n" }.joined()
        let corpus = try write(text, "c.txt")
        let common = try write("# connectors\nof the\n", "common.txt")
        let learnt = try EmbedBinary.run(["phrases", corpus, "-o", dir + "/out.txt", "--threshold", "1",
                                          "--common-words", common, "--table", dir + "/t.tsv", "--quiet"])
        XCTAssertEqual(learnt.status, 0, learnt.stderr)
        let out = try read("out.txt")
        XCTAssertTrue(out.hasPrefix("the bank_of_america "), out)   // "the" never starts a phrase
        XCTAssertFalse(out.contains("of_the"))
        let applied = try EmbedBinary.run(["phrases", "--apply", dir + "/t.tsv", "--common-words", common, corpus,
                                           "-o", dir + "/applied.txt", "--quiet"])
        XCTAssertEqual(applied.status, 0, applied.stderr)
        XCTAssertEqual(try read("applied.txt"), out)
        let again = try EmbedBinary.run(["phrases", "--apply", dir + "/t.tsv", "--common-words", common,
                                         dir + "/applied.txt", "-o", dir + "/again.txt", "--quiet"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try read("again.txt"), out)
    }

    func testErrorsAndExitCodes() throws {
        let corpus = try write(Self.small, "c.txt")
        let badTable = try write("new_york\t3\t2.5\nnew york\t1\t1\n", "bad.tsv")
        let bad = try EmbedBinary.run(["phrases", "--apply", badTable, corpus, "-o", dir + "/o.txt"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("embed: \(badTable):2: "), bad.stderr)
        XCTAssertEqual(bad.stderr.filter { $0 == "\n" }.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/o.txt"), "no output on failure")

        let missing = try EmbedBinary.run(["phrases", dir + "/nope.txt", "-o", dir + "/o.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "embed: \(dir)/nope.txt: no such file or directory\n")

        let npmi = try EmbedBinary.run(["phrases", corpus, "-o", dir + "/o.txt", "--scoring", "npmi", "--threshold", "3"])
        XCTAssertEqual(npmi.status, 2)
        XCTAssertTrue(npmi.stderr.contains("--threshold"), npmi.stderr)
        let mixed = try EmbedBinary.run(["phrases", "--apply", badTable, corpus, "-o", dir + "/o.txt", "--min-count", "3"])
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderr.contains("--min-count has no effect with --apply"), mixed.stderr)
        let same = try EmbedBinary.run(["phrases", corpus, "-o", corpus])
        XCTAssertEqual(same.status, 2)
        XCTAssertEqual(try read("c.txt"), Self.small)
        for args in [["--passes", "0"], ["--delimiter", ""], ["--memory", "0"], ["--min-count", "0"]] {
            let r = try EmbedBinary.run(["phrases", corpus, "-o", dir + "/o.txt"] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.filter { $0 == "\n" }.count, 1, r.stderr)
        }
        let noOutput = try EmbedBinary.run(["phrases", corpus])
        XCTAssertEqual(noOutput.status, 2)
    }
}
