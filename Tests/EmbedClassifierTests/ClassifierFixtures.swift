// Role: shared fixtures of the classifier tests: a temporary folder for small files, a tiny vocabulary with
// seeded vectors and labelled sentences, and a small SentenceClassifier trained on them for a few epochs.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import EmbedVectors
import Foundation
import EmbedKernels
import EmbedStreams
import XCTest

enum TinyTask {
    /// Twelve words with seeded 4-d vectors: "good" words, "bad" words and neutral ones.
    static let words = ["good", "great", "fun", "love", "bad", "awful", "dull", "hate", "the", "movie", "was", "a"]
    static let dimension = 4

    static func embeddings(seed: UInt64 = 21) throws -> WordVectors {
        var random = FastRandom(seed: seed)
        let vectors = (0..<words.count * dimension).map { _ in random.nextFloat() * 2 - 1 }
        return try WordVectors(words: words, dimension: dimension, vectors: vectors)
    }

    /// `label sentence` lines: label 1 when the sentence holds a good word, 0 for a bad one; unequal lengths.
    static let lines = """
    1 the movie was good
    0 the movie was bad
    1 great
    0 awful movie
    1 a fun movie was a fun movie
    0 dull
    1 love the movie
    0 hate the movie was awful
    1 good good fun
    0 the dull movie was a bad movie

    """

    /// A classifier over `embeddings()` trained `epochs` passes on `lines` (0: the seeded, untrained one).
    static func trainedClassifier(folder: TestFolder, epochs: Int = 2,
                                  configure: (inout NetworkShape) -> Void = { _ in }) throws -> SentenceClassifier {
        let data = try LabeledData(path: try folder.write(lines, to: "tiny.txt"))
        var shape = NetworkShape(embeddingDimension: dimension, classes: 2)
        shape.hidden = 6
        configure(&shape)
        let model = try SentenceClassifier(vectors: try embeddings(), source: "tiny-vectors.txt",
                                           labels: LabelSet(of: data.sentences), shape: shape, seed: 3)
        var settings = ClassifierSettings()
        settings.epochs = epochs
        settings.batchSize = 4
        settings.adam.learningRate = 0.01
        model.training = settings
        guard epochs > 0 else { return model }
        let outcome = try ClassifierTrainer(network: model.network, settings: settings, train: try model.encode(data))
            .run(SilentObserver())
        model.record = TrainingRecord(epochsRun: outcome.epochsRun, bestEpoch: outcome.bestEpoch, devAccuracy: 0.5)
        return model
    }
}
