// Role: vector files end to end: bit-exact round trips in every format (plain and zstd), format detection,
// hand-made word2vec text and binary files parsed to known values, limits, and Stanford's GloVe file.
import EmbedCore
import Foundation
import EmbedStreams
import EmbedTestSupport
import XCTest
@testable import EmbedVectors

final class VectorFileTests: XCTestCase {
    func testRoundTripIsBitExactInEveryFormat() throws {
        let scratch = try Scratch()
        let original = try awkwardEmbeddings()
        for format in VectorFormat.rowFormats {
            for name in ["v.\(format.name)", "v.\(format.name).zst"] {
                let path = scratch.file(name)
                try original.write(to: path, format: format)
                XCTAssertEqual(try VectorFormat.detect(path: path), format, name)
                XCTAssertEqual(try ByteSource(path: path).isCompressed, name.hasSuffix(".zst"), name)
                assertIdentical(try WordVectors.read(path: path), original)
            }
        }
    }

    /// Text rows are formatted in batches on a background thread (about 1 MB each): many batches, same file.
    func testManyBatchesKeepRowOrder() throws {
        let scratch = try Scratch()
        let original = try awkwardEmbeddings(count: 300, dimension: 1024, seed: 7)
        for name in ["many.txt", "many.vec.zst"] {
            try original.write(to: scratch.file(name), format: VectorFormat.suggested(byName: name))
            assertIdentical(try WordVectors.read(path: scratch.file(name)), original)
        }
    }

    func testGloVeTextLayout() throws {
        let scratch = try Scratch()
        let e = try WordVectors(words: ["the", ",", "été"], dimension: 2, vectors: [0.418, -0.5, 1e-5, 2, 0, -0.0])
        let path = scratch.file("g.txt")
        try e.write(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "the 0.418 -0.5\n, 1e-05 2.0\nété 0.0 -0.0\n")
        try e.write(to: path, format: .word2vec, precision: 3)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8),
                       "3 2\nthe 0.418 -0.500\n, 0.000 2.000\nété 0.000 -0.000\n")
    }

    func testWord2VecBinaryLayout() throws {
        let scratch = try Scratch()
        let e = try WordVectors(words: ["a", "bc"], dimension: 2, vectors: [1, -2.5, 0.5, 0])
        let path = scratch.file("v.bin")
        try e.write(to: path, format: .word2vecBinary)
        let expected = Array("2 2\na ".utf8) + littleEndianBytes([1, -2.5]) + Array("\nbc ".utf8) + littleEndianBytes([0.5, 0]) + [0x0A]
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path))), expected)
        XCTAssertEqual(littleEndianBytes([1, -2.5]), [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x20, 0xC0])
    }

    func testHandWrittenWord2VecText() throws {
        let scratch = try Scratch()
        // word2vec's C tool ends each value with a space; tabs, CRLF and a final blank line are tolerated.
        let path = try scratch.file("w2v.txt", "3 4\r\n</s> 0.001 -0.002 0.003 0.004 \r\nking 1.5 -2 3e2 -4E-1\nqueen\t.25 0 -0 7\n\n")
        let e = try WordVectors.read(path: path)
        XCTAssertEqual(try VectorFormat.detect(path: path), .word2vec)
        XCTAssertEqual(e.words, ["</s>", "king", "queen"])
        XCTAssertEqual(e.dimension, 4)
        XCTAssertEqual(e.vector(for: "</s>"), [0.001, -0.002, 0.003, 0.004])
        XCTAssertEqual(e.vector(for: "king"), [1.5, -2, 300, -0.4])
        XCTAssertEqual(e.vector(for: "queen"), [0.25, 0, 0, 7])
        XCTAssertEqual(e.vector(for: "queen")?[2].sign, .minus)
    }

    func testHandWrittenWord2VecBinary() throws {
        let scratch = try Scratch()
        // As word2vec's C tool writes it: header, then `word ` + floats + "\n"; gensim omits the "\n": accept both.
        // The second vector's bytes contain 0x0A and 0x20, which must not be taken for separators.
        let second: [Float] = [Float(bitPattern: 0x3F20_0A20), -1, 0.5]
        let bytes = Array("2 3\n".utf8) + Array("hello ".utf8) + littleEndianBytes([1, 2, -3.25]) + [0x0A]
            + Array("wörld ".utf8) + littleEndianBytes(second)
        let path = try scratch.file("w2v.bin", bytes: bytes)
        XCTAssertEqual(try VectorFormat.detect(path: path), .word2vecBinary)
        let e = try WordVectors.read(path: path)
        XCTAssertEqual(e.words, ["hello", "wörld"])
        XCTAssertEqual(e.vector(for: "hello"), [1, 2, -3.25])
        XCTAssertEqual(e.vector(for: "wörld")?.map(\.bitPattern), second.map(\.bitPattern))
    }

    func testDetectionOfGloVeAndExplicitFormat() throws {
        let scratch = try Scratch()
        let glove = try scratch.file("g.txt", "\u{FEFF}the 1 2\nof 3 4\n")
        XCTAssertEqual(try VectorFormat.detect(path: glove), .glove)
        XCTAssertEqual(try WordVectors.read(path: glove).words, ["the", "of"], "a UTF-8 byte-order mark is skipped")
        // A one-dimensional GloVe file whose first word is a number looks like a header: say what it is.
        let numeric = try scratch.file("n.txt", "2 5\n3 6\n")
        XCTAssertEqual(try VectorFormat.detect(path: numeric), .word2vec)
        let e = try WordVectors.read(path: numeric, format: .glove)
        XCTAssertEqual(e.words, ["2", "3"])
        XCTAssertEqual(e.vectors, [5, 6])
        let zst = try scratch.zstdFile("g.weird-name", "a 1 2\n")
        XCTAssertEqual(try VectorFormat.detect(path: zst), .glove, "zstd found by magic, not by name")
    }

    func testLimitKeepsTheFirstRows() throws {
        let scratch = try Scratch()
        let original = try awkwardEmbeddings(count: 10, dimension: 3)
        for format in VectorFormat.rowFormats {
            let path = scratch.file("v-\(format.name)")
            try original.write(to: path, format: format)
            for limit in [0, 1, 4, 10, 50] {
                let e = try WordVectors.read(path: path, limit: limit)
                let kept = min(limit, 10)
                XCTAssertEqual(e.words, Array(original.words.prefix(kept)), "\(format) \(limit)")
                XCTAssertEqual(e.vectors.map(\.bitPattern), Array(original.vectors.prefix(kept * 3)).map(\.bitPattern))
                XCTAssertEqual(e.index(of: original.words[min(kept, 9)]), kept == 10 ? 9 : nil)
            }
        }
    }

    func testStreamingReaderAndWriter() throws {
        let scratch = try Scratch()
        let original = try awkwardEmbeddings(count: 5, dimension: 2)
        let input = scratch.file("in.bin")
        try original.write(to: input, format: .word2vecBinary)
        let reader = try VectorFileReader(path: input)
        XCTAssertEqual(reader.declaredCount, 5)
        let writer = try VectorFileWriter(path: scratch.file("out.txt"), format: .glove, count: nil, dimension: reader.dimension)
        while try reader.next() { try writer.write(word: reader.word, vector: reader.values) }
        try writer.commit()
        assertIdentical(try WordVectors.read(path: scratch.file("out.txt")), original)
    }

    func testEmptyHeaderMeansNoVectors() throws {
        let scratch = try Scratch()
        let e = try WordVectors.read(path: try scratch.file("empty.vec", "0 300\n"))
        XCTAssertEqual(e.count, 0)
        XCTAssertEqual(e.dimension, 300)
    }

    /// Stanford's glove.6B.50d (400k words): the first rows as published.
    func testStanfordGloVeFile() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = ProcessInfo.processInfo.environment["EMBED_SHARED_DATA"] ?? repo.deletingLastPathComponent().path + "/shared/data"
        let path = data + "/vectors/glove.6B.50d.txt.zst"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no shared data at \(path)") }
        let e = try WordVectors.read(path: path, limit: 2000)
        XCTAssertEqual(e.count, 2000)
        XCTAssertEqual(e.dimension, 50)
        XCTAssertEqual(Array(e.words.prefix(5)), ["the", ",", ".", "of", "to"])
        XCTAssertEqual(Array(e.vector(for: "the")!.prefix(4)), [0.418, 0.24968, -0.41242, 0.1217])
        XCTAssertEqual(e.vector(for: "the")!.last, -0.78581)
    }
}
