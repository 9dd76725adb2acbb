// Role: tests vocabulary building (min-count, max-size, order, <UNK> count), pruning, file round trip and errors.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedVocabulary
import EmbedCorpus
import EmbedStreams

final class VocabularyTests: XCTestCase {
    private func corpus(_ text: String) throws -> (CorpusReader, TemporaryFolder) {
        let dir = try TemporaryFolder()
        let path = dir.file("c.txt")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return (try CorpusReader(inputs: [path]), dir)
    }

    func testOrderCutsAndUnknownCount() throws {
        // counts: a 4, b 3, c 3, d 2, e 1 (15 tokens... computed by hand below)
        let (reader, dir) = try corpus("a b c a\nd A b c\ne a c b d\n")
        _ = dir
        let v = try Vocabulary.build(from: reader, minCount: 2)
        XCTAssertEqual(v.words, ["a", "b", "c", "d"])     // b and c tie at 3: ordered by word
        XCTAssertEqual(v.counts, [4, 3, 3, 2])
        XCTAssertEqual(v.unknownCount, 1)                   // "e"
        XCTAssertEqual(v.totalCount, 13)
        XCTAssertEqual(v.id(of: "c"), 2)
        XCTAssertEqual(v.id(of: "e"), v.unknownID)
        XCTAssertEqual(v.id(of: "zzz"), 4)

        let capped = try Vocabulary.build(from: reader, minCount: 1, maxSize: 2)
        XCTAssertEqual(capped.words, ["a", "b"])
        XCTAssertEqual(capped.unknownCount, 13 - 7)
    }

    func testEncodeKnownDropsUnknownTokens() throws {
        let v = try Vocabulary(words: ["x", "y"], counts: [2, 1], unknownCount: 0)
        let t = Tokenizer()
        try Array("y q x x r".utf8).withUnsafeBufferPointer { try t.tokenize($0) }
        var ids: [Int32] = []
        let n = v.encodeKnown(t, into: &ids)
        XCTAssertEqual(Array(ids[..<n]), [1, 0, 0])
        let m = v.encode(t, into: &ids)
        XCTAssertEqual(Array(ids[..<m]), [1, 2, 0, 0, 2])
    }

    func testPruningKeepsFrequentWords() throws {
        var counter = WordCounter(maxEntries: 50)
        let t = Tokenizer()
        // 200 distinct rare words interleaved with two frequent ones.
        for i in 0..<200 {
            try Array("common w\(i) other common".utf8).withUnsafeBufferPointer { try t.tokenize($0) }
            counter.add(t)
        }
        XCTAssertLessThanOrEqual(counter.table.count, 50)
        XCTAssertGreaterThan(counter.prunedBelow, 0)
        let v = try Vocabulary(counter: counter, minCount: 1)
        XCTAssertEqual(Array(v.words.prefix(2)), ["common", "other"])
        XCTAssertEqual(v.counts[0], 400)
        XCTAssertEqual(v.totalCount, 800)
    }

    func testSaveLoadRoundTripAndLayout() throws {
        let dir = try TemporaryFolder()
        let v = try Vocabulary(words: ["the", "of", "日本"], counts: [10, 5, 5], unknownCount: 7)
        let path = dir.file("vocab.txt")
        try v.save(path: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "the 10\nof 5\n日本 5\n<UNK> 7\n")
        let back = try Vocabulary.load(path: path)
        XCTAssertEqual(back.words, v.words)
        XCTAssertEqual(back.counts, v.counts)
        XCTAssertEqual(back.unknownCount, 7)
    }

    func testLoadErrorsNameTheLine() throws {
        let dir = try TemporaryFolder()
        let cases: [(String, Int, String)] = [
            ("a 3\nb x\n", 2, "count is not"),
            ("a 3\nb 4\n", 2, "descending"),
            ("a 3\na 2\n", 2, "duplicated"),
            ("a 3\n<UNK> 1\nb 1\n", 3, "last line"),
            ("a 3\nnocount\n", 2, "expected"),
        ]
        for (text, line, fragment) in cases {
            let path = dir.file("v.txt")
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            XCTAssertThrowsError(try Vocabulary.load(path: path)) { e in
                let err = e as? InputError
                XCTAssertEqual(err?.line, line, "\(text)")
                XCTAssertEqual(err?.path, path)
                XCTAssertTrue(err?.message.contains(fragment) ?? false, "\(e)")
            }
        }
    }

    func testEmptyCorpusIsAnError() throws {
        let (reader, dir) = try corpus("\n   \n")
        _ = dir
        XCTAssertThrowsError(try Vocabulary.build(from: reader)) { e in
            XCTAssertTrue("\(e)".contains("empty"))
        }
    }

    func testWiki17mHas68188WordsAtMinCount5() throws {
        let path = SharedData.path("corpora/wiki17m.txt.zst")
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("shared data not found") }
        #if DEBUG
        throw XCTSkip("17M tokens: run in release (make test)")
        #else
        let v = try Vocabulary.build(from: try CorpusReader(inputs: [path]), minCount: 5)
        XCTAssertEqual(v.size, 68_188)
        XCTAssertEqual(v.totalCount, 17_006_479)
        #endif
    }
}
