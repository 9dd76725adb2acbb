// Role: the training hyper-parameters of a skip-gram/CBOW run (fastText's "args"), their defaults and checks.
// Codable: a checkpoint records them so that --resume continues the same run.
import Streams

/// The output layer and its loss.
public enum SkipGramLoss: String, Codable, CaseIterable, Sendable {
    /// Negative sampling: the true output row against `negative` rows drawn from unigram^0.75.
    case ns
    /// Hierarchical softmax over a Huffman tree of the vocabulary.
    case hs
    /// The full softmax over every word with cross-entropy (small vocabularies only).
    case softmax
}

/// How negative samples are shared (negative sampling only).
public enum NegativeSharing: String, Codable, CaseIterable, Sendable {
    /// One set of negatives per window, shared by every context word of the window; the window's updates are
    /// done as one small matrix product (Ji et al., "Parallelizing Word2Vec in Shared and Distributed Memory").
    case window
    /// Fresh negatives for every (context, centre) pair, one pair at a time (word2vec's and gensim's scheme).
    case pair
}

public struct SkipGramOptions: Codable, Equatable, Sendable {
    public var loss: SkipGramLoss = .ns
    public var cbow = false
    public var dimension = 100
    public var window = 5
    public var negative = 5
    public var negativeSharing: NegativeSharing = .window
    /// Subsampling threshold t (0 disables): a word of frequency f is kept with probability sqrt(t/f) + t/f.
    public var sample = 1e-3
    public var epochs = 5
    /// Starting learning rate; nil means 0.025 for skip-gram and 0.05 for CBOW.
    public var alpha: Float?
    /// The learning rate never drops below alpha * minAlphaFraction.
    public var minAlphaFraction: Float = 1e-4
    public var threads = 1
    public var seed: UInt64 = 1
    /// --loss softmax refuses vocabularies larger than this.
    public var softmaxLimit = 20_000

    /// Test hook: the workers stop (as if interrupted) at their first pause point after this many tokens in total.
    var stopAfterTokens: Int64? = nil
    /// Kept words a worker buffers before training part of a long line (small values exercise the carry-over).
    var lineBuffer = 1 << 14

    public init() {}

    public var startingAlpha: Float { alpha ?? (cbow ? 0.05 : 0.025) }

    /// Floats per stored row: the dimension rounded up to 8 (whole SIMD blocks; the pads stay 0).
    public var rowStride: Int { (dimension + 7) & ~7 }

    public func validate(vocabularySize: Int) throws {
        if dimension < 1 { throw UsageError("--dim must be at least 1") }
        if window < 1 { throw UsageError("--window must be at least 1") }
        if epochs < 1 { throw UsageError("--epochs must be at least 1") }
        if threads < 1 { throw UsageError("--threads must be at least 1") }
        if !(sample >= 0) { throw UsageError("--sample must not be negative") }
        if !(startingAlpha > 0) || !startingAlpha.isFinite { throw UsageError("--alpha must be positive") }
        if loss == .ns && negative < 1 { throw UsageError("--negative must be at least 1 with --loss ns") }
        if vocabularySize < 2 {
            throw UsageError("the vocabulary has \(vocabularySize) word(s): training needs at least 2 (lower --min-count?)")
        }
        if loss == .softmax && vocabularySize > softmaxLimit {
            throw UsageError("--loss softmax computes a score and an update for every one of the \(vocabularySize) "
                + "words for every training pair (about \(vocabularySize / (negative + 1))x the work of --loss ns "
                + "with --negative \(negative)); it is refused above \(softmaxLimit) words: use --loss ns or --loss hs, "
                + "shrink the vocabulary (--min-count, --max-vocab), or raise the limit with --softmax-limit")
        }
    }

    enum CodingKeys: String, CodingKey {
        case loss, cbow, dimension, window, negative, negativeSharing, sample, epochs, alpha, minAlphaFraction,
             threads, seed, softmaxLimit, lineBuffer
    }
}

extension SkipGramOptions {
    /// The settings that differ from `other`, as `--flag mine (other)` texts (for --resume checks).
    public func differences(from other: SkipGramOptions) -> [String] {
        var out: [String] = []
        func check<T: Equatable>(_ flag: String, _ a: T, _ b: T) { if a != b { out.append("\(flag) \(a) (checkpoint: \(b))") } }
        check("--loss", loss.rawValue, other.loss.rawValue)
        check("--cbow", cbow, other.cbow)
        check("--dim", dimension, other.dimension)
        check("--window", window, other.window)
        check("--negative", negative, other.negative)
        check("--negative-sharing", negativeSharing.rawValue, other.negativeSharing.rawValue)
        check("--sample", sample, other.sample)
        check("--epochs", epochs, other.epochs)
        check("--alpha", startingAlpha, other.startingAlpha)
        check("--threads", threads, other.threads)
        check("--seed", seed, other.seed)
        return out
    }
}
