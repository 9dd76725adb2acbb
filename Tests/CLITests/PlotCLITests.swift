// Role: command-line tests of `embed plot` and `embed plot-log`: pictures written, one-line errors with
// exit codes (unknown words, bad --pairs, malformed CSV) and no output left behind on failure.
import Foundation
import XCTest

final class PlotCLITests: XCTestCase {
    private func folder() throws -> String {
        let dir = try EmbedBinary.temporaryFolder()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testPlotWordsWithPairs() throws {
        let dir = try folder()
        let vectors = dir + "/v.txt"
        try "king 1 0 2\nqueen 1 1 2\nman 0 0 1\nwoman 0 1 1\na&b 2 2 0\n".write(toFile: vectors, atomically: true, encoding: .utf8)
        let out = dir + "/words.svg"
        let run = try EmbedBinary.run(["plot", vectors, "a&b", "--pairs", "man:woman,king:queen", "-o", out, "--title", "T<1>"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("plot: 5 words from 5 vectors of dimension 3 -> \(out)"), run.stderr)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<?xml"))
        for label in [">a&amp;b<", ">T&lt;1&gt;<", ">king<", ">woman<"] { XCTAssertTrue(svg.contains(label), label) }
        XCTAssertEqual(svg.components(separatedBy: "marker-end=").count - 1, 2, "two arrows")
    }

    func testPlotErrors() throws {
        let dir = try folder()
        let vectors = dir + "/v.txt"
        try "king 1 0\nqueen 1 1\n".write(toFile: vectors, atomically: true, encoding: .utf8)
        let out = dir + "/words.svg"
        let unknown = try EmbedBinary.run(["plot", vectors, "King", "queen", "prince", "-o", out])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "embed: \(vectors): not in the vectors: King, prince; case matters: King (try king)\n")
        let pairs = try EmbedBinary.run(["plot", vectors, "king", "--pairs", "king-queen", "-o", out])
        XCTAssertEqual(pairs.status, 2)
        XCTAssertTrue(pairs.stderr.contains("--pairs: expected from:to"), pairs.stderr)
        let one = try EmbedBinary.run(["plot", vectors, "king", "king", "-o", out])
        XCTAssertEqual(one.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no picture on failure")
    }

    func testPlotLog() throws {
        let dir = try folder()
        let log = dir + "/log.csv"
        try "step,loss,learning_rate\n100,3.5,0.025\n200,2.9,0.02\n300,2.7,0.015\n".write(toFile: log, atomically: true, encoding: .utf8)
        let out = dir + "/loss.svg"
        let run = try EmbedBinary.run(["plot-log", log, "-o", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "plot-log: 3 rows, step vs loss, learning_rate -> \(out)\n")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8).components(separatedBy: "<polyline").count - 1, 2)
        let chosen = try EmbedBinary.run(["plot-log", log, "-o", out, "--y", "learning_rate", "--quiet"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertEqual(chosen.stderr, "")

        let bad = dir + "/bad.csv"
        try "a,b\n1,2\n3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let badRun = try EmbedBinary.run(["plot-log", bad, "-o", dir + "/bad.svg"])
        XCTAssertEqual(badRun.status, 1)
        XCTAssertEqual(badRun.stderr, "embed: \(bad):3: 1 fields, the header has 2 (a,b)\n")
        let column = try EmbedBinary.run(["plot-log", log, "-o", dir + "/bad.svg", "--y", "cost"])
        XCTAssertEqual(column.status, 1)
        XCTAssertEqual(column.stderr, "embed: \(log): no column \"cost\" (columns: step, loss, learning_rate)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/bad.svg"))
    }
}
