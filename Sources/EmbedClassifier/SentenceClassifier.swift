// Role: a usable classifier (like gensim's model next to its KeyedVectors): the network plus everything
// needed to apply it to text: word index and tokenizer settings, label map, and how it was trained.
import EmbedCore
import EmbedVectors
import EmbedStreams

/// Where the embedding came from (recorded in the model; the vectors themselves are stored in it).
public struct VectorSource: Codable, Equatable, Sendable {
    public var path: String
    public var words: Int
    public var dimension: Int
    public init(path: String, words: Int, dimension: Int) { self.path = path; self.words = words; self.dimension = dimension }
}

/// Summary of the run that produced a model.
public struct TrainingRecord: Codable, Equatable, Sendable {
    public var epochsRun: Int
    public var bestEpoch: Int
    public var devAccuracy: Double?
    public var testAccuracy: Double?
    public init(epochsRun: Int, bestEpoch: Int, devAccuracy: Double? = nil, testAccuracy: Double? = nil) {
        self.epochsRun = epochsRun; self.bestEpoch = bestEpoch; self.devAccuracy = devAccuracy; self.testAccuracy = testAccuracy
    }
}

public final class SentenceClassifier {
    public let network: Network<Float>
    public let words: WordIndex
    public var labels: LabelSet
    public var vectors: VectorSource
    public var training: ClassifierSettings
    public var record: TrainingRecord?

    /// A fresh (seeded) classifier over `vectors` for the classes of `labels`; `shape`'s dimension and
    /// classes are taken from the vectors and labels.
    public convenience init(vectors: WordVectors, source: String, labels: LabelSet, shape: NetworkShape,
                            tokenizer: TokenizerSettings = TokenizerSettings(), seed: UInt64) throws {
        let table = vectors.withMatrix { EmbeddingTable<Float>(vectors: $0, dimension: vectors.dimension) }
        try self.init(words: vectors.words, table: table, source: source, labels: labels, shape: shape,
                      tokenizer: tokenizer, seed: seed)
    }

    /// `table` has words.count + 2 rows (padding, the words, <UNK>).
    public init(words: [String], table: EmbeddingTable<Float>, source: String, labels: LabelSet,
                shape: NetworkShape, tokenizer: TokenizerSettings = TokenizerSettings(), seed: UInt64) throws {
        precondition(table.rows == words.count + 2, "the table needs padding, one row per word and <UNK>")
        var shape = shape
        shape.embeddingDimension = table.dimension
        shape.classes = labels.count
        network = try Network<Float>(shape: shape, embedding: table, seed: seed)
        self.words = WordIndex(words: words, settings: tokenizer)
        self.labels = labels
        self.vectors = VectorSource(path: source, words: words.count, dimension: table.dimension)
        training = ClassifierSettings()
        training.seed = seed
    }

    public var shape: NetworkShape { network.shape }

    /// Embedding rows and classes of a labelled file; labels the model does not know are InputErrors.
    public func encode(_ data: LabeledData) throws -> EncodedSet {
        EncodedSet(sequences: data.sentences.map { words.encode($0.text) },
                   labels: try labels.indices(of: data.sentences, path: data.path))
    }

    /// Class probabilities of each text, in order.
    public func predict(_ texts: [String]) -> [[Float]] {
        network.probabilities(of: texts.map { words.encode($0) })
    }

    /// Scores on an encoded set (through this concrete type, so the Float network code is specialised).
    public func evaluate(_ set: EncodedSet) -> ClassifierScores { network.evaluate(set) }

    /// Scores on a labelled file.
    public func evaluate(_ data: LabeledData) throws -> ClassifierScores {
        network.evaluate(try encode(data))
    }
}
