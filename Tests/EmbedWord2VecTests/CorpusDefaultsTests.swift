// Role: tests skip-gram's automatic defaults: the choices for hand-picked token counts (epochs for about 400M
// tokens seen, 5 to 20; dimension and subsampling by size), a pipeline applying only the settings left open and
// reporting them, chosen epochs capping a time budget, a continued model keeping its dimension, and a resumed run
// keeping the checkpoint's choices.
import EmbedCore
import EmbedCorpus
import EmbedStreams
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedWord2Vec

final class CorpusDefaultsTests: XCTestCase {
    func testChoicesByTokenCount() {
        // (tokens, epochs, dimension, sample): epochs = ceil(400M / tokens) clamped to 5...20.
        let cases: [(Int64, Int, Int, Double)] = [
            (0, 20, 100, 1e-3), (452_944, 20, 100, 1e-3), (1_999_999, 20, 100, 1e-3), (5_002_215, 20, 100, 1e-3),
            (9_999_999, 20, 100, 1e-3), (10_000_000, 20, 200, 1e-4), (17_006_479, 20, 200, 1e-4),
            (21_000_000, 20, 200, 1e-4), (40_000_000, 10, 200, 1e-4), (41_000_000, 10, 200, 1e-4),
            (79_000_000, 6, 200, 1e-4), (100_000_000, 5, 200, 1e-4), (3_000_000_000, 5, 200, 1e-4),
        ]
        for (tokens, epochs, dimension, sample) in cases {
            let d = SkipGramCorpusDefaults(tokens: tokens)
            XCTAssertEqual(d.epochs, epochs, "\(tokens) tokens")
            XCTAssertEqual(d.dimension, dimension, "\(tokens) tokens")
            XCTAssertEqual(d.sample, sample, "\(tokens) tokens")
        }
    }

    private func pipeline(_ automatic: SkipGramAutomatic) -> SkipGramPipeline {
        var p = SkipGramPipeline()
        p.settings.dimension = 8; p.settings.epochs = 2; p.settings.sample = 0.5; p.settings.threads = 1
        p.minCount = 1
        p.automatic = automatic
        return p
    }

    func testOnlyTheOpenSettingsAreChosenAndReported() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 5, lines: 30, length: 10, seed: 3, in: folder)
        let observer = RecordingObserver()
        let result = try pipeline([.epochs, .sample]).train(corpus: try CorpusReader(inputs: [path]), observer: observer)
        XCTAssertEqual(result.trainer.settings.epochs, 20)
        XCTAssertEqual(result.trainer.settings.sample, 1e-3)
        XCTAssertEqual(result.trainer.settings.dimension, 8, "given, not chosen")
        XCTAssertEqual(result.summary.epochsRun, 20)
        let stage = try XCTUnwrap(observer.stages.first { $0.task == "defaults" })
        XCTAssertEqual(stage.figures, [Metric("tokens", 300), Metric("epochs", 20), Metric("sample", 1e-3)])
        XCTAssertEqual(observer.stages.map(\.task), ["vocabulary", "defaults", "encoding"])

        let given = RecordingObserver()
        let fixed = try pipeline([]).train(corpus: try CorpusReader(inputs: [path]), observer: given)
        XCTAssertEqual(fixed.trainer.settings.epochs, 2)
        XCTAssertEqual(fixed.trainer.settings.sample, 0.5)
        XCTAssertFalse(given.stages.contains { $0.task == "defaults" }, "nothing left open, nothing reported")
    }

    func testChosenEpochsCapATimeBudget() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 5, lines: 20, length: 10, seed: 3, in: folder)
        var budgeted = pipeline(.epochs)
        budgeted.budget = EpochBudget(deadline: Date().addingTimeInterval(3600), maxEpochs: 1000)
        XCTAssertEqual(try budgeted.train(corpus: try CorpusReader(inputs: [path])).summary.epochsRun, 20)
        budgeted.automatic = []
        budgeted.budget = EpochBudget(deadline: Date().addingTimeInterval(3600), maxEpochs: 30)
        XCTAssertEqual(try budgeted.train(corpus: try CorpusReader(inputs: [path])).summary.epochsRun, 30,
                       "given epochs: the budget's own cap")
    }

    func testAContinuedModelKeepsItsDimension() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 5, lines: 20, length: 10, seed: 3, in: folder)
        try pipeline([]).train(corpus: try CorpusReader(inputs: [path])).trainer.model.save(to: folder.file("m"))
        var continued = pipeline(.all)
        continued.continuing = folder.file("m")
        let observer = RecordingObserver()
        let result = try continued.train(corpus: try CorpusReader(inputs: [path]), observer: observer)
        XCTAssertEqual(result.trainer.settings.dimension, 8)
        XCTAssertEqual(result.trainer.settings.epochs, 20)
        XCTAssertEqual(observer.stages.first { $0.task == "defaults" }?.figures.map(\.name), ["tokens", "epochs", "sample"])
    }

    func testAResumedRunKeepsTheCheckpointsChoices() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 5, lines: 20, length: 10, seed: 3, in: folder)
        let straight = try pipeline(.all).train(corpus: try CorpusReader(inputs: [path]))
        var first = pipeline(.all)
        first.settings.stopAfterTokens = 1500
        first.checkpoint = CheckpointPolicy(path: folder.file("run.checkpoint"))
        XCTAssertEqual(try first.train(corpus: try CorpusReader(inputs: [path])).summary.outcome,
                       .stopped(checkpoint: folder.file("run.checkpoint")))
        // The resuming command leaves the same settings open; its placeholders (2 epochs, sample 0.5) differ.
        var again = pipeline(.all)
        again.checkpoint = first.checkpoint
        again.resume = true
        let resumed = try again.train(corpus: try CorpusReader(inputs: [path]))
        XCTAssertEqual(resumed.summary.outcome, .finished)
        XCTAssertEqual(resumed.trainer.settings.epochs, 20)
        XCTAssertEqual(resumed.trainer.model.input.unpadded(), straight.trainer.model.input.unpadded())
    }
}
