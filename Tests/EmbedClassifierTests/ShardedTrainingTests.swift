// Role: the trainer's two-shard batches: the combined gradient equals the whole batch's gradient, and a
// seed gives the same weights with one thread or two.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import Foundation
import EmbedKernels
import EmbedStreams
import XCTest

final class ShardedTrainingTests: XCTestCase {
    func network(dropout: Double) throws -> Network<Float> {
        var shape = NetworkShape(embeddingDimension: TinyTask.dimension, classes: 2)
        shape.hidden = 6
        shape.dropout = dropout
        let embeddings = try TinyTask.embeddings()
        let table = embeddings.withMatrix { EmbeddingTable<Float>(vectors: $0, dimension: embeddings.dimension) }
        return try Network<Float>(shape: shape, embedding: table, seed: 5)
    }

    /// Seven sequences of unequal lengths with labels.
    let set = EncodedSet(sequences: [[1, 2, 3], [4], [5, 6, 7, 8, 9], [2, 2], [10, 11, 12, 1], [3, 4, 5], [6]],
                         labels: [1, 0, 1, 0, 0, 1, 1])

    func testShardGradientsCombineToTheWholeBatchGradient() throws {
        let sharded = try network(dropout: 0), whole = try network(dropout: 0)
        let indices = [3, 0, 6, 2, 5, 1, 4]
        var settings = ClassifierSettings()
        settings.threads = 2
        let trainer = try ClassifierTrainer(network: sharded, settings: settings, train: set)
        _ = trainer.trainStep(indices, on: set)

        let batch = PackedBatch(sequences: set.sequences, indices: indices)
        whole.forward(batch, training: true)
        whole.backward(batch, labels: batch.order.map { set.labels[indices[$0]] })
        let norm = whole.gradients.reduce(0) { $0 + $1 * $1 }.squareRoot()
        XCTAssertGreaterThan(norm, 1e-3)
        for (a, b) in zip(sharded.gradients, whole.gradients) { XCTAssertEqual(a, b, accuracy: 1e-6 + 1e-4 * abs(b)) }
    }

    func testOneThreadAndTwoThreadsTrainTheSameWeights() throws {
        var settings = ClassifierSettings()
        settings.epochs = 3
        settings.batchSize = 4
        let weights = try [1, 2].map { threads -> [Float] in
            let net = try network(dropout: 0.5)
            var threaded = settings
            threaded.threads = threads
            _ = try ClassifierTrainer(network: net, settings: threaded, train: set).run(SilentObserver())
            return Array(net.parameters)
        }
        XCTAssertEqual(weights[0], weights[1])
        XCTAssertNotEqual(weights[0], Array(try network(dropout: 0.5).parameters), "training moved the weights")
    }
}
