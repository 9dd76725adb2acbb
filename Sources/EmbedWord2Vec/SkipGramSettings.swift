// Role: the training hyper-parameters of a skip-gram/CBOW run (fastText's "args"), their defaults and checks
// (SettingError naming the setting, memory checked before anything is allocated). Codable: a checkpoint
// records them so that a resumed run continues the same run.
import EmbedCore
import EmbedVectors

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

/// Hyper-parameters of a word2vec run (word2vec's and gensim's defaults, but window-shared negatives).
public struct SkipGramSettings: Codable, Equatable, Sendable {
    /// The output layer and its loss: negative sampling (the default), hierarchical softmax or the full softmax.
    public var loss: SkipGramLoss = .ns
    /// True to train CBOW (the mean of the context predicts the centre word) instead of skip-gram.
    public var cbow = false
    /// The number of values per word vector.
    public var dimension = 100
    /// The largest distance between a centre and a context word; each centre draws its radius from 1 ... window.
    public var window = 5
    /// Negative samples per training example, drawn from unigram^noisePower (negative sampling only).
    public var negative = 5
    /// The power of the counts in the noise distribution: 0.75 as word2vec and gensim, 0.5 as fastText.
    public var noisePower = 0.75
    /// Whether negative samples are drawn per window (shared) or per (context, centre) pair.
    public var negativeSharing: NegativeSharing = .window
    /// Subsampling threshold t (0 disables): a word of frequency f is kept with probability sqrt(t/f) + t/f.
    public var sample = 1e-3
    /// Passes over the corpus; the learning rate decays linearly over all of them (0 trains nothing: only a
    /// continued model, grown by new words, is worth that).
    public var epochs = 5
    /// Starting learning rate; nil means 0.025 for skip-gram and 0.05 for CBOW.
    public var alpha: Float?
    /// The learning rate never drops below alpha * minAlphaFraction.
    public var minAlphaFraction: Float = 1e-4
    /// Training threads, each on its own slice of the corpus (Hogwild updates of the shared matrices).
    public var threads = 1
    /// The seed of the initial weights and of every thread's random numbers (subsampling, windows, negatives).
    public var seed: UInt64 = 1
    /// The full softmax refuses vocabularies larger than this.
    public var softmaxLimit = 20_000
    /// Shortest character n-gram of the subword model (fastText's -minn), in characters.
    public var minn = 3
    /// Longest character n-gram (fastText's -maxn); 0, the default, trains today's word-only model.
    public var maxn = 0
    /// Hash buckets the n-grams share (fastText's -bucket): input rows after the words'.
    public var buckets = 2_000_000
    /// The longest `maxn` accepted (every word of n characters has about n x maxn n-grams).
    public static let maxnLimit = 64

    /// Test hook: the workers stop (as if interrupted) at their first pause point after this many tokens in total.
    var stopAfterTokens: Int64? = nil
    /// Kept words a worker buffers before training part of a long line (small values exercise the carry-over).
    var lineBuffer = 1 << 14

    /// word2vec's defaults: skip-gram, negative sampling (5), dimension 100, window 5, 5 epochs.
    public init() {}

    /// The learning rate at the start: `alpha` when set, else 0.025 for skip-gram and 0.05 for CBOW.
    public var startingAlpha: Float { alpha ?? (cbow ? 0.05 : 0.025) }

    /// Floats per stored row: the dimension rounded up to 8 (whole SIMD blocks; the pads stay 0).
    public var rowStride: Int { (dimension + 7) & ~7 }

    /// The n-grams of the subword model (fastText's), nil for a word-only model (`maxn` 0).
    public var ngrams: CharacterNgrams? {
        maxn > 0 && buckets > 0 && minn >= 1 && minn <= maxn ? CharacterNgrams(minn: minn, maxn: maxn, buckets: buckets) : nil
    }

    /// Input rows for `vocabularySize` words: one per word, plus the buckets of a subword model.
    public func inputRows(vocabularySize v: Int) -> Int { v + (ngrams == nil ? 0 : buckets) }

    /// Inputs one loss step takes at most: a window for word-only skip-gram, one mean for CBOW and subwords.
    var maxStepInputs: Int { cbow || ngrams != nil || negativeSharing == .pair ? 1 : 2 * window }

    /// Checks the values that cannot work, and that the model and the workers' buffers fit in memory for
    /// `vocabularySize` words. Throws `SettingError` naming the first setting at fault.
    public func validate(vocabularySize: Int) throws {
        if dimension < 1 { throw SettingError("dimension", "must be at least 1") }
        if window < 1 { throw SettingError("window", "must be at least 1") }
        if epochs < 0 { throw SettingError("epochs", "must be at least 1 (0 only when continuing a model)") }
        if threads < 1 { throw SettingError("threads", "must be at least 1") }
        if !(sample >= 0) || !sample.isFinite { throw SettingError("sample", "must be 0 (off) or positive") }
        if !(startingAlpha > 0) || !startingAlpha.isFinite { throw SettingError("alpha", "must be positive") }
        if !(minAlphaFraction >= 0 && minAlphaFraction <= 1) { throw SettingError("minAlphaFraction", "must be in [0, 1]") }
        if !(noisePower >= 0 && noisePower <= 1) { throw SettingError("noisePower", "must be between 0 and 1") }
        if loss == .ns && negative < 1 { throw SettingError("negative", "must be at least 1 with negative sampling") }
        if maxn < 0 || maxn > SkipGramSettings.maxnLimit {
            throw SettingError("maxn", "must be between 0 (no subwords) and \(SkipGramSettings.maxnLimit)")
        }
        if maxn > 0 && !(1...maxn).contains(minn) { throw SettingError("minn", "must be between 1 and maxn (\(maxn))") }
        if maxn > 0 && !(1...(Int(Int32.max) - max(0, vocabularySize))).contains(buckets) {
            throw SettingError("buckets", "must be between 1 and \(Int(Int32.max) - max(0, vocabularySize)) with subwords")
        }
        if !(1...(1 << 26)).contains(lineBuffer) { throw SettingError("lineBuffer", "must be between 1 and 67108864") }
        if vocabularySize < 2 {
            throw SettingError("vocabulary", "has \(vocabularySize) word(s): training needs at least 2 (lower the minimum count?)")
        }
        if loss == .softmax && vocabularySize > softmaxLimit {
            throw SettingError("softmaxLimit", "is below the vocabulary's \(vocabularySize) words: the full softmax "
                + "computes a score and an update for every word for every training pair (about "
                + "\(vocabularySize / (negative + 1))x the work of negative sampling with \(negative) negatives); use "
                + "negative sampling or hierarchical softmax, shrink the vocabulary, or raise the limit",
                               value: "\(softmaxLimit)")
        }
        let need = memory(vocabularySize: vocabularySize)
        guard need.total > MemoryCheck.usableBytes else { return }
        // Blame the setting behind the largest part (the loss scratch grows with window x negatives).
        let rows = MemoryCheck.grouped(vocabularySize)
        let windowPart = need.window + (2 * window > negative + 1 ? need.negatives : 0)
        let negativePart = 2 * window > negative + 1 ? 0 : need.negatives
        if need.model >= windowPart && need.model >= negativePart {
            let buckets = ngrams.map { " and \(MemoryCheck.grouped($0.buckets)) n-gram buckets" } ?? ""
            try MemoryCheck.require(need.total, setting: "dimension", value: dimension, for: "for \(rows) words\(buckets)")
        } else if windowPart >= negativePart {
            try MemoryCheck.require(need.total, setting: "window", value: window,
                                    for: "for the window buffers of \(threads) thread(s)")
        } else {
            try MemoryCheck.require(need.total, setting: "negative", value: negative,
                                    for: "for the sample buffers of \(threads) thread(s)")
        }
    }

    /// Bytes a run allocates for `vocabularySize` words: the two matrices and the written copy (`model`), the
    /// workers' window buffers (`window`) and their loss scratch (`negatives`), in Double (never overflows).
    public func memory(vocabularySize v: Int) -> (model: Double, window: Double, negatives: Double, total: Double) {
        let d = Double(dimension), stride = Double(rowStride), w = Double(window), t = Double(threads)
        let words = Double(v), inputRows = Double(v) + (ngrams == nil ? 0 : Double(buckets))
        let matrices: Double = (words + inputRows) * stride * 4
        // The written copy: the vectors, or for a subword model the whole input matrix (a fastText model).
        let written: Double = inputRows * d * 4 + 2 * max(Double(1 << 20), d * 16)
        let model = matrices + written
        let idBuffer: Double = max(Double(lineBuffer), 4 * w + 1) * 4
        let windowBytes: Double = t * (idBuffer + 2 * w * 8 + 2 * stride * 4)
        let inputs = Double(maxStepInputs)
        let outputs: Double
        switch loss {
        case .ns: outputs = Double(negative) + 1
        case .hs: outputs = 64
        case .softmax: outputs = 0
        }
        var scratch: Double = t * (5 * inputs * outputs + 4 * outputs) * 4 + t * outputs * 12
        if loss == .softmax {
            let batch: Double = max(cbow || ngrams != nil ? 0 : 128, inputs)
            scratch = t * batch * (2 * stride + words) * 4
        }
        return (model, windowBytes, scratch, model + windowBytes + scratch)
    }

    enum CodingKeys: String, CodingKey {
        case loss, cbow, dimension, window, negative, noisePower, negativeSharing, sample, epochs, alpha, minAlphaFraction,
             threads, seed, softmaxLimit, lineBuffer, minn, maxn, buckets
    }

    /// Decodes saved settings; the subword fields are optional (checkpoints written before them are word-only).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        loss = try c.decode(SkipGramLoss.self, forKey: .loss)
        cbow = try c.decode(Bool.self, forKey: .cbow)
        dimension = try c.decode(Int.self, forKey: .dimension)
        window = try c.decode(Int.self, forKey: .window)
        negative = try c.decode(Int.self, forKey: .negative)
        noisePower = try c.decodeIfPresent(Double.self, forKey: .noisePower) ?? 0.75
        negativeSharing = try c.decode(NegativeSharing.self, forKey: .negativeSharing)
        sample = try c.decode(Double.self, forKey: .sample)
        epochs = try c.decode(Int.self, forKey: .epochs)
        alpha = try c.decodeIfPresent(Float.self, forKey: .alpha)
        minAlphaFraction = try c.decode(Float.self, forKey: .minAlphaFraction)
        threads = try c.decode(Int.self, forKey: .threads)
        seed = try c.decode(UInt64.self, forKey: .seed)
        softmaxLimit = try c.decode(Int.self, forKey: .softmaxLimit)
        lineBuffer = try c.decode(Int.self, forKey: .lineBuffer)
        minn = try c.decodeIfPresent(Int.self, forKey: .minn) ?? 3
        maxn = try c.decodeIfPresent(Int.self, forKey: .maxn) ?? 0
        buckets = try c.decodeIfPresent(Int.self, forKey: .buckets) ?? 2_000_000
    }
}

extension SkipGramSettings {
    /// The settings that differ from `saved`, for a resumed run (epochs, threads and seed included: the saved
    /// state is tied to them).
    public func differences(from saved: SkipGramSettings) -> [ResumeMismatch.Difference] {
        var out: [ResumeMismatch.Difference] = []
        func check<T: Equatable>(_ name: String, _ a: T, _ b: T) {
            if a != b { out.append(ResumeMismatch.Difference(setting: name, now: "\(a)", saved: "\(b)")) }
        }
        check("loss", loss.rawValue, saved.loss.rawValue)
        check("cbow", cbow, saved.cbow)
        check("dimension", dimension, saved.dimension)
        check("window", window, saved.window)
        check("negative", negative, saved.negative)
        check("noisePower", noisePower, saved.noisePower)
        check("negativeSharing", negativeSharing.rawValue, saved.negativeSharing.rawValue)
        check("sample", sample, saved.sample)
        check("epochs", epochs, saved.epochs)
        check("alpha", startingAlpha, saved.startingAlpha)
        check("threads", threads, saved.threads)
        check("seed", seed, saved.seed)
        check("minn", ngrams?.minn ?? 0, saved.ngrams?.minn ?? 0)
        check("maxn", ngrams?.maxn ?? 0, saved.ngrams?.maxn ?? 0)
        check("buckets", ngrams?.buckets ?? 0, saved.ngrams?.buckets ?? 0)
        return out
    }
}
