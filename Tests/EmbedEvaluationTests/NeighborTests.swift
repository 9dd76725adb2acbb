// Role: nearest neighbours and the `king - man + woman` form on hand-made vectors with known cosines.
import EmbedCore
import EmbedVectors
import XCTest
@testable import EmbedEvaluation

final class NeighborTests: XCTestCase {
    typealias V = TestVectors

    func testNearestWordsExcludeTheWordAndKeepOrder() throws {
        // Cosines with e1: twin 1 (tie with e1 itself, excluded), near .5, far -1, side 0.
        let e = try V.make([("e1", V.e1), ("far", [-1, 0, 0, 0]), ("side", V.e2), ("near", V.half(1, 1, 1, 1)),
                            ("twin", V.e1)])
        let search = e
        let result = try XCTUnwrap(search.mostSimilar(positive: ["e1"], k: 3))
        XCTAssertEqual(result, [Neighbor(word: "twin", cosine: 1), Neighbor(word: "near", cosine: 0.5),
                                Neighbor(word: "side", cosine: 0)])
        XCTAssertEqual(search.mostSimilar(positive: ["e1"], k: 10)?.count, 4)
        // Only the first 3 rows as candidates.
        XCTAssertEqual(e.mostSimilar(positive: ["e1"], k: 10, restrict: 3)?.map(\.word),
                       ["side", "far"])
    }

    func testExpressionCombinesUnitVectorsAsGensim() throws {
        // king - man + woman with man = e1, woman = e2, king = (sqrt2, 0, sqrt2, 0) (length 2, which must not
        // matter): the sum of unit vectors is t = (1/sqrt2 - 1, 1, 1/sqrt2, 0).
        // queen = (0, 1, 1, 0)/sqrt2 lies closest; prince = e3 next; other = e4 scores 0, man < 0.
        let r2 = Float(2).squareRoot()
        let e = try V.make([("man", V.e1), ("woman", V.e2), ("king", [r2, 0, r2, 0]), ("prince", V.e3),
                            ("queen", [0, 1 / r2, 1 / r2, 0]), ("other", V.e4)])
        let query = try NeighborQuery.parse(["king", "-", "man", "+", "woman"])
        XCTAssertEqual(query, [NeighborQuery(positive: ["king", "woman"], negative: ["man"], text: "king - man + woman")])
        let result = try XCTUnwrap(e.mostSimilar(positive: query[0].positive, negative: query[0].negative, k: 2))
        XCTAssertEqual(result.map(\.word), ["queen", "prince"])
        // Hand value: t = (1/sqrt2 - 1, 1, 1/sqrt2, 0), |t|^2 = (1/sqrt2 - 1)^2 + 1 + 1/2; cos(queen, t) = (1 + 1/sqrt2)/(sqrt2 |t|).
        let h = 1 / 2.0.squareRoot()
        let norm = ((h - 1) * (h - 1) + 1.5).squareRoot()
        XCTAssertEqual(Double(result[0].cosine), (1 + h) / (2.0.squareRoot() * norm), accuracy: 1e-6)
        XCTAssertEqual(Double(result[1].cosine), h / norm, accuracy: 1e-6)
    }

    func testParsingUnknownWordsAndCaseFallback() throws {
        XCTAssertEqual(try NeighborQuery.parse(["a", "b"]), [NeighborQuery(positive: ["a"]), NeighborQuery(positive: ["b"])])
        XCTAssertEqual(try NeighborQuery.parse(["a - b + c"]).first?.negative, ["b"])
        XCTAssertEqual(try NeighborQuery.parse(["-", "a", "+", "b"]).first, NeighborQuery(positive: ["b"], negative: ["a"], text: "- a + b"))
        XCTAssertThrowsError(try NeighborQuery.parse(["a", "-"]))
        XCTAssertThrowsError(try NeighborQuery.parse(["a", "+", "-", "b"]))
        XCTAssertThrowsError(try NeighborQuery.parse(["a", "b", "-", "c"]))

        let e = try V.make([("paris", V.e1), ("Rome", V.e2), ("rome", V.e3)])
        let search = e
        XCTAssertEqual(search.row(of: "rome"), 2, "exact match first")
        XCTAssertEqual(search.row(of: "PARIS"), 0, "else up to case")
        XCTAssertEqual(search.row(of: "ROME"), 1, "the first row up to case")
        XCTAssertNil(search.mostSimilar(positive: ["paris"], negative: ["berlin"], k: 3))
        XCTAssertEqual(search.unknownWords(positive: ["paris", "oslo"], negative: ["berlin"]), ["oslo", "berlin"])
    }
}
