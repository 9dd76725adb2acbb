// Role: the CoNLL reader: sentences split at blank lines, -DOCSTART- skipped, spaces or tabs, the tag column
// (last or given), scheme detection, one-line errors naming file and line for malformed lines, and writing
// the file back with a predicted column after the gold one.
import EmbedCore
import EmbedTestSupport
@testable import EmbedTagger
import XCTest

final class TaggedDataTests: XCTestCase {
    func testReadsSentencesSkippingDocstart() throws {
        let folder = try TestFolder()
        let data = try TinyTagging.data(folder)
        XCTAssertEqual(data.sentences.count, 4)
        XCTAssertEqual(data.scheme, .iob2)
        XCTAssertEqual(data.sentences[0].tokens, ["I", "want", "to", "arrive", "Taipei", "on", "October", "23"])
        XCTAssertEqual(data.sentences[0].tags.map(\.text), ["O", "O", "O", "O", "B-destination", "O", "B-arrival_time",
                                                            "I-arrival_time"])
        XCTAssertEqual(data.sentences[0].lines.first, 3)
        XCTAssertEqual(data.tokenCount, 8 + 5 + 4 + 7)
        XCTAssertEqual(data.spans[0], [EntitySpan(type: "destination", start: 4, end: 5),
                                       EntitySpan(type: "arrival_time", start: 6, end: 8)])
    }

    func testColumnsTabsAndTagColumn() throws {
        let folder = try TestFolder()
        let text = "EU\tNNP  B-NP\tI-ORG \r\nrejects VBZ B-VP O\n\n\n  \nPeter NNP B-NP I-PER\nBlackburn NNP I-NP I-PER\n"
        let path = try folder.write(text, to: "four.txt")
        let last = try TaggedData(path: path)
        XCTAssertEqual(last.sentences.count, 2)
        XCTAssertEqual(last.sentences[0].tags.map(\.text), ["I-ORG", "O"])
        XCTAssertEqual(last.scheme, .iob1, "entities start with I-")
        let chunks = try TaggedData(path: path, tagColumn: 3)
        XCTAssertEqual(chunks.sentences[1].tags.map(\.text), ["B-NP", "I-NP"])
        XCTAssertEqual(chunks.scheme, .iob2)
        XCTAssertEqual(try TaggedData(path: path, scheme: .iob2).scheme, .iob2, "a given scheme wins")
    }

    func testMalformedLinesNameFileAndLine() throws {
        let folder = try TestFolder()
        let oneColumn = try folder.write("a O\nb\n", to: "one.txt")
        assertInputError(oneColumn, line: 2, "found one column") { _ = try TaggedData(path: oneColumn) }
        let badTag = try folder.write("a O\n\nb X-PER\n", to: "bad.txt")
        assertInputError(badTag, line: 3, "\"X-PER\" is not a tag") { _ = try TaggedData(path: badTag) }
        let noType = try folder.write("a B-\n", to: "notype.txt")
        assertInputError(noType, line: 1, "is not a tag") { _ = try TaggedData(path: noType) }
        let short = try folder.write("a NN O\nb O\n", to: "short.txt")
        assertInputError(short, line: 2, "the tag column 3 is missing") { _ = try TaggedData(path: short, tagColumn: 3) }
        let iobes = try folder.write("a S-PER\n", to: "iobes.txt")
        assertInputError(iobes, line: 1, "not an IOB2 tag") { _ = try TaggedData(path: iobes, scheme: .iob2) }
        let utf8 = try folder.write(bytes: [0x61, 0x20, 0x4F, 0x0A, 0xFF, 0x20, 0x4F, 0x0A], to: "utf8.txt")
        assertInputError(utf8, line: 2, "invalid UTF-8") { _ = try TaggedData(path: utf8) }
        let empty = try folder.write("-DOCSTART- O\n\n", to: "empty.txt")
        assertInputError(empty, line: nil, "no tagged sentences") { _ = try TaggedData(path: empty) }
        assertInputError(folder.file("missing.txt"), line: nil, "no such file") { _ = try TaggedData(path: folder.file("missing.txt")) }
        assertSettingError("tagColumn", "at least 2") { _ = try TaggedData(path: short, tagColumn: 1) }
    }

    func testLinesWithPredictionsInsertAfterTheGoldColumn() throws {
        let folder = try TestFolder()
        let path = try folder.write("-DOCSTART- -X- O\n\nEU NNP B-ORG\nsaid VBD O\n\nPeter\tNNP\tB-PER\n", to: "p.txt")
        let data = try TaggedData(path: path, keepingLines: true)
        let predicted = [[ChunkTag(kind: .begin, type: "ORG"), .outside], [ChunkTag(kind: .begin, type: "LOC")]]
        XCTAssertEqual(data.linesWithPredictions(predicted),
                       ["-DOCSTART- -X- O", "", "EU NNP B-ORG B-ORG", "said VBD O O", "", "Peter\tNNP\tB-PER\tB-LOC"])
        let middle = try TaggedData(path: try folder.write("EU B-ORG NNP\n", to: "m.txt"), tagColumn: 2, keepingLines: true)
        XCTAssertEqual(middle.linesWithPredictions([[.outside]]), ["EU B-ORG O NNP"])
    }

    func testCasingClasses() {
        let cases: [(String, Casing)] = [("taipei", .lower), ("EU", .upper), ("U.S.", .upper), ("Peter", .initialCapital),
                                         ("iPhone", .mixed), ("McDonald", .mixed), ("1996", .numeric),
                                         ("1996-08-22", .containsDigit), ("A4", .containsDigit), (".", .other),
                                         ("--", .other), ("don't", .lower), ("Zürich", .initialCapital)]
        for (token, expected) in cases { XCTAssertEqual(Casing(of: token), expected, token) }
        XCTAssertEqual(Casing.allCases.count, 7)
    }

    func testCharacterIndex() {
        let index = CharacterIndex(tokens: ["abc", "abd", "a"], minCount: 2)
        XCTAssertEqual(index.characters, ["a", "b"])
        XCTAssertEqual(index.encode("abz"), [1, 2, 0])
        XCTAssertEqual(index.encode(""), [0])
        let long = String(repeating: "a", count: 40) + String(repeating: "b", count: 40)
        let ids = index.encode(long)
        XCTAssertEqual(ids.count, CharacterIndex.maxLength)
        XCTAssertEqual(ids.first, 1); XCTAssertEqual(ids.last, 2)
    }
}
