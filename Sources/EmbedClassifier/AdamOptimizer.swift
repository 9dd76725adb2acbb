// Role: Adam (Keras' formulation and defaults) with clipping by global gradient norm and optional decoupled
// weight decay (AdamW), over the network's
// parameter vector and, when the embedding is fine-tuned, lazily over the embedding rows a batch touched.
import EmbedCore
import Foundation

/// Adam's hyper-parameters (Keras' formulation and defaults), with clipping by global gradient norm.
public struct AdamSettings: Codable, Equatable, Sendable {
    /// The step size alpha (0.001).
    public var learningRate = 0.001
    /// The decay rate of the first-moment (mean) estimate (0.9).
    public var beta1 = 0.9
    /// The decay rate of the second-moment (uncentred variance) estimate (0.999).
    public var beta2 = 0.999
    /// The constant added to the root of the second moment to avoid division by zero (1e-7, Keras' value).
    public var epsilon = 1e-7
    /// Rescale the whole gradient when its global L2 norm exceeds this (nil or 0: no clipping).
    public var clipNorm: Double? = 5
    /// Decoupled weight decay (AdamW): each step first shrinks every weight by learningRate x weightDecay of
    /// itself (0: plain Adam). The embedding rows are not decayed.
    public var weightDecay = 0.0
    /// Step size of the fine-tuned embedding rows (nil: `learningRate`).
    public var embeddingLearningRate: Double? = nil
    /// Keras' defaults, clipped at global norm 5.
    public init() {}

    enum CodingKeys: String, CodingKey { case learningRate, beta1, beta2, epsilon, clipNorm, weightDecay, embeddingLearningRate }

    /// Reads stored settings; files from before weight decay and the embedding rate have neither (0 and nil).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        learningRate = try c.decode(Double.self, forKey: .learningRate)
        beta1 = try c.decode(Double.self, forKey: .beta1)
        beta2 = try c.decode(Double.self, forKey: .beta2)
        epsilon = try c.decode(Double.self, forKey: .epsilon)
        clipNorm = try c.decodeIfPresent(Double.self, forKey: .clipNorm)
        weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0
        embeddingLearningRate = try c.decodeIfPresent(Double.self, forKey: .embeddingLearningRate)
    }

    /// Throws a `SettingError` for a value that cannot work.
    public func validate() throws {
        if !(learningRate > 0) || !learningRate.isFinite { throw SettingError("learningRate", "must be positive") }
        if !(beta1 >= 0 && beta1 < 1) { throw SettingError("beta1", "must be in [0, 1)") }
        if !(beta2 >= 0 && beta2 < 1) { throw SettingError("beta2", "must be in [0, 1)") }
        if !(epsilon > 0) { throw SettingError("epsilon", "must be positive") }
        if let c = clipNorm, !(c >= 0) || !c.isFinite { throw SettingError("clipNorm", "must be 0 (off) or positive") }
        if !(weightDecay >= 0) || !weightDecay.isFinite { throw SettingError("weightDecay", "must be 0 (off) or positive") }
        if let r = embeddingLearningRate, !(r > 0) || !r.isFinite {
            throw SettingError("embeddingLearningRate", "must be positive")
        }
    }
}

/// Adam over one parameter vector and its gradient vector (plus, optionally, the rows of an embedding table
/// a batch touched, updated lazily).
public final class AdamOptimizer<T: NetworkScalar> {
    /// The hyper-parameters.
    public let settings: AdamSettings
    /// Updates made so far.
    public var step: Int { steps }
    @usableFromInline var steps = 0
    @usableFromInline let parameters: UnsafeMutableBufferPointer<T>
    @usableFromInline let gradients: UnsafeMutableBufferPointer<T>
    /// The trained embedding table, when there is one.
    @usableFromInline let table: EmbeddingTable<T>?
    /// Keeps the owner of the buffers alive.
    private let owner: AnyObject?
    @usableFromInline let m: UnsafeMutableBufferPointer<T>, v: UnsafeMutableBufferPointer<T>
    @usableFromInline var embeddingM: UnsafeMutablePointer<T>?, embeddingV: UnsafeMutablePointer<T>?

    /// Adam over the classifier's weights (and its embedding rows when they are trained).
    public convenience init(network: Network<T>, settings: AdamSettings) {
        self.init(parameters: network.parameters, gradients: network.gradients,
                  sparseTable: network.shape.trainEmbeddings ? network.embedding : nil, owner: network, settings: settings)
    }

    /// Adam over `parameters` (updated from `gradients`, of the same length) and, when given, the rows of
    /// `sparseTable` its last sparse gradient touched. `owner` (kept alive) owns the buffers.
    public init(parameters: UnsafeMutableBufferPointer<T>, gradients: UnsafeMutableBufferPointer<T>,
                sparseTable: EmbeddingTable<T>? = nil, owner: AnyObject?, settings: AdamSettings) {
        precondition(parameters.count == gradients.count)
        self.parameters = parameters
        self.gradients = gradients
        table = sparseTable
        self.owner = owner
        self.settings = settings
        m = .allocate(capacity: parameters.count); m.initialize(repeating: 0)
        v = .allocate(capacity: parameters.count); v.initialize(repeating: 0)
        if let table = sparseTable {
            let n = table.rows * table.dimension
            embeddingM = .allocate(capacity: n); embeddingM!.initialize(repeating: 0, count: n)
            embeddingV = .allocate(capacity: n); embeddingV!.initialize(repeating: 0, count: n)
        }
    }

    deinit {
        m.deallocate(); v.deallocate()
        embeddingM?.deallocate(); embeddingV?.deallocate()
    }

    /// L2 norm of every gradient of the last backward pass (weights and touched embedding rows).
    @inlinable
    public func gradientNorm() -> Double {
        var sum = T.sumOfSquares(gradients.baseAddress!, count: gradients.count)
        if let table {
            for slot in 0..<table.touchedRows.count {
                sum += T.sumOfSquares(table.gradient(slot: slot), count: table.dimension)
            }
        }
        return sum.squareRoot()
    }

    /// One Adam step from the network's current gradients; returns the gradient norm before clipping.
    @inlinable @discardableResult
    public func update() -> Double {
        let norm = gradientNorm()
        var scale: T = 1
        if let clip = settings.clipNorm, clip > 0, norm > clip { scale = T(clip / norm) }
        steps += 1
        let b1 = T(settings.beta1), b2 = T(settings.beta2), eps = T(settings.epsilon)
        let correction = (1 - pow(settings.beta2, Double(steps))).squareRoot() / (1 - pow(settings.beta1, Double(steps)))
        let rate = T(settings.learningRate * correction)
        let p = parameters.baseAddress!, g = gradients.baseAddress!
        if settings.weightDecay > 0 {
            let shrink = 1 - T(settings.learningRate * settings.weightDecay)
            for i in 0..<parameters.count { p[i] *= shrink }
        }
        T.adamStep(p: p, g: g, m: m.baseAddress!, v: v.baseAddress!, count: parameters.count,
                   scale: scale, b1: b1, b2: b2, eps: eps, rate: rate)
        if let em = embeddingM, let ev = embeddingV, let table {
            let d = table.dimension
            let rate = settings.embeddingLearningRate.map { T($0 * correction) } ?? rate
            for (slot, row) in table.touchedRows.enumerated() {
                let o = Int(row) * d
                T.adamStep(p: table.values + o, g: table.gradient(slot: slot), m: em + o, v: ev + o, count: d,
                           scale: scale, b1: b1, b2: b2, eps: eps, rate: rate)
            }
        }
        return norm
    }
}
