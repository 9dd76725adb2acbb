// Role: reading labelled sentences from small fixture files: the emoji CSV layout (tabs and "" inside quotes,
// unquoted sentences with commas), SST-2 `label sentence` lines, layout detection, and malformed rows, which
// must be InputErrors naming the file and the line.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import EmbedStreams
import XCTest

final class LabeledDataTests: XCTestCase {
    var folder: TestFolder!
    override func setUpWithError() throws { folder = try TestFolder() }
    override func tearDown() { folder = nil }

    func read(_ text: String, _ name: String, format: LabeledFormat = .auto) throws -> LabeledData {
        try LabeledData(path: try folder.write(text, to: name), format: format)
    }

    /// Reading `text` fails with an InputError at `line` of the file whose message contains `message`.
    func assertInputError(_ text: String, _ name: String = "bad.csv", format: LabeledFormat = .auto, line: Int,
                          _ message: String, file: StaticString = #filePath, sourceLine: UInt = #line) throws {
        let path = try folder.write(text, to: name)
        XCTAssertThrowsError(try LabeledData(path: path, format: format), file: file, line: sourceLine) { error in
            guard let e = error as? InputError else {
                return XCTFail("not an InputError: \(error)", file: file, line: sourceLine)
            }
            XCTAssertEqual(e.path, path, file: file, line: sourceLine)
            XCTAssertEqual(e.line, line, file: file, line: sourceLine)
            XCTAssertTrue(e.message.contains(message), e.message, file: file, line: sourceLine)
            XCTAssertTrue(e.description.hasPrefix("\(path):\(line): "), e.description, file: file, line: sourceLine)
            XCTAssertFalse(e.description.contains("\n"), "one line", file: file, line: sourceLine)
        }
    }

    func testEmojiCSVWithTabsQuotesAndCommas() throws {
        // The lecture's layout: a tab just before the closing quote, "" for a quote, commas inside quotes,
        // a blank line (skipped, still counted), trailing empty fields, an unquoted sentence holding commas.
        let data = try read("""
        "never talk to me again",3
        "I want to eat\t",4
        "she said ""hi"", then left",2

        "food is life",4,,
        I love you, really,0
          spaced out , indeed  ,1
        """, "train_emoji.csv")
        XCTAssertEqual(data.format, .csv)
        XCTAssertEqual(data.sentences, [
            LabeledSentence(text: "never talk to me again", label: "3", line: 1),
            LabeledSentence(text: "I want to eat\t", label: "4", line: 2),
            LabeledSentence(text: "she said \"hi\", then left", label: "2", line: 3),
            LabeledSentence(text: "food is life", label: "4", line: 5),
            LabeledSentence(text: "I love you, really", label: "0", line: 6),
            LabeledSentence(text: "spaced out , indeed", label: "1", line: 7),
        ])
    }

    func testSST2LinesWithStringLabels() throws {
        let data = try read("1 a stirring , funny and finally transporting film\n0\tapparently reassembled .\n"
                            + "pos  great   fun \nneg bad\r\n", "train.txt")
        XCTAssertEqual(data.format, .lines)
        XCTAssertEqual(data.sentences.map(\.label), ["1", "0", "pos", "neg"])
        XCTAssertEqual(data.sentences.map(\.text), ["a stirring , funny and finally transporting film",
                                                    "apparently reassembled .", "great   fun", "bad"])
        XCTAssertEqual(data.sentences.map(\.line), [1, 2, 3, 4])
    }

    func testLayoutDetection() throws {
        // A quoted first row makes any file CSV; a .csv name makes an unquoted file CSV.
        XCTAssertEqual(try read("\"good film\",1\n", "data.txt").format, .csv)
        XCTAssertEqual(try read("good film,1\n", "data.csv").format, .csv)
        XCTAssertEqual(try read("1 good film\n", "data.txt").format, .lines)
        // A byte-order mark does not hide the opening quote.
        XCTAssertEqual(try read("\u{FEFF}\"good film\",1\n", "bom.txt").sentences.first?.text, "good film")
        // An explicit layout wins over the name.
        let forced = try read("1 good, film\n", "data.csv", format: .lines)
        XCTAssertEqual(forced.sentences, [LabeledSentence(text: "good, film", label: "1", line: 1)])
    }

    func testLabelMapOrder() throws {
        // Integer labels in numeric order (text order would put "10" before "2"); strings in text order.
        let numeric = try read("\"a\",10\n\"b\",2\n\"c\",1\n\"d\",2\n", "n.csv")
        XCTAssertEqual(LabelSet(of: numeric.sentences).labels, ["1", "2", "10"])
        let strings = try read("pos good\nneg bad\nmixed so so\npos fine\n", "s.txt")
        let labels = LabelSet(of: strings.sentences)
        XCTAssertEqual(labels.labels, ["mixed", "neg", "pos"])
        XCTAssertEqual(try labels.indices(of: strings.sentences, path: "s.txt"), [2, 1, 0, 2])
        // "03" names the integer class 3.
        XCTAssertEqual(LabelSet(labels: ["1", "3"]).index(of: "03"), 1)
        XCTAssertNil(labels.index(of: "positive"))
    }

    func testUnknownLabelIsAnErrorAtItsLine() throws {
        let test = try read("pos good\n\nmeh so so\n", "test.txt")
        XCTAssertThrowsError(try LabelSet(labels: ["neg", "pos"]).indices(of: test.sentences, path: test.path)) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.path, test.path)
            XCTAssertEqual(e?.line, 3)
            XCTAssertTrue(e?.message.contains("\"meh\"") ?? false, "\(error)")
        }
    }

    func testMalformedCSVRows() throws {
        let good = "\"fine\",1\n"
        try assertInputError(good + "\"no label here\"\n", line: 2, "found one field")
        try assertInputError(good + "\"empty label\",\n", line: 2, "empty label")
        try assertInputError(good + "\"never closed,1\n", line: 2, "unterminated quoted field")
        try assertInputError(good + good + "\"closed\" too early,1\n", line: 3, "after a closing quote")
        try assertInputError(good + "\"\",1\n", line: 2, "empty sentence")
        try assertInputError(good + "\"   \",1\n", line: 2, "empty sentence")
        try assertInputError(good + "\"a\",\"b\",1\n", line: 2, "expected 2 fields, found 3")
    }

    func testMalformedLines() throws {
        try assertInputError("1 fine\n0\n", "bad.txt", line: 2, "found one field")
        try assertInputError("1 fine\n\n0   \n", "bad.txt", line: 3, "found one field")
        // Invalid UTF-8 on line 2.
        let path = try folder.write(Data("1 fine\n0 caf\u{00E9}\n".utf8.map { $0 == 0xC3 ? 0xFF : $0 }), to: "latin.txt")
        XCTAssertThrowsError(try LabeledData(path: path)) { error in
            XCTAssertEqual((error as? InputError)?.description, "\(path):2: invalid UTF-8")
        }
    }

    func testEmptyOrMissingFile() throws {
        let empty = try folder.write("\n  \n", to: "empty.csv")
        XCTAssertThrowsError(try LabeledData(path: empty)) { error in
            XCTAssertEqual((error as? InputError)?.description, "\(empty): no labelled sentences")
        }
        let missing = folder.path + "/nope.csv"
        XCTAssertThrowsError(try LabeledData(path: missing)) { error in
            XCTAssertEqual((error as? InputError)?.path, missing, "\(error)")
        }
    }
}
