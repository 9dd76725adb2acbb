// Role: the entity scores against hand-worked examples: exact type and span matches only, per-type counts,
// token accuracy over the file's tags, and conlleval's corner cases counted as the script counts them.
@testable import EmbedTagger
import XCTest

final class ScoreTests: XCTestCase {
    func tags(_ text: String) -> [ChunkTag] { text.split(separator: " ").map { ChunkTag($0)! } }

    func testHandWorkedSentence() {
        var scores = TaggingScores()
        // Gold: PER 0-1, LOC 3, ORG 5; predicted: PER 0-1 (right), LOC 3-4 (wrong span), ORG missed.
        scores.add(gold: tags("B-PER I-PER O B-LOC O B-ORG"), predicted: tags("B-PER I-PER O B-LOC I-LOC O"))
        XCTAssertEqual(scores.overall, EntityCounts(gold: 3, predicted: 2, correct: 1))
        XCTAssertEqual(scores.precision, 0.5)
        XCTAssertEqual(scores.recall, 1.0 / 3)
        XCTAssertEqual(scores.f1, 0.4, accuracy: 1e-12)
        XCTAssertEqual(scores.perType["PER"], EntityCounts(gold: 1, predicted: 1, correct: 1))
        XCTAssertEqual(scores.perType["LOC"], EntityCounts(gold: 1, predicted: 1, correct: 0))
        XCTAssertEqual(scores.perType["ORG"], EntityCounts(gold: 1, predicted: 0, correct: 0))
        XCTAssertEqual(scores.perType["ORG"]?.f1, 0)
        XCTAssertEqual(scores.tokens, 6)
        XCTAssertEqual(scores.correctTokens, 4)
        XCTAssertEqual(scores.types, ["LOC", "ORG", "PER"])
    }

    func testWrongTypeIsWrongAndTypesOnlyPredictedAreListed() {
        var scores = TaggingScores()
        scores.add(gold: tags("B-PER O"), predicted: tags("B-ORG O"))
        XCTAssertEqual(scores.overall, EntityCounts(gold: 1, predicted: 1, correct: 0))
        XCTAssertEqual(scores.perType["ORG"], EntityCounts(gold: 0, predicted: 1, correct: 0))
        XCTAssertEqual(scores.f1, 0)
    }

    /// An I-X starting an entity counts as an entity on both sides: `O I-PER` matches `O B-PER` as an
    /// entity, but the token differs.
    func testIXStartCountsAsAnEntity() {
        var scores = TaggingScores()
        scores.add(gold: tags("O B-PER I-PER"), predicted: tags("O I-PER I-PER"))
        XCTAssertEqual(scores.overall, EntityCounts(gold: 1, predicted: 1, correct: 1))
        XCTAssertEqual(scores.correctTokens, 2)
    }

    /// IOB1: `I-PER B-PER` is two entities; a prediction that merges them gets neither.
    func testAdjacentSameTypeEntitiesIOB1() {
        var scores = TaggingScores()
        scores.add(gold: tags("I-PER I-PER B-PER O"), predicted: tags("I-PER I-PER I-PER O"))
        XCTAssertEqual(scores.overall, EntityCounts(gold: 2, predicted: 1, correct: 0))
        scores.add(gold: tags("I-LOC B-LOC"), predicted: tags("I-LOC B-LOC"))
        XCTAssertEqual(scores.overall, EntityCounts(gold: 4, predicted: 3, correct: 2))
        XCTAssertEqual(scores.sentences, 2)
    }

    func testNothingPredictedOrNothingToFind() {
        var scores = TaggingScores()
        scores.add(gold: tags("O O"), predicted: tags("O O"))
        XCTAssertEqual(scores.precision, 0); XCTAssertEqual(scores.recall, 0); XCTAssertEqual(scores.f1, 0)
        XCTAssertEqual(scores.accuracy, 1)
    }
}
