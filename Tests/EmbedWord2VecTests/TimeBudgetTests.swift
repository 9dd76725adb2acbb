// Role: tests skip-gram's time budget and its learning-rate schedule: the schedule of a fixed run is word2vec's
// formula, a re-plan keeps the rate continuous and still ends at the floor; a budget that cannot bind trains the
// fixed run's exact vectors, a spent one trains one epoch (the one in progress), and the summary counts the
// epochs run.
import EmbedCore
import EmbedCorpus
import EmbedStreams
import EmbedTestSupport
import EmbedVocabulary
import Foundation
import XCTest
@testable import EmbedWord2Vec

final class TimeBudgetTests: XCTestCase {
    func testScheduleIsWord2VecsAndReplansContinuously() {
        var o = SkipGramSettings()
        o.alpha = 0.025
        let s = RateSchedule(settings: o, epochs: 5, corpusTokens: 1000)
        for done in [Int64(0), 1, 999, 2500, 4999, 5000, 7000] {
            XCTAssertEqual(s.rate(done), max(0.025 * 1e-4, 0.025 * Float(1 - Double(done) / 5000)), "at \(done)")
        }
        let r = s.replanned(at: 1500, epochs: 20, corpusTokens: 1000)
        XCTAssertEqual(r.rate(1500), s.rate(1500), "continuous at the re-plan")
        XCTAssertEqual(r.rate(20_000), r.minRate, "the floor at the planned end")
        XCTAssertEqual(Double(r.rate(10_750)), Double(s.rate(1500)) / 2, accuracy: 1e-7, "linear in between")
        XCTAssertGreaterThan(r.rate(5000), s.rate(5000), "more epochs decay more slowly")
    }

    private func trainer(_ o: SkipGramSettings, _ path: String) throws -> SkipGramTrainer {
        let reader = try CorpusReader(inputs: [path])
        let vocabulary = try Vocabulary.build(from: reader, minCount: 1)
        return SkipGramTrainer(model: try SkipGramModel(settings: o, vocabulary: vocabulary),
                               corpus: try EncodedCorpus.encode(reader, vocabulary: vocabulary))
    }

    func testABudgetThatCannotBindTrainsTheFixedRun() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 5, lines: 40, length: 10, seed: 9, in: folder)
        var o = SkipGramSettings()
        o.dimension = 8; o.epochs = 3; o.threads = 1; o.seed = 4
        let fixed = try trainer(o, path)
        XCTAssertEqual(try fixed.run(SilentObserver()).epochsRun, 3, "the summary counts the epochs run")
        let budgeted = try trainer(o, path)
        budgeted.budget = EpochBudget(deadline: Date().addingTimeInterval(3600), maxEpochs: 3)
        XCTAssertEqual(try budgeted.run(SilentObserver()).epochsRun, 3)
        XCTAssertEqual(budgeted.model.input.unpadded(), fixed.model.input.unpadded())
    }

    func testASpentBudgetTrainsOneEpoch() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 5, lines: 200, length: 10, seed: 9, in: folder)
        var o = SkipGramSettings()
        o.dimension = 8; o.epochs = 5; o.threads = 2
        let t = try trainer(o, path)
        t.budget = EpochBudget(deadline: Date().addingTimeInterval(-1), maxEpochs: 100)
        let summary = try t.run(SilentObserver())
        XCTAssertEqual(summary.outcome, .finished)
        XCTAssertEqual(summary.epochsRun, 1)
        XCTAssertEqual(t.plannedEpochs, 1)
        XCTAssertTrue(t.model.input.isFinite)
    }
}
