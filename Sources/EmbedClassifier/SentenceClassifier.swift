// Role: a usable classifier (like gensim's model next to its KeyedVectors): the network plus everything
// needed to apply it to text: word index and tokenizer settings, label map, and how it was trained.
import EmbedCore
import EmbedVectors
import EmbedStreams

/// Where the embedding came from (recorded in the model; the vectors themselves are stored in it).
public struct VectorSource: Codable, Equatable, Sendable {
    /// The vector file the embedding was read from, as given.
    public var path: String
    /// The number of words it held (the embedding has these rows plus padding and `<UNK>`).
    public var words: Int
    /// The vector dimension.
    public var dimension: Int
    /// A record of `words` vectors of `dimension` values read from `path`.
    public init(path: String, words: Int, dimension: Int) { self.path = path; self.words = words; self.dimension = dimension }
}

/// Summary of the run that produced a model.
public struct TrainingRecord: Codable, Equatable, Sendable {
    /// Epochs trained (including those before a resume).
    public var epochsRun: Int
    /// The epoch whose weights the model keeps (the best on the dev set, else the last).
    public var bestEpoch: Int
    /// Accuracy on the dev set at that epoch (nil without a dev set).
    public var devAccuracy: Double?
    /// Accuracy on the test set (nil when none was given).
    public var testAccuracy: Double?
    /// A record of `epochsRun` epochs keeping `bestEpoch`, with its dev and test accuracy when measured.
    public init(epochsRun: Int, bestEpoch: Int, devAccuracy: Double? = nil, testAccuracy: Double? = nil) {
        self.epochsRun = epochsRun; self.bestEpoch = bestEpoch; self.devAccuracy = devAccuracy; self.testAccuracy = testAccuracy
    }
}

/// A usable sentence classifier: the network plus what applying it to text needs (word index and tokenizer
/// settings, label map) and a record of how it was trained; saved and loaded as one model file.
public final class SentenceClassifier {
    /// The trained network, embedding included.
    public let network: Network<Float>
    /// The words of the embedding rows and the tokenizer settings that map text to them.
    public let words: WordIndex
    /// The classes and their display names.
    public var labels: LabelSet
    /// Where the embedding came from.
    public var vectors: VectorSource
    /// The training settings of the run that produced the model.
    public var training: ClassifierSettings
    /// Epochs, best epoch and accuracies of that run (nil before training).
    public var record: TrainingRecord?

    /// A fresh (seeded) classifier over `vectors` for the classes of `labels`; `shape`'s dimension and
    /// classes are taken from the vectors and labels. Throws `SettingError` for a shape that cannot work.
    public convenience init(vectors: WordVectors, source: String, labels: LabelSet, shape: NetworkShape,
                            tokenizer: TokenizerSettings = TokenizerSettings(), seed: UInt64) throws {
        let table = vectors.withMatrix { EmbeddingTable<Float>(vectors: $0, dimension: vectors.dimension) }
        try self.init(words: vectors.words, table: table, source: source, labels: labels, shape: shape,
                      tokenizer: tokenizer, seed: seed)
    }

    /// `table` has words.count + 2 rows (padding, the words, <UNK>). Builds a fresh (seeded) classifier over it;
    /// throws `SettingError` for a shape that cannot work.
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

    /// The network's architecture.
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

    /// Scores on a labelled file. Throws `InputError` for a label the model does not know.
    public func evaluate(_ data: LabeledData) throws -> ClassifierScores {
        network.evaluate(try encode(data))
    }
}
