// Role: fastText `.bin` models: the fixture written by the real fastText read back with the vectors fastText
// gave (in and out of the vocabulary, to 1e-5), our writer reproducing fastText's file byte for byte, round
// trips of hand-made models, and the model seen through WordVectors (reading, lookups, neighbours, formats).
import EmbedCore
import EmbedStreams
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedVectors

final class FastTextModelFileTests: XCTestCase {
    func testReadsTheModelFastTextWrote() throws {
        let model = try FastTextModel.read(path: FastTextFixture.model)
        var expectedArgs = FastTextArgs()
        expectedArgs.dim = 10; expectedArgs.minCount = 8; expectedArgs.bucket = 2000
        XCTAssertEqual(model.args, expectedArgs, "the settings make_fixture.py trained with")
        XCTAssertEqual(model.dictionary.wordCount, 722)
        XCTAssertEqual(model.dictionary.labelCount, 0)
        XCTAssertEqual(model.dictionary.pruneIndexSize, -1)
        XCTAssertEqual(model.dictionary.entries.prefix(3), ["the", "of", "and"])
        XCTAssertEqual(model.dictionary.counts.prefix(3), [2808, 1724, 1288])
        XCTAssertEqual(model.dictionary.tokenCount, 39_393, "the 39,387 words of the 6 articles and 6 line ends")
        XCTAssertEqual(model.inputRows, 2722)
        XCTAssertEqual(model.outputRows, 722)
        XCTAssertEqual(model.rows(of: "the").first, 0, "a vocabulary word's own row comes first")

        let expected = try FastTextFixture.expected()
        XCTAssertEqual(expected.count, 17)
        for e in expected {
            XCTAssertEqual(model.dictionary.wordID(of: e.word) != nil, e.inVocabulary, e.word)
            let v = model.vector(for: e.word)
            XCTAssertLessThan(maxDifference(v, e.vector), 1e-5, e.word)
        }
        XCTAssertEqual(model.vector(for: "</s>"), [Float](repeating: 0, count: 10), "fastText: </s> has no n-grams")
    }

    func testReadsASupervisedModelFastTextWrote() throws {
        let path = FastTextFixture.folder + "/feelings-sup-d4.bin"
        let model = try FastTextModel.read(path: path)
        XCTAssertEqual(model.args.model, .sup)
        XCTAssertEqual(model.args.loss, .softmax)
        XCTAssertEqual(model.args.maxn, 0, "supervised default: no character n-grams")
        XCTAssertEqual(model.args.wordNgrams, 2)
        XCTAssertEqual(model.dictionary.labelCount, 5)
        XCTAssertEqual(Set(model.dictionary.entries[model.dictionary.wordCount...]), Set((0..<5).map { "__label__\($0)" }))
        XCTAssertEqual(model.outputRows, 5, "one output row per label")
        XCTAssertEqual(model.inputRows, model.dictionary.wordCount + 1000)
        let text = try String(contentsOfFile: FastTextFixture.folder + "/feelings-sup-d4.expected.txt", encoding: .utf8)
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            let expected = fields[2...].map { Float(String($0))! }
            XCTAssertLessThan(maxDifference(model.vector(for: String(fields[1])), expected), 1e-6, String(fields[1]))
        }
        let vectors = try WordVectors.read(path: path)
        XCTAssertEqual(vectors.count, model.dictionary.wordCount, "labels are not vectors")
        XCTAssertNil(vectors.index(of: "__label__0"))
        XCTAssertNil(vectors.vector(for: "neverseen"), "no n-grams: an unknown word stays unknown")
        let scratch = try TestFolder()
        try model.write(to: scratch.file("sup.bin"))
        XCTAssertEqual(try scratch.bytes("sup.bin"), [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    func testOurWriterReproducesFastTextsFileByteForByte() throws {
        let scratch = try TestFolder()
        let model = try FastTextModel.read(path: FastTextFixture.model)
        let copy = scratch.file("copy.bin")
        try model.write(to: copy)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: copy)),
                       try Data(contentsOf: URL(fileURLWithPath: FastTextFixture.model)))
        assertSameModel(try FastTextModel.read(path: copy), model)
        XCTAssertEqual(scratch.contents(), ["copy.bin"], "no temporary file left")
    }

    func testRoundTripOfHandMadeModels() throws {
        let scratch = try TestFolder()
        for kind in FastTextModelKind.allCases {
            let model = try FastTextFixture.handMade(model: kind)
            let path = scratch.file("\(kind).bin")
            try model.write(to: path)
            let back = try FastTextModel.read(path: path)
            assertSameModel(back, model)
            XCTAssertEqual(back.dictionary.labelCount, kind == .sup ? 2 : 0)
            XCTAssertEqual(back.outputRows, kind == .sup ? 2 : 5)
        }
        // zstd-compressed (by name) reads back too, through the stream path.
        let model = try FastTextFixture.handMade()
        try model.write(to: scratch.file("m.bin.zst"))
        XCTAssertEqual(try Array(scratch.bytes("m.bin.zst").prefix(4)), ByteSource.zstdMagic)
        assertSameModel(try FastTextModel.read(path: scratch.file("m.bin.zst")), model)
    }

    func testVectorsOfHandMadeModelAreMeansOfTheirRows() throws {
        let model = try FastTextFixture.handMade(dim: 2, buckets: 5)
        let d = 2
        func row(_ r: Int) -> [Float] { Array(model.input[r * d ..< (r + 1) * d]) }
        for word in ["the", "été", "unknown", "🙂x", "zz"] {
            let rows = model.rows(of: word)
            let id = model.dictionary.wordID(of: word)
            XCTAssertEqual(rows.first == id, id != nil, word)
            let ngramRows = CharacterNgrams(minn: 2, maxn: 4, buckets: 5).buckets(of: word).map { $0 + 5 }
            XCTAssertEqual(Array(rows.dropFirst(id == nil ? 0 : 1)), ngramRows, word)
            var sum: [Float] = [0, 0]
            for r in rows { sum[0] += row(r)[0]; sum[1] += row(r)[1] }
            let scale = Float(1.0 / Double(rows.count))
            XCTAssertEqual(model.vector(for: word), [sum[0] * scale, sum[1] * scale], word)
        }
        XCTAssertEqual(model.rows(of: "</s>"), [3], "</s>: its own row, no n-grams")
    }

    func testWordVectorsReadAFastTextModel() throws {
        XCTAssertEqual(try VectorFormat.detect(path: FastTextFixture.model), .fastTextBinary)
        let vectors = try WordVectors.read(path: FastTextFixture.model)
        let model = try XCTUnwrap(vectors.subwords)
        XCTAssertEqual(vectors.count, 722)
        XCTAssertEqual(vectors.dimension, 10)
        XCTAssertEqual(vectors.words, Array(model.dictionary.words))
        for e in try FastTextFixture.expected() where e.word != "</s>" {
            let v = try XCTUnwrap(vectors.vector(for: e.word), e.word)
            XCTAssertLessThan(maxDifference(v, e.vector), 1e-5, e.word)
            if e.inVocabulary { XCTAssertEqual(vectors.index(of: e.word).map(vectors.vector(at:)), v) }
        }
        XCTAssertNil(vectors.vector(for: "</s>"), "no row, no n-grams: unknown")
        XCTAssertTrue(vectors.knows("wordneverseen"))
        XCTAssertFalse(vectors.knows("</s>"))

        // A prefix keeps the model: words beyond it still have their own vectors.
        let few = try WordVectors.read(path: FastTextFixture.model, limit: 100)
        XCTAssertEqual(few.count, 100)
        let late = vectors.words[600]
        XCTAssertNil(few.index(of: late))
        XCTAssertEqual(few.vector(for: late), vectors.vector(for: late))
        XCTAssertEqual(vectors.prefix(5).subwords?.dictionary.wordCount, 722)

        // Writing it back as a model writes the whole model; as rows, the vocabulary's vectors.
        let scratch = try TestFolder()
        try few.write(to: scratch.file("m.bin"), format: .fastTextBinary)
        assertSameModel(try FastTextModel.read(path: scratch.file("m.bin")), model)
        try vectors.write(to: scratch.file("v.vec"), format: .word2vec)
        let rows = try WordVectors.read(path: scratch.file("v.vec"))
        XCTAssertNil(rows.subwords)
        XCTAssertEqual(rows.vectors, vectors.vectors)
    }

    func testNeighboursOfAWordNeverSeen() throws {
        let vectors = try WordVectors.read(path: FastTextFixture.model)
        let model = try XCTUnwrap(vectors.subwords)
        let found = try XCTUnwrap(vectors.mostSimilar(positive: ["anarchisms"], k: 5))
        XCTAssertEqual(found.count, 5)
        // Brute force: cosine of fastText's vector for the word with every vocabulary vector.
        let query = model.vector(for: "anarchisms")
        let best = (0..<vectors.count).map { (vectors.words[$0], WordVectors.cosine(query, vectors.vector(at: $0))) }
            .sorted { $0.1 > $1.1 }.prefix(5)
        XCTAssertEqual(found.map(\.word), best.map(\.0))
        for (n, b) in zip(found, best) { XCTAssertEqual(Double(n.cosine), b.1, accuracy: 1e-5) }
        XCTAssertEqual(vectors.unknownWords(positive: ["anarchisms", "</s>"]), ["</s>"])
        XCTAssertNil(vectors.mostSimilar(positive: ["</s>"]))
        // A vocabulary word is never its own neighbour; an unseen word may have any.
        XCTAssertFalse(try XCTUnwrap(vectors.mostSimilar(positive: ["anarchism"], k: 3)).map(\.word).contains("anarchism"))
        let similarity = try XCTUnwrap(vectors.similarity("anarchisms", "anarchism"))
        XCTAssertEqual(similarity, WordVectors.cosine(query, model.vector(for: "anarchism")), accuracy: 1e-12)
    }

    func testPlainVectorsHaveNoModelToWrite() throws {
        let scratch = try TestFolder()
        let plain = try Fixtures.vectors([("a", [1, 2]), ("b", [3, 4])])
        assertInputError(scratch.file("x.bin"), line: nil, "no n-grams") {
            try plain.write(to: scratch.file("x.bin"), format: .fastTextBinary)
        }
        XCTAssertNil(plain.vector(for: "c"), "plain vectors still know only their rows")
        assertInputError(FastTextFixture.model, line: nil, "a fastText model, not rows") {
            _ = try VectorFileReader(path: FastTextFixture.model)
        }
        assertInputError(scratch.file("y.bin"), line: nil, "whole fastText model") {
            _ = try VectorFileWriter(path: scratch.file("y.bin"), format: .fastTextBinary, count: 1, dimension: 2)
        }
        XCTAssertEqual(scratch.contents(), [])
    }
}
