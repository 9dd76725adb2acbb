// Role: tests the word map built from WordVectors: word selection (pairs add words, unknown words listed),
// PCA placement, normalization, and that the picture keeps one scale on both axes.
import EmbedCore
import XCTest
import EmbedVectors
import EmbedStreams
@testable import EmbedPlots

final class WordMapTests: XCTestCase {
    // A cross in the plane of the first two dimensions, shifted off the origin.
    private func embeddings() throws -> WordVectors {
        try WordVectors(words: ["east", "west", "north", "south", "Far"], dimension: 3,
                       vectors: [13, 10, 5, 9, 10, 5, 11, 11, 5, 11, 9, 5, 100, 100, 100])
    }

    func testSelectionAndProjection() throws {
        let plot = try WordMapPlot(embeddings: try embeddings(), words: ["east", "west"], pairs: [("north", "south"), ("east", "north")])
        XCTAssertEqual(plot.words, ["east", "west", "north", "south"])
        XCTAssertEqual(plot.arrows.map(\.from), [2, 0]); XCTAssertEqual(plot.arrows.map(\.to), [3, 2])
        XCTAssertEqual(plot.explainedVariance[0], 0.8, accuracy: 1e-9)
        let expected: [(Double, Double)] = [(2, 0), (-2, 0), (0, 1), (0, -1)]
        for (p, e) in zip(plot.points, expected) {
            XCTAssertEqual(p.x, e.0, accuracy: 1e-9); XCTAssertEqual(p.y, e.1, accuracy: 1e-9)
        }
        XCTAssertEqual(plot.xTitle, "PC1 (80.0% of variance)")
        XCTAssertEqual(plot.yTitle, "PC2 (20.0% of variance)")
    }

    func testUnknownWordsAreAllListed() throws {
        XCTAssertThrowsError(try WordMapPlot(embeddings: try embeddings(), words: ["East", "west", "up"], pairs: [("far", "down")])) {
            XCTAssertEqual(($0 as? InputError)?.message, "not in the vectors: East, up, far, down; case matters: East (try east)")
        }
        XCTAssertThrowsError(try WordMapPlot(embeddings: try embeddings(), words: ["east", "east"])) {
            XCTAssertEqual(($0 as? InputError)?.message, "give at least two distinct words to plot")
        }
    }

    func testNormalizeUsesDirectionsOnly() throws {
        // Same directions, different lengths: normalized, "big" and "small" coincide.
        let e = try WordVectors(words: ["small", "big", "other"], dimension: 2, vectors: [1, 1, 5, 5, 1, -1])
        let plain = try WordMapPlot(embeddings: e, words: ["small", "big", "other"])
        XCTAssertGreaterThan(abs(plain.points[0].x - plain.points[1].x), 1)
        let unit = try WordMapPlot(embeddings: e, words: ["small", "big", "other"], normalize: true)
        XCTAssertEqual(unit.points[0].x, unit.points[1].x, accuracy: 1e-9)
        XCTAssertEqual(unit.points[0].y, unit.points[1].y, accuracy: 1e-9)
    }

    func testOneScaleOnBothAxes() throws {
        let plot = try WordMapPlot(embeddings: try embeddings(), words: ["east", "west", "north", "south"])
        guard let svg = SVGInspector.parse(plot.svg()) else { return }
        let centres = svg.elements.filter { $0.name == "circle" }.map { (Double($0.attributes["cx"]!)!, Double($0.attributes["cy"]!)!) }
        XCTAssertEqual(centres.count, 4)
        // east-west spans 4 data units horizontally, north-south 2 vertically (north above: smaller y).
        let horizontal = centres[0].0 - centres[1].0, vertical = centres[3].1 - centres[2].1
        XCTAssertGreaterThan(horizontal, 100)
        XCTAssertEqual(horizontal / vertical, 2, accuracy: 0.01)
        XCTAssertEqual(centres[0].1, centres[1].1, accuracy: 0.01)
    }
}
