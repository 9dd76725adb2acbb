// Role: tests GloVe's automatic defaults: the choices for hand-picked token counts, a pipeline that chooses the
// open settings trains exactly what the same settings given explicitly train (window included, so the choice is
// made before counting X), and a record file's run chooses from the vocabulary's counts and leaves the window.
import EmbedCore
import EmbedCorpus
import EmbedTestSupport
import EmbedVocabulary
import Foundation
import XCTest
@testable import EmbedGloVe

final class GloVeCorpusDefaultsTests: XCTestCase {
    func testChoicesByTokenCount() {
        // (tokens, window, x_max, epochs, dimension)
        let cases: [(Int64, Int, Double, Int, Int)] = [
            (0, 20, 10, 15, 100), (452_944, 20, 10, 15, 100), (9_999_999, 20, 10, 15, 100),
            (10_000_000, 20, 10, 15, 200), (17_006_479, 20, 10, 15, 200), (299_999_999, 20, 10, 15, 200),
            (300_000_000, 10, 100, 25, 100), (6_000_000_000, 10, 100, 25, 100),
        ]
        for (tokens, window, xMax, epochs, dimension) in cases {
            let d = GloVeCorpusDefaults(tokens: tokens)
            XCTAssertEqual([d.window, d.epochs, d.dimension], [window, epochs, dimension], "\(tokens) tokens")
            XCTAssertEqual(d.xMax, xMax, "\(tokens) tokens")
        }
    }

    private func pipeline(_ automatic: GloVeAutomatic) -> GloVePipeline {
        var p = GloVePipeline()
        p.counting.minCount = 1
        p.counting.cooccurrence.threads = 1
        p.settings.dimension = 6; p.settings.threads = 1; p.settings.seed = 5
        p.automatic = automatic
        return p
    }

    func testChosenSettingsTrainWhatTheGivenOnesTrain() throws {
        let folder = try TestFolder(prefix: "glove-defaults")
        let corpus = try folder.write(Fixtures.topicCorpus(lines: 40), to: "corpus.txt")
        let observer = RecordingObserver()
        let chosen = try pipeline([.window, .xMax, .epochs]).train(corpus: try CorpusReader(inputs: [corpus]),
                                                                    observer: observer)
        var given = pipeline([])
        given.counting.cooccurrence.window = 20; given.settings.xMax = 10; given.settings.epochs = 15
        let explicit = try given.train(corpus: try CorpusReader(inputs: [corpus]))
        XCTAssertEqual(chosen.trainer.settings, explicit.trainer.settings)
        XCTAssertEqual(chosen.trainer.records.count, explicit.trainer.records.count, "X counted with window 20")
        XCTAssertEqual(Array(chosen.trainer.model.bytes), Array(explicit.trainer.model.bytes))
        let stage = try XCTUnwrap(observer.stages.first { $0.task == "defaults" })
        XCTAssertEqual(stage.figures, [Metric("tokens", 480), Metric("x_max", 10), Metric("window", 20), Metric("epochs", 15)])
        XCTAssertEqual(observer.stages.map(\.task), ["vocabulary", "defaults", "cooccurrence", "records"])

        // A line of 40 distinct words: pairs at distance 1...w, both ways: 2 * sum_{d=1}^{w} (40 - d) records.
        let line = try folder.write((0..<40).map { "t\($0)" }.joined(separator: " ") + "\n", to: "line.txt")
        var one = pipeline([.window])
        one.settings.epochs = 1
        XCTAssertEqual(try one.train(corpus: try CorpusReader(inputs: [line])).trainer.records.count, 2 * (20 * 40 - 210))
        one.automatic = []
        XCTAssertEqual(try one.train(corpus: try CorpusReader(inputs: [line])).trainer.records.count, 2 * (10 * 40 - 55))
    }

    func testARecordFileChoosesFromTheVocabularyCounts() throws {
        let folder = try TestFolder(prefix: "glove-defaults")
        // Ten words counted 1,000 times each, and their X as 16-byte records (int32 i, int32 j, float64 x).
        let vocabulary = try Vocabulary.load(path: try folder.write((1...10).map { "w\($0) 1000\n" }.joined(), to: "vocab.txt"))
        var bytes: [UInt8] = []
        for r in Synthetic.records(words: 10) {
            withUnsafeBytes(of: r.i.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: r.j.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: r.x.bitPattern.littleEndian) { bytes += $0 }
        }
        let records = try folder.write(bytes: bytes, to: "x.bin")
        let observer = RecordingObserver()
        let result = try pipeline(.all).train(records: records, vocabulary: vocabulary, observer: observer)
        XCTAssertEqual(result.trainer.settings.epochs, 15)
        XCTAssertEqual(result.trainer.settings.xMax, 10)
        XCTAssertEqual(result.trainer.settings.dimension, 100)
        XCTAssertEqual(observer.stages.first { $0.task == "defaults" }?.figures,
                       [Metric("tokens", 10_000), Metric("x_max", 10), Metric("epochs", 15), Metric("dimension", 100)],
                       "the window is not chosen: X is counted already")
    }
}
