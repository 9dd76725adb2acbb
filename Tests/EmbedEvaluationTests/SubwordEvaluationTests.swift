// Role: evaluation with `oovSubwords` on a hand-made fastText model whose answers are worked out by hand:
// the one-letter vocabulary words have no 6-character n-grams (their vectors are their own rows), and every
// n-gram bucket holds e3, so any word of five letters or more outside the vocabulary has the vector e3.
import EmbedCore
import EmbedTestSupport
import EmbedVectors
import XCTest
@testable import EmbedEvaluation

final class SubwordEvaluationTests: XCTestCase {
    /// a e1, b e2, c e3, q (.5 .5 .5 .5), p (-.5 .5 .5 .5), m -e1; minn = maxn = 6, 3 buckets of e3.
    static func vectors() throws -> WordVectors {
        let words = ["a", "b", "c", "q", "p", "m"]
        let rows: [[Float]] = [TestVectors.e1, TestVectors.e2, TestVectors.e3, TestVectors.half(1, 1, 1, 1),
                               TestVectors.half(-1, 1, 1, 1), [-1, 0, 0, 0]]
        var args = FastTextArgs()
        args.dim = 4; args.minn = 6; args.maxn = 6; args.bucket = 3
        let dictionary = try FastTextDictionary(entries: words, counts: [6, 5, 4, 3, 2, 1])
        let model = try FastTextModel(args: args, dictionary: dictionary,
                                      input: rows.flatMap { $0 } + (0..<3).flatMap { _ in TestVectors.e3 },
                                      output: [Float](repeating: 0, count: 6 * 4))
        let vectors = model.wordVectors()
        XCTAssertEqual(vectors.vectors, rows.flatMap { $0 }, "one-letter words: their own rows only")
        XCTAssertEqual(vectors.vector(for: "cccccc"), TestVectors.e3)
        XCTAssertNil(vectors.vector(for: "xy"), "<xy> is too short for a 6-gram: no vector")
        return vectors
    }

    // b - a + c: p scores .5 + .5 + .5 = 1.5, m 1, c 1, q .5, so p is the 3CosAdd answer whether c is the row
    // c or the n-gram vector of `cccccc` (equal to it; the row c is then a candidate, scoring 1).
    func testAnalogiesScoreWordsOutsideTheRowsThroughNgrams() throws {
        let vectors = try Self.vectors()
        let set = try AnalogySet(text: ": family\na b c p\na b cccccc p\n: gram-x\na b c zzzzzz\na b xy p\nA B Cccccc P\n")
        let plain = vectors.analogies(set)
        XCTAssertNil(plain.oovSubwords, "not asked for")
        let report = vectors.analogies(set, options: AnalogyOptions(oovSubwords: true))
        XCTAssertEqual(report.total, AnalogyScore(correct: 1, seen: 1), "the figures without n-grams are unchanged")
        XCTAssertEqual(report.skipped, 4)
        XCTAssertEqual(report.outcomes, plain.outcomes)
        let subwords = try XCTUnwrap(report.oovSubwords)
        XCTAssertEqual(subwords.total, AnalogyScore(correct: 3, seen: 3))
        XCTAssertEqual(subwords.semantic, AnalogyScore(correct: 2, seen: 2))
        XCTAssertEqual(subwords.syntactic, AnalogyScore(correct: 1, seen: 1))
        XCTAssertEqual(subwords.skipped, 2, "an expected word outside the rows, and a word with no n-gram")
        XCTAssertEqual(subwords.subwordWords, 2, "cccccc and Cccccc (as written: xy has no vector)")
        XCTAssertEqual(subwords.outcomes, [.answered("p", correct: true), .answered("p", correct: true), .skipped,
                                           .skipped, .answered("p", correct: true)])
        let json = report.json
        XCTAssertEqual(Set((json["oov_subwords"] as? [String: Any])?.keys.map { $0 } ?? []),
                       ["total", "semantic", "syntactic", "sections", "skipped", "subword_words"])
        XCTAssertNotNil(json["total"] as? [String: Any], "the existing keys stay")

        // 3CosMul answers m (.5 x .5 / (0 + 1e-6)) to all three; plain vectors without a model give no subword figures.
        let mul = try XCTUnwrap(vectors.analogies(set, options: AnalogyOptions(method: .mul, oovSubwords: true)).oovSubwords)
        XCTAssertEqual(mul.total, AnalogyScore(correct: 0, seen: 3))
        XCTAssertEqual(mul.outcomes[1], .answered("m", correct: false))
        let rows = try Fixtures.vectors(Array(zip(vectors.words, (0..<6).map(vectors.vector(at:)))))
        XCTAssertNil(rows.analogies(set, options: AnalogyOptions(oovSubwords: true)).oovSubwords)
    }

    // cos: (a,b) 0, (a,q) .5, (b,p) .5, and through n-grams (a, cccccc) = cos(e1, e3) = 0, (q, zzzzzz) = .5.
    func testWordPairsScoreWordsOutsideTheRowsThroughNgrams() throws {
        let vectors = try Self.vectors()
        let set = try WordPairSet(text: "a\tb\t1\na\tq\t3\nb\tp\t2\na\tcccccc\t4\nzzzzzz\tq\t5\nxy\ta\t6\n", path: "ws.tsv")
        let result = vectors.wordPairs(set, oovSubwords: true)
        XCTAssertEqual(result.pairs, 3)
        XCTAssertEqual(result.oov, 3)
        XCTAssertEqual(result.spearman, Correlation.spearman([1, 3, 2], [0, 0.5, 0.5]), accuracy: 1e-12)
        let subwords = try XCTUnwrap(result.oovSubwords)
        XCTAssertEqual(subwords.pairs, 5)
        XCTAssertEqual(subwords.subwordPairs, 2)
        XCTAssertEqual(subwords.oov, 1, "xy has no vector at all")
        XCTAssertEqual(subwords.spearman, Correlation.spearman([1, 3, 2, 4, 5], [0, 0.5, 0.5, 0, 0.5]), accuracy: 1e-12)
        XCTAssertEqual(subwords.pearson, Correlation.pearson([1, 3, 2, 4, 5], [0, 0.5, 0.5, 0, 0.5]), accuracy: 1e-12)
        XCTAssertEqual(Set((result.json["oov_subwords"] as? [String: Any])?.keys.map { $0 } ?? []),
                       ["pairs", "oov", "oov_ratio", "subword_pairs", "spearman", "pearson"])
        XCTAssertNil(vectors.wordPairs(set).oovSubwords)
    }
}
