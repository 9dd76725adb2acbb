// Role: the trained state (fastText's Model): the vocabulary, the input matrix (the word vectors) and the
// output matrix (per-word rows for ns/softmax, per-inner-node rows for hs), and the loss-specific tables.
import Embeddings
import Kernels
import Vocabulary

public final class SkipGramModel: @unchecked Sendable {
    public let options: SkipGramOptions
    public let vocabulary: Vocabulary
    /// Input vectors, one row per word (these are the embeddings written out).
    public let input: WeightMatrix
    /// Output vectors: one row per word, or per Huffman inner node for hierarchical softmax.
    public let output: WeightMatrix
    public let sampler: NoiseSampler?
    public let tree: HuffmanTree?

    /// A fresh model: inputs uniform in (-0.5, 0.5) / dim from the seed, outputs zero (word2vec's start).
    public convenience init(options: SkipGramOptions, vocabulary: Vocabulary) throws {
        try self.init(options: options, vocabulary: vocabulary, randomize: true)
    }

    init(options: SkipGramOptions, vocabulary: Vocabulary, randomize: Bool) throws {
        try options.validate(vocabularySize: vocabulary.size)
        self.options = options
        self.vocabulary = vocabulary
        let v = vocabulary.size
        input = WeightMatrix(rows: v, dimension: options.dimension, stride: options.rowStride)
        switch options.loss {
        case .ns:
            sampler = NoiseSampler(counts: vocabulary.counts)
            tree = nil
            output = WeightMatrix(rows: v, dimension: options.dimension, stride: options.rowStride)
        case .hs:
            sampler = nil
            tree = HuffmanTree(counts: vocabulary.counts)
            output = WeightMatrix(rows: v - 1, dimension: options.dimension, stride: options.rowStride)
        case .softmax:
            sampler = nil
            tree = nil
            output = WeightMatrix(rows: v, dimension: options.dimension, stride: options.rowStride)
        }
        if randomize {
            var rng = FastRandom(seed: options.seed)
            input.randomize(&rng)
        }
    }

    /// Most inputs one step takes: a whole window for skip-gram, the hidden mean for CBOW.
    var maxInputs: Int { options.cbow || options.negativeSharing == .pair ? 1 : 2 * options.window }

    /// The word vectors (input rows) by vocabulary order. `<UNK>` has no row: tokens outside the vocabulary
    /// are dropped before windowing (as word2vec does), so it never receives a trained vector.
    public func embeddings() throws -> Embeddings {
        try Embeddings(words: vocabulary.words, dimension: options.dimension, vectors: input.unpadded())
    }
}
