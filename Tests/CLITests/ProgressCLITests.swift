// Role: command-line tests of progress reporting when stderr is a pipe: plain lines (no carriage return) at
// the EMBED_PROGRESS_SECONDS pace, and `--quiet` leaving stderr empty on success (vocab, convert, analogy).
import Foundation
import XCTest

final class ProgressCLITests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try EmbedBinary.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The test's environment with plain progress lines at every update.
    private var everyUpdate: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["EMBED_PROGRESS_SECONDS"] = "0"
        return env
    }

    /// Runs `arguments` twice, with progress at every update and with --quiet; returns the progress lines
    /// of the first run (those starting with `label` and holding a percent) after checking both runs.
    private func progressLines(_ arguments: [String], label: String, file: StaticString = #filePath,
                               line: UInt = #line) throws -> [Substring] {
        let loud = try EmbedBinary.run(arguments, environment: everyUpdate)
        XCTAssertEqual(loud.status, 0, loud.stderr, file: file, line: line)
        XCTAssertFalse(loud.stderr.contains("\r"), "a pipe gets plain lines, no carriage returns", file: file, line: line)
        XCTAssertTrue(loud.stderr.hasSuffix("\n"), file: file, line: line)
        let lines = loud.stderr.split(separator: "\n").filter { $0.hasPrefix(label) && $0.contains("%") }

        let quiet = try EmbedBinary.run(arguments + ["--quiet"], environment: everyUpdate)
        XCTAssertEqual(quiet.status, 0, quiet.stderr, file: file, line: line)
        XCTAssertEqual(quiet.stderr, "", "--quiet: nothing on stderr", file: file, line: line)
        XCTAssertEqual(quiet.stdout, loud.stdout, "progress never goes to stdout", file: file, line: line)
        return lines
    }

    /// The percentages of progress lines, in order.
    private func percents(_ lines: [Substring]) -> [Double] {
        lines.compactMap { line in
            line.split(separator: " ").first { $0.hasSuffix("%") }.flatMap { Double($0.dropLast()) }
        }
    }

    func testVocabReportsTokensAsPlainLines() throws {
        // 4000 lines of 50 tokens: 200,000 tokens, an update every 65,536 tokens.
        let line = (0..<50).map { "w\($0 % 7)" }.joined(separator: " ") + "\n"
        try String(repeating: line, count: 4000).write(toFile: dir + "/corpus.txt", atomically: false, encoding: .utf8)
        let lines = try progressLines(["vocab", dir + "/corpus.txt", "-o", dir + "/vocab.txt"], label: "vocabulary ")
        XCTAssertGreaterThanOrEqual(lines.count, 3, "200k tokens give at least 3 updates")
        // The share is of the bytes read, which run ahead of the tokens (buffered reads): an ETA shows while below 100%.
        XCTAssertTrue(lines.allSatisfy { $0.contains("tokens/s") && ($0.contains("ETA") || $0.contains("100.0%")) }, "\(lines)")
        let p = percents(lines)
        XCTAssertEqual(p, p.sorted(), "percent never goes back")
        XCTAssertTrue(p.allSatisfy { $0 > 0 && $0 <= 100 }, "\(p)")
    }

    func testConvertAndAnalogyReportProgress() throws {
        // 10,000 rows: read progress every 4096 rows.
        let rows = (0..<10_000).map { "w\($0) \(Float($0 % 13) - 6) \(Float($0 % 5) + 1) 1\n" }.joined()
        try rows.write(toFile: dir + "/v.txt", atomically: false, encoding: .utf8)

        let converted = try progressLines(["convert", dir + "/v.txt", dir + "/v.bin"], label: "vectors ")
        XCTAssertEqual(converted.count, 2, "rows 4096 and 8192: \(converted)")
        XCTAssertTrue(converted.allSatisfy { $0.contains("vectors/s") }, "\(converted)")

        try ": s\nw1 w2 w3 w4\nw5 w6 w7 w8\n".write(toFile: dir + "/q.txt", atomically: false, encoding: .utf8)
        let scanned = try progressLines(["analogy", dir + "/v.bin", dir + "/q.txt"], label: "analogies ")
        XCTAssertFalse(scanned.isEmpty, "the candidate scan reports at least once")
        XCTAssertEqual(percents(scanned).last, 100, "the scan ends at 100%: \(scanned)")
        let reading = try EmbedBinary.run(["analogy", dir + "/v.bin", dir + "/q.txt", "--restrict", "9000"],
                                          environment: everyUpdate)
        // A word2vec header gives the row count: 4096 and 8192 of the 9000 rows wanted.
        XCTAssertEqual(percents(reading.stderr.split(separator: "\n").filter { $0.hasPrefix("vectors") }),
                       [45.5, 91.0], reading.stderr)
    }
}
