// Role: the tagger's training shape: a seed gives the same weights with one thread or two (two shards on
// replicas), the combined shard gradient is the whole batch's, epochs report dev precision / recall / F1,
// the best dev epoch's weights are kept, and the observer can stop a run.
import EmbedCore
import EmbedClassifier
import EmbedTestSupport
@testable import EmbedTagger
import XCTest

final class TaggerTrainerTests: XCTestCase {
    func tagger(_ folder: TestFolder, dropout: Double = 0.5) throws -> (SequenceTagger, EncodedSentences, TaggedData) {
        let data = try TinyTagging.data(folder)
        var shape = TaggerShape(wordDimension: 1, tags: 2, characters: 1)
        shape.hidden = 5; shape.characterDimension = 3; shape.characterHidden = 2; shape.casingDimension = 2
        shape.dropout = dropout
        let vectors = try TinyTagging.vectors()
        let table = vectors.withMatrix { EmbeddingTable<Float>(vectors: $0, dimension: vectors.dimension) }
        let tagSet = TagSet(spans: data.spans, encoding: .iobes)
        let tagger = try SequenceTagger(words: vectors.words, table: table, source: "tiny", characters:
                                            CharacterIndex(tokens: data.sentences.flatMap(\.tokens), minCount: 1),
                                        tagSet: tagSet, shape: shape, scheme: data.scheme, seed: 9)
        return (tagger, tagger.encode(data).sentences, data)
    }

    func testOneThreadAndTwoThreadsTrainTheSameWeights() throws {
        let folder = try TestFolder()
        var settings = TaggerSettings()
        settings.epochs = 3
        settings.batchSize = 3
        let weights = try [1, 2].map { threads -> [Float] in
            let (tagger, train, _) = try self.tagger(folder)
            var s = settings
            s.threads = threads
            _ = try TaggerTrainer(network: tagger.network, settings: s, train: train).run(SilentObserver())
            return Array(tagger.network.parameters)
        }
        XCTAssertEqual(weights[0], weights[1])
        XCTAssertNotEqual(weights[0], Array(try tagger(folder).0.network.parameters), "training moved the weights")
    }

    func testShardGradientsCombineToTheWholeBatchGradient() throws {
        let folder = try TestFolder()
        let (sharded, train, _) = try tagger(folder, dropout: 0)
        let (whole, _, _) = try tagger(folder, dropout: 0)
        let trainer = try TaggerTrainer(network: sharded.network, settings: TaggerSettings(), train: train)
        let indices = [2, 0, 3, 1]
        let totals = trainer.trainStep(indices)
        let batch = TaggerBatch(train, indices: indices, withCharacters: true)
        whole.network.forward(batch, training: true)
        let loss = whole.network.lossAndGradient(batch)
        XCTAssertEqual(totals.units, batch.tokens)
        XCTAssertEqual(totals.loss / Double(totals.units), loss, accuracy: 1e-5)
        for (a, b) in zip(sharded.network.gradients, whole.network.gradients) { XCTAssertEqual(a, b, accuracy: 1e-6 + 1e-4 * abs(b)) }
    }

    func testEpochsReportDevScoresAndTheBestEpochIsKept() throws {
        let folder = try TestFolder()
        let (tagger, train, data) = try self.tagger(folder)
        var settings = TaggerSettings()
        settings.epochs = 6
        settings.batchSize = 2
        settings.adam.learningRate = 0.02
        let observer = RecordingObserver()
        var bestWeights: [Float] = []
        observer.onEpoch = { record in if record.isBest { bestWeights = Array(tagger.network.parameters) } }
        let dev = TaggerDevSet(encoded: train, data: data)
        let summary = try TaggerTrainer(network: tagger.network, settings: settings, train: train, dev: dev).run(observer)
        XCTAssertEqual(observer.epochs.count, 6)
        XCTAssertEqual(observer.epochs[0].metrics.map(\.name), ["dev_precision", "dev_recall", "dev_f1", "dev_accuracy"])
        XCTAssertEqual(observer.epochs[0].unit, "tokens")
        let best = observer.epochs.filter(\.isBest).last!
        XCTAssertEqual(summary.bestEpoch, best.epoch)
        XCTAssertEqual(Array(tagger.network.parameters), bestWeights, "the best dev epoch's weights are kept")
        XCTAssertEqual(tagger.network.score(train, against: data).f1, best.metric("dev_f1")!, accuracy: 1e-12)
        XCTAssertEqual(summary.unit, "tokens")
        XCTAssertEqual(summary.units, Double(6 * train.tokenCount))
    }

    func testObserverStopsTheRun() throws {
        let folder = try TestFolder()
        let (tagger, train, _) = try self.tagger(folder)
        var settings = TaggerSettings()
        settings.epochs = 50
        settings.batchSize = 1
        let summary = try TaggerTrainer(network: tagger.network, settings: settings, train: train)
            .run(RecordingObserver(stopAtPoll: 6))
        // Four batches an epoch: the sixth poll comes in epoch 2, which ends there.
        XCTAssertEqual(summary.outcome, .stopped(checkpoint: nil))
        XCTAssertEqual(summary.epochsRun, 2)
    }

    func testSettingErrors() throws {
        let folder = try TestFolder()
        let (tagger, train, _) = try self.tagger(folder)
        var settings = TaggerSettings()
        settings.epochs = 0
        assertSettingError("epochs", "at least 1") { _ = try TaggerTrainer(network: tagger.network, settings: settings, train: train) }
        var shape = tagger.shape
        shape.hidden = 1 << 40
        assertSettingError("hidden", "needs") { try shape.validate() }
        shape = tagger.shape
        shape.tags = 1
        assertSettingError("tags", "no entities") { try shape.validate() }
        let unlabeled = tagger.encode([["a", "b"]]).sentences
        XCTAssertThrowsError(try TaggerTrainer(network: tagger.network, settings: TaggerSettings(), train: unlabeled))
    }
}
