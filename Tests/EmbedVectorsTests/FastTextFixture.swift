// Role: the fastText-written fixture model (Fixtures/fasttext, made by make_fixture.py with fastText 0.9.2),
// the vectors fastText printed for it, and small hand-made models for round trips.
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedVectors

enum FastTextFixture {
    /// The folder of the fixture files.
    static var folder: String { SharedData.shipped("Tests/EmbedVectorsTests/Fixtures/fasttext") }
    /// Skip-gram, dim 10, 722 words, 2000 buckets, minn 3, maxn 6: written by fasttext.save_model.
    static var model: String { folder + "/wiki-sg-d10.bin" }

    /// One word fastText was asked about: whether it is in the vocabulary, and get_word_vector's answer.
    struct Expected {
        var word: String
        var inVocabulary: Bool
        var vector: [Float]
    }

    /// The lines of wiki-sg-d10.expected.txt: `in|oov word v1 ... v10`.
    static func expected() throws -> [Expected] {
        let text = try String(contentsOfFile: folder + "/wiki-sg-d10.expected.txt", encoding: .utf8)
        return text.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return Expected(word: String(fields[1]), inVocabulary: fields[0] == "in",
                            vector: fields[2...].map { Float(String($0))! })
        }
    }

    /// A small model with words, a label and non-ASCII entries, awkward weights (-0, subnormals, extremes).
    static func handMade(model kind: FastTextModelKind = .sg, dim: Int = 3, buckets: Int = 11) throws -> FastTextModel {
        var args = FastTextArgs()
        args.dim = dim; args.bucket = buckets; args.minn = 2; args.maxn = 4; args.model = kind; args.ws = 3
        args.epoch = 7; args.minCount = 1; args.neg = 4; args.wordNgrams = 2; args.loss = .hs
        args.lrUpdateRate = 50; args.t = 1e-3
        let words = ["the", "été", "中文", "</s>", "🙂x"]
        let labels = kind == .sup ? ["__label__a", "__label__b"] : []
        let dictionary = try FastTextDictionary(entries: words + labels, counts: [9, 5, 3, 3, 1] + labels.map { _ in 2 },
                                                types: words.map { _ in .word } + labels.map { _ in .label },
                                                tokenCount: 123)
        var state: UInt64 = 7
        func next() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int32(truncatingIfNeeded: state >> 32)) / 1e9
        }
        var input = (0..<(words.count + buckets) * dim).map { _ in next() }
        input[0] = -0.0; input[1] = .leastNonzeroMagnitude; input[2] = -.greatestFiniteMagnitude
        let outputRows = kind == .sup ? labels.count : words.count
        let output = (0..<outputRows * dim).map { _ in next() }
        return try FastTextModel(args: args, dictionary: dictionary, input: input, output: output)
    }
}

/// Checks two models are the same field for field, weights bit for bit.
func assertSameModel(_ a: FastTextModel, _ b: FastTextModel, file: StaticString = #filePath, line: UInt = #line) {
    var argsA = a.args, argsB = b.args
    argsA.lr = 0; argsB.lr = 0   // not stored in the file
    XCTAssertEqual(argsA, argsB, file: file, line: line)
    XCTAssertEqual(a.dictionary, b.dictionary, file: file, line: line)
    XCTAssertEqual(a.input.map(\.bitPattern), b.input.map(\.bitPattern), "input matrix", file: file, line: line)
    XCTAssertEqual(a.output.map(\.bitPattern), b.output.map(\.bitPattern), "output matrix", file: file, line: line)
}

/// The largest absolute difference between two vectors of one length.
func maxDifference(_ x: [Float], _ y: [Float]) -> Float {
    precondition(x.count == y.count, "\(x.count) vs \(y.count) values")
    return zip(x, y).map { abs($0 - $1) }.max() ?? 0
}
