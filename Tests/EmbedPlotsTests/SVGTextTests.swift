// Role: tests that any label (XML specials, quotes, control bytes, emoji, CJK, right-to-left) comes out of
// every picture as well-formed XML whose text reads back exactly, and that pictures are written atomically.
import EmbedCore
import XCTest
import EmbedVectors
import EmbedStreams
@testable import EmbedPlots

final class SVGTextTests: XCTestCase {
    static let nasty = ["a&b", "<tag>", "\"quoted\"", "it's", "猫", "😀", "👩‍👩‍👧", "مرحبا", "naïve", "]]>", "&amp;"]

    func testEscape() {
        XCTAssertEqual(XMLText.escape("a&b<c>\"d\"'e'"), "a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;")
        XCTAssertEqual(XMLText.escape("x\u{1}y\u{FFFE}"), "x\u{FFFD}y\u{FFFD}")
        XCTAssertEqual(XMLText.escape("tab\there 猫😀"), "tab\there 猫😀")
    }

    func testWordMapLabelsRoundTrip() throws {
        let words = SVGTextTests.nasty + ["ctl\u{7}x"]
        let vectors = words.indices.flatMap { i in (0..<4).map { j in Float(sin(Double(3 * i + j))) } }
        let e = try WordVectors(words: words, dimension: 4, vectors: vectors)
        let plot = try WordMapPlot(embeddings: e, words: words, pairs: [("猫", "😀")], title: "<title> & \"more\"")
        guard let svg = SVGInspector.parse(plot.svg()) else { return }
        for w in SVGTextTests.nasty { XCTAssertTrue(svg.texts.contains(w), "label \(w) read back") }
        XCTAssertTrue(svg.texts.contains("ctl\u{FFFD}x"), "control character replaced")
        XCTAssertTrue(svg.texts.contains("<title> & \"more\""))
        XCTAssertEqual(svg.count("circle"), words.count)
        XCTAssertEqual(svg.elements.filter { $0.name == "line" && $0.attributes["marker-end"] != nil }.count, 1)
    }

    func testCurvesAndConfusionMatrixAreWellFormed() throws {
        let curves = CurvesPlot(x: [1, 2, 3], xTitle: "a&b", series: [.init(name: "<loss>", values: [3, 2, 1])], title: "t'")
        guard let c = SVGInspector.parse(curves.svg()) else { return }
        XCTAssertTrue(c.texts.contains("<loss>")); XCTAssertTrue(c.texts.contains("a&b"))
        let matrix = ConfusionMatrixPlot(labels: SVGTextTests.nasty, counts: SVGTextTests.nasty.indices.map { t in
            SVGTextTests.nasty.indices.map { p in t == p ? 5 : (t + p) % 2 } }, title: "&")
        guard let m = SVGInspector.parse(matrix.svg()) else { return }
        for w in SVGTextTests.nasty { XCTAssertEqual(m.texts.filter { $0 == w }.count, 2, "row and column label \(w)") }
    }

    func testWriteIsAtomic() throws {
        let dir = try TemporaryFolder()
        let plot = ConfusionMatrixPlot(labels: ["a", "b"], counts: [[1, 0], [0, 1]])
        let path = dir.file("m.svg")
        try plot.write(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), plot.svg())
        XCTAssertThrowsError(try plot.write(to: dir.file("missing/m.svg"))) { error in
            XCTAssertTrue(error is InputError, "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["m.svg"], "no temporary left")
    }
}
