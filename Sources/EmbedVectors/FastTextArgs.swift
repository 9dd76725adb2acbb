// Role: the settings a fastText model file carries (fastText's Args::save: thirteen fields, in the file's
// order), with fastText's defaults for unsupervised training and the numbers its enums are stored as.

/// fastText's `-loss`: the output layer's objective, stored as a 32-bit integer.
public enum FastTextLoss: Int32, CaseIterable, Sendable {
    /// Hierarchical softmax.
    case hs = 1
    /// Negative sampling.
    case ns = 2
    /// Full softmax.
    case softmax = 3
    /// One-vs-all (supervised, several labels).
    case ova = 4
}

/// fastText's model kind, stored as a 32-bit integer.
public enum FastTextModelKind: Int32, CaseIterable, Sendable {
    /// Continuous bag of words.
    case cbow = 1
    /// Skip-gram.
    case sg = 2
    /// Supervised classifier (labels instead of words as outputs).
    case sup = 3
}

/// The header of a fastText model. Every field but `lr` is stored in the file, in the order listed.
public struct FastTextArgs: Equatable, Sendable {
    /// Vector length (`-dim`).
    public var dim = 100
    /// Context window (`-ws`).
    public var ws = 5
    /// Training epochs (`-epoch`).
    public var epoch = 5
    /// Minimum word count (`-minCount`).
    public var minCount = 5
    /// Negatives sampled per target (`-neg`).
    public var neg = 5
    /// Longest word n-gram of supervised models (`-wordNgrams`).
    public var wordNgrams = 1
    /// Output objective (`-loss`).
    public var loss = FastTextLoss.ns
    /// Model kind.
    public var model = FastTextModelKind.sg
    /// N-gram hash buckets (`-bucket`): rows of the input matrix after the words.
    public var bucket = 2_000_000
    /// Shortest character n-gram (`-minn`).
    public var minn = 3
    /// Longest character n-gram (`-maxn`; 0: no subwords).
    public var maxn = 6
    /// Words between learning-rate updates (`-lrUpdateRate`).
    public var lrUpdateRate = 100
    /// Subsampling threshold (`-t`).
    public var t = 1e-4
    /// Initial learning rate (`-lr`). fastText does not store it: a model read from a file has the default.
    public var lr = 0.05
    /// The output-quantization flag read after the input matrix (fastText's `qout`; only quantized models use it).
    public var qout = false

    /// fastText's defaults for unsupervised training (skip-gram, negative sampling).
    public init() {}

    /// The n-gram settings of a model with these arguments (negative values count as 0).
    public var ngrams: CharacterNgrams {
        CharacterNgrams(minn: max(0, minn), maxn: max(0, maxn), buckets: min(max(0, bucket), Int(UInt32.max)))
    }
}
