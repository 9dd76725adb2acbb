// Role: shared fixtures of the tagger tests: tiny tagged sentences in memory and as CoNLL text, seeded word
// vectors for their words, a small Double network over them, and a small trained SequenceTagger.
import EmbedCore
import EmbedClassifier
import EmbedTestSupport
@testable import EmbedTagger
import EmbedVectors
import Foundation

enum TinyTagging {
    /// Lower-case words with seeded 4-d vectors; tokens outside it are unknown.
    static let words = ["i", "want", "to", "fly", "from", "arrive", "leave", "in", "on", "taipei", "paris", "tokyo",
                        "october", "may", "23", "5", "the", "morning", "with", "delta"]
    static let dimension = 4

    static func vectors(seed: UInt64 = 3) throws -> WordVectors {
        try Fixtures.randomVectors(words: words, dimension: dimension, seed: seed)
    }

    /// Two-column CoNLL text (IOB2) in the lecture's style, with a -DOCSTART- line and an unknown word.
    static let conll = """
    -DOCSTART- O

    I O
    want O
    to O
    arrive O
    Taipei B-destination
    on O
    October B-arrival_time
    23 I-arrival_time

    leave O
    Paris B-departure
    in O
    the O
    morning B-departure_time

    fly O
    Delta B-airline
    to O
    Tokyo B-destination

    arrive O
    Taipei B-destination
    on O
    May B-arrival_time
    5 I-arrival_time
    with O
    Lufthansa B-airline

    """

    /// A tagged set read from `conll` written into `folder`.
    static func data(_ folder: TestFolder, name: String = "tiny.txt") throws -> TaggedData {
        try TaggedData(path: try folder.write(conll, to: name))
    }

    /// A tiny shape for Double gradient checks.
    static func shape(tags: Int, characters: Int, _ configure: (inout TaggerShape) -> Void = { _ in }) -> TaggerShape {
        var shape = TaggerShape(wordDimension: dimension, tags: tags, characters: characters)
        shape.hidden = 3
        shape.characterDimension = 2
        shape.characterHidden = 2
        shape.casingDimension = 2
        shape.dropout = 0
        configure(&shape)
        return shape
    }

    /// A SequenceTagger over `vectors()` trained `epochs` passes on `conll` (0: seeded, untrained).
    static func tagger(_ folder: TestFolder, epochs: Int = 3, configure: (inout TaggerShape) -> Void = { _ in }) throws
        -> SequenceTagger {
        var training = TaggerTraining()
        training.shape.hidden = 6
        training.shape.characterDimension = 3
        training.shape.characterHidden = 3
        training.shape.casingDimension = 2
        configure(&training.shape)
        training.settings.epochs = max(epochs, 1)
        training.settings.batchSize = 2
        training.settings.adam.learningRate = 0.01
        training.characterMinCount = 1
        return try training.train(vectors: try vectors(), source: "tiny-vectors", train: try data(folder)).tagger
    }
}
