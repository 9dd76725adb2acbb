// Role: the GloVe trainer's settings (model size, weighting function, AdaGrad, threads, memory, checkpoints)
// with Stanford GloVe's defaults.
import Foundation

public struct GloVeOptions: Equatable, Sendable {
    /// Vector length d.
    public var dimension = 100
    /// Passes over the non-zero X_ij.
    public var epochs = 25
    /// f(x) = (x / xMax)^alpha below xMax, else 1.
    public var xMax = 100.0
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
    /// Save a checkpoint every this many epochs (nil: only when interrupted, if a path is set).
    public var checkpointEvery: Int? = nil
    /// Where checkpoints go (nil: no checkpoints at all).
    public var checkpointPath: String? = nil

    public init() {}

    /// Checks the values a user can get wrong; the message names the option.
    public func validate() throws -> Void {
        func fail(_ m: String) throws { throw GloVeError.invalidOption(m) }
        if dimension < 1 { try fail("--dim must be at least 1") }
        if epochs < 1 { try fail("--epochs must be at least 1") }
        if !(xMax > 0) || !xMax.isFinite { try fail("--x-max must be positive") }
        if !(alpha >= 0) || !alpha.isFinite { try fail("--alpha must be non-negative") }
        if !(eta > 0) || !eta.isFinite { try fail("--eta must be positive") }
        if !(biasEta > 0) || !biasEta.isFinite { try fail("--bias-eta must be positive") }
        if !(gradClip > 0) { try fail("--grad-clip must be positive") }
        if threads < 1 { try fail("--threads must be at least 1") }
        if memoryBytes < 1 { try fail("--memory must be positive") }
        if let n = checkpointEvery, n < 1 { try fail("--checkpoint-every must be at least 1") }
    }
}

/// Which vectors a trained model gives out.
public enum OutputVectors: String, CaseIterable, Sendable {
    /// Word vectors w only.
    case w
    /// w + w~ (Stanford GloVe's default output).
    case wPlusC = "w+c"
}

public enum GloVeError: Error, CustomStringConvertible, Equatable {
    case invalidOption(String)
    /// The cost became NaN or infinite during `epoch` (1-based).
    case diverged(epoch: Int, cost: Double)
    case checkpointMismatch(String)

    public var description: String {
        switch self {
        case .invalidOption(let m): return m
        case let .diverged(epoch, cost):
            return "training diverged: the cost became \(cost) in epoch \(epoch); nothing was written (try a smaller --eta or --grad-clip)"
        case .checkpointMismatch(let m): return "cannot resume: \(m)"
        }
    }
}
