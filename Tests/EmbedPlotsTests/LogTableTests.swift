// Role: tests reading --log CSV files (quotes, blank and comment lines, gaps) and every malformed-file error
// (file:line), and how training curves pick their columns.
import EmbedCore
import XCTest
import EmbedStreams
@testable import EmbedPlots

final class LogTableTests: XCTestCase {
    private var dir: TemporaryFolder!
    override func setUpWithError() throws { dir = try TemporaryFolder() }

    private func file(_ text: String, _ name: String = "log.csv") throws -> String {
        let path = dir.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try self.file(text)
        XCTAssertThrowsError(try DataTable.readCSV(path: path), file: file, line: line) { error in
            XCTAssertEqual("\(error)", path + expected, file: file, line: line)
        }
    }

    func testReadsColumns() throws {
        let path = try file("# a comment\nstep, loss ,\"note, with comma\"\n\n1,2.5,\"a \"\"quoted\"\" word\"\n2,,x\r\n3,nan,1e3\n")
        let t = try DataTable.readCSV(path: path)
        XCTAssertEqual(t.columns, ["step", "loss", "note, with comma"])
        XCTAssertEqual(t.rowCount, 3)
        XCTAssertEqual(t.lineNumbers, [4, 5, 6])
        XCTAssertEqual(t.values[0], [1, 2, 3])
        XCTAssertEqual(t.values[1][0], 2.5)
        XCTAssertTrue(t.values[1][1].isNaN && t.values[1][2].isNaN)
        XCTAssertTrue(t.isNumeric(1))
        XCTAssertFalse(t.isNumeric(2))
        XCTAssertEqual(t.firstNonNumericLine[2], 4)
    }

    func testMalformedFiles() throws {
        try assertError("", ": empty file: expected a header row of column names")
        try assertError("a,b\n", ":1: no data rows after the header")
        try assertError("a,b\n1,2\n3\n", ":3: 1 fields, the header has 2 (a,b)")
        try assertError("a,,c\n", ":1: header column 2 has no name")
        try assertError("a,b,a\n1,2,3\n", ":1: header names column \"a\" twice")
        try assertError("a,b\n1,\"2\n", ":2: unterminated quoted field")
    }

    func testColumnErrors() throws {
        let path = try file("step,loss,phase\n1,2,warm\n2,oops,cool\n")
        let t = try DataTable.readCSV(path: path)
        XCTAssertThrowsError(try t.column(named: "cost")) { XCTAssertEqual("\($0)", path + ": no column \"cost\" (columns: step, loss, phase)") }
        XCTAssertThrowsError(try CurvesPlot(table: t, y: ["loss"])) { XCTAssertEqual("\($0)", path + ":3: column \"loss\" is not a number here") }
        XCTAssertThrowsError(try CurvesPlot(table: t, x: "phase")) { XCTAssertEqual("\($0)", path + ":2: column \"phase\" is not a number here") }
        // Default y: every other numeric column; neither loss (one bad cell) nor phase qualifies.
        XCTAssertThrowsError(try CurvesPlot(table: t)) { XCTAssertEqual("\($0)", path + ": no numeric column to plot besides \"step\"") }
    }

    func testDefaultAndChosenColumns() throws {
        let path = try file("step,progress,loss,phase,learning_rate\n10,0.1,3,warm,0.02\n20,0.2,2,warm,0.01\n30,0.3,,x,0.005\n40,0.4,1,x,0\n")
        let t = try DataTable.readCSV(path: path)
        let all = try CurvesPlot(table: t)
        XCTAssertEqual(all.xTitle, "step")
        XCTAssertEqual(all.x, [10, 20, 30, 40])
        XCTAssertEqual(all.series.map(\.name), ["progress", "loss", "learning_rate"])
        guard let svg = SVGInspector.parse(all.svg()) else { return }
        // The empty loss cell splits its curve: rows 1-2 a line, row 4 alone a dot; 3 lines in all.
        XCTAssertEqual(svg.count("polyline"), 3)
        XCTAssertEqual(svg.count("circle"), 1)
        XCTAssertTrue(svg.texts.contains("last 1"))
        let chosen = try CurvesPlot(table: t, x: "progress", y: ["learning_rate", "loss"], title: "run")
        XCTAssertEqual(chosen.xTitle, "progress")
        XCTAssertEqual(chosen.series.map(\.name), ["learning_rate", "loss"])
    }

    func testZstdLog() throws {
        let path = dir.file("log.csv.zst")
        let out = try AtomicOutput(path: path)
        try out.write("epoch,cost\n1,0.5\n2,0.25\n")
        try out.commit()
        XCTAssertEqual(try DataTable.readCSV(path: path).values[1], [0.5, 0.25])
    }
}
