// Role: the trained state (fastText's Model): the vocabulary, the input matrix (the word rows, then the n-gram
// bucket rows of a subword model) and the output matrix (per-word rows for ns/softmax, per-inner-node rows for
// hs), and the loss-specific tables.
import EmbedCore
import EmbedVectors
import EmbedKernels
import EmbedVocabulary

/// A word2vec model (fastText's Model): the vocabulary, the input matrix (the word vectors), the output matrix,
/// and the noise sampler or Huffman tree its loss needs.
public final class SkipGramModel: @unchecked Sendable {
    /// The settings the model was made with (its loss, dimension and window fix its shape).
    public let settings: SkipGramSettings
    /// The words the model has rows for, most frequent first.
    public let vocabulary: Vocabulary
    /// Input vectors: one row per word (the embeddings of a word-only model), then for a subword model one
    /// row per n-gram bucket.
    public let input: WeightMatrix
    /// Output vectors: one row per word, or per Huffman inner node for hierarchical softmax.
    public let output: WeightMatrix
    /// The noise distribution of negative sampling (nil for the other losses).
    public let sampler: NoiseSampler?
    /// The Huffman tree of hierarchical softmax (nil for the other losses).
    public let tree: HuffmanTree?
    /// Each word's input rows in a subword model (nil for a word-only model).
    let subwords: SubwordRows?

    /// A fresh model: inputs uniform in (-0.5, 0.5) / dim from the seed, outputs zero (word2vec's start).
    /// Throws `SettingError` when the settings cannot work for the vocabulary or the matrices do not fit in memory.
    public convenience init(settings: SkipGramSettings, vocabulary: Vocabulary) throws {
        try self.init(settings: settings, vocabulary: vocabulary, randomize: true)
    }

    init(settings: SkipGramSettings, vocabulary: Vocabulary, randomize: Bool) throws {
        try settings.validate(vocabularySize: vocabulary.size)
        self.settings = settings
        self.vocabulary = vocabulary
        let v = vocabulary.size
        subwords = try settings.ngrams.map { try SubwordRows(words: vocabulary.words, ngrams: $0) }
        input = WeightMatrix(rows: settings.inputRows(vocabularySize: v), dimension: settings.dimension,
                             stride: settings.rowStride)
        switch settings.loss {
        case .ns:
            sampler = NoiseSampler(counts: vocabulary.counts, power: settings.noisePower)
            tree = nil
            output = WeightMatrix(rows: v, dimension: settings.dimension, stride: settings.rowStride)
        case .hs:
            sampler = nil
            tree = HuffmanTree(counts: vocabulary.counts)
            output = WeightMatrix(rows: v - 1, dimension: settings.dimension, stride: settings.rowStride)
        case .softmax:
            sampler = nil
            tree = nil
            output = WeightMatrix(rows: v, dimension: settings.dimension, stride: settings.rowStride)
        }
        if randomize {
            var rng = FastRandom(seed: settings.seed)
            input.randomize(&rng)
        }
    }

    /// Most inputs one step takes: a whole window for word-only skip-gram, one mean for CBOW and subwords.
    var maxInputs: Int { settings.maxStepInputs }

    /// True for a subword (fastText) model.
    public var hasSubwords: Bool { subwords != nil }

    /// The word vectors by vocabulary order: the input rows of a word-only model; for a subword model each
    /// word's mean of its own and its n-gram rows, with the model attached so that any string has a vector.
    /// `<UNK>` has no row: tokens outside the vocabulary are dropped before windowing (as word2vec does).
    /// Throws `InputError` only if the vocabulary held a duplicated word, which a built vocabulary never does.
    public func wordVectors() throws -> WordVectors {
        if hasSubwords { return try fastTextModel().wordVectors() }
        return try WordVectors(words: vocabulary.words, dimension: settings.dimension,
                               vectors: input.unpadded(rows: vocabulary.size))
    }
}
