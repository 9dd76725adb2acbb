// Role: the GloVe trainer's settings (model size, weighting function, AdaGrad, threads, memory) with Stanford
// GloVe's defaults, and their checks (SettingError naming the setting).
import EmbedCore
import EmbedKernels
import Foundation

/// Hyper-parameters and resources of a GloVe run.
public struct GloVeSettings: Codable, Equatable, Sendable {
    /// Vector length d.
    public var dimension = 100
    /// Passes over the non-zero X_ij (0 trains nothing: only for a continued model grown by new words).
    public var epochs = 25
    /// f(x) = (x / xMax)^alpha below xMax, else 1.
    public var xMax = 100.0
    /// The exponent alpha of the weighting function f(x) = (x / xMax)^alpha (0.75 in the paper).
    public var alpha = 0.75
    /// AdaGrad's initial learning rate (accumulators start at 1).
    public var eta = 0.05
    /// The biases' learning rate. Stanford's glove (since its gradient-clip change) applies eta to the vectors
    /// only: biases step with rate 1, which its authors found gives better vectors than eta.
    public var biasEta = 1.0
    /// Each gradient component is clipped to [-gradClip, gradClip] before the step.
    public var gradClip = 100.0
    /// Training threads (Hogwild: each takes the next chunk of the shuffled records).
    public var threads = 1
    /// Seeds the initial weights and the in-memory shuffle.
    public var seed: UInt64 = 1
    /// X is held in memory when its records and the parameters fit under this many bytes, else streamed.
    public var memoryBytes: Int64 = 4 << 30

    /// Stanford GloVe's settings (the paper's): d 100, 25 epochs, x_max 100, alpha 0.75, eta 0.05.
    public init() {}

    /// Checks the values that cannot work, and that the model fits in memory for `words` words.
    /// Throws `SettingError` naming the first setting at fault.
    public func validate(words: Int? = nil) throws {
        if dimension < 1 { throw SettingError("dimension", "must be at least 1") }
        if epochs < 0 { throw SettingError("epochs", "must be at least 1 (0 only when continuing a model)") }
        if !(xMax > 0) || !xMax.isFinite { throw SettingError("xMax", "must be positive") }
        if !(alpha >= 0) || !alpha.isFinite { throw SettingError("alpha", "must be non-negative") }
        if !(eta > 0) || !eta.isFinite { throw SettingError("eta", "must be positive") }
        if !(biasEta > 0) || !biasEta.isFinite { throw SettingError("biasEta", "must be positive") }
        if !(gradClip > 0) { throw SettingError("gradClip", "must be positive") }
        if threads < 1 { throw SettingError("threads", "must be at least 1") }
        if memoryBytes < 1 { throw SettingError("memoryBytes", "must be positive") }
        if let words {
            // Word and context rows, each weights + accumulators, padded to whole SIMD blocks.
            let bytes = MemoryCheck.bytes(2 * words, 2 * GloVeLayout.stride(dimension: dimension), size: 4)
            try MemoryCheck.require(bytes, setting: "dimension", value: dimension,
                                    for: "for \(MemoryCheck.grouped(words)) words")
        }
    }

    /// The model settings a resumed run must share with its checkpoint, with their values as text.
    var modelSettings: [(String, String)] {
        [("dimension", "\(dimension)"), ("xMax", "\(xMax)"), ("alpha", "\(alpha)"), ("eta", "\(eta)"),
         ("biasEta", "\(biasEta)"), ("gradClip", "\(gradClip)"), ("seed", "\(seed)")]
    }
}

/// Which vectors a trained model gives out.
public enum OutputVectors: String, Codable, CaseIterable, Sendable {
    /// Word vectors w only.
    case w
    /// w + w~ (Stanford GloVe's default output).
    case wPlusC = "w+c"
}
