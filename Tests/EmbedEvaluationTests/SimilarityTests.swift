// Role: word-similarity evaluation and the correlations, against values worked out by hand (ties included).
import EmbedCore
import EmbedVectors
import XCTest
@testable import EmbedEvaluation

final class SimilarityTests: XCTestCase {
    func testSpearmanWithTiesAgainstHandComputedValue() {
        // x ranks 1, 2.5, 2.5, 4 (the two 2s share ranks 2 and 3); y ranks 1, 3, 2, 4.
        // Deviations from 2.5: (-1.5, 0, 0, 1.5) and (-1.5, .5, -.5, 1.5): sxy 4.5, sxx 4.5, syy 5,
        // rho = 4.5 / sqrt(22.5) = 3 / sqrt(10).
        XCTAssertEqual(Correlation.ranks([1, 2, 2, 3]), [1, 2.5, 2.5, 4])
        XCTAssertEqual(Correlation.ranks([5, 1, 5, 5, 0]), [4, 2, 4, 4, 1])
        XCTAssertEqual(Correlation.spearman([1, 2, 2, 3], [10, 30, 20, 40]), 3 / 10.0.squareRoot(), accuracy: 1e-12)
    }

    func testPearsonAgainstHandComputedValue() {
        // Deviations (-1.5, -.5, .5, 1.5) and (-.5, -1.5, 1.5, .5): sxy 3, sxx 5, syy 5 -> 0.6.
        XCTAssertEqual(Correlation.pearson([1, 2, 3, 4], [2, 1, 4, 3]), 0.6, accuracy: 1e-12)
        XCTAssertEqual(Correlation.pearson([1, 2, 3], [7, 9, 11]), 1, accuracy: 1e-12)
        XCTAssertTrue(Correlation.pearson([1, 1, 1], [1, 2, 3]).isNaN, "constant side: undefined")
    }

    // u = (1, 0), v = (0, 1), w = (1, 1): cos(u,v) = 0, cos(u,w) = cos(v,w) = 1/sqrt 2 (an exact tie).
    // Human scores 1, 3, 2 -> ranks 1, 3, 2; model ranks 1, 2.5, 2.5: spearman = 1.5 / sqrt(2 * 1.5) = sqrt(3)/2.
    // Pearson of (1, 3, 2) with (0, a, a): a / sqrt(2 * 2a^2/3) = sqrt(3)/2 as well.
    func testWordPairsCaseFoldingOOVAndCorrelations() throws {
        let e = try WordVectors(words: ["u", "v", "w", "far"], dimension: 2, vectors: [1, 0, 0, 1, 1, 1, -1, 0])
        let set = try WordPairSet(text: "# comment\nU\tv\t1\nu\tw\t3.0\n\nv\tW\t2\nu\tnothere\t5\n", path: "ws.tsv")
        XCTAssertEqual(set.pairs.count, 4)
        let r = e.wordPairs(set)
        XCTAssertEqual(r.pairs, 3)
        XCTAssertEqual(r.oov, 1)
        XCTAssertEqual(r.oovRatio, 0.25)
        XCTAssertEqual(r.spearman, 3.0.squareRoot() / 2, accuracy: 1e-12)
        XCTAssertEqual(r.pearson, 3.0.squareRoot() / 2, accuracy: 1e-12)
        XCTAssertEqual(r.scored.map(\.cosine), [0, 1 / 2.0.squareRoot(), 1 / 2.0.squareRoot()])

        // Case-sensitive: "U" and "W" are unknown, one pair is left.
        let exact = e.wordPairs(set, caseSensitive: true)
        XCTAssertEqual(exact.pairs, 1)
        XCTAssertEqual(exact.oov, 3)
        XCTAssertTrue(exact.spearman.isNaN)
        // Restricted to the first two rows, w is unknown too.
        XCTAssertEqual(e.wordPairs(set, restrict: 2).pairs, 1)
    }

    func testPairFileErrors() {
        XCTAssertThrowsError(try WordPairSet(text: "a\tb\n", path: "p.tsv")) {
            XCTAssertEqual("\($0)", "p.tsv:1: expected word1<TAB>word2<TAB>score, found 2 fields")
        }
        XCTAssertThrowsError(try WordPairSet(text: "# x\na\tb\tlots\n", path: "p.tsv")) {
            XCTAssertEqual("\($0)", "p.tsv:2: score is not a number: \"lots\"")
        }
        XCTAssertThrowsError(try WordPairSet(text: "# only comments\n", path: "p.tsv")) {
            XCTAssertEqual("\($0)", "p.tsv: no word pairs found")
        }
        XCTAssertEqual(try WordPairSet(text: "a b 1.5\r\n").pairs, [WordPairSet.Pair("a", "b", 1.5)])
    }
}
