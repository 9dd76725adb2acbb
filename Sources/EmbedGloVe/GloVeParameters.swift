// Role: the model's parameters: word and context vectors, biases and AdaGrad accumulators in one aligned
// block laid out for the kernel (GloVeLayout), their initialisation, the exact cost J and the output vectors.
import EmbedCore
import Foundation
import EmbedKernels

/// A GloVe model's parameters: word and context vectors, their biases and AdaGrad accumulators in one aligned
/// block laid out for the training kernel (see `GloVeLayout`).
public final class GloVeParameters: @unchecked Sendable {
    /// Where each row, bias and accumulator sits in `block`.
    public let layout: GloVeLayout
    /// layout.totalFloats floats, 64-byte aligned (on huge pages where the system gives them: the records hit
    /// its rows at random); shared by the training threads.
    public let block: UnsafeMutablePointer<Float>
    private let storage: LargeAllocation

    /// Weights uniform in [-0.5, 0.5] / d (biases too), accumulators 1: Stanford GloVe's start.
    /// `words` word and context rows of `dimension` weights, drawn from `seed`.
    public init(words: Int, dimension: Int, seed: UInt64) {
        layout = GloVeLayout(dimension: dimension, words: words)
        storage = LargeAllocation(bytes: layout.totalFloats * 4)
        block = storage.pointer(to: Float.self)
        var random = FastRandom(seed: seed)
        let scale = 1 / Float(dimension)
        for row in 0..<(2 * words) {
            let base = block + row * layout.rowFloats
            for k in 0...dimension { base[k] = (random.nextFloat() - 0.5) * scale }
            (base + layout.stride).update(repeating: 1, count: layout.stride)
        }
        for i in 0..<words {
            let w = block + layout.word(i), c = block + layout.context(i)
            // Constant lanes: a word row's bias pairs with the context row's 1 and vice versa.
            c[dimension + 1] = c[dimension]
            c[dimension] = 1
            w[dimension + 1] = 1
        }
    }

    /// The number of words (each has a word row and a context row).
    public var words: Int { layout.words }
    /// The vector dimension d.
    public var dimension: Int { layout.dimension }

    /// Word vector w_i (pointer to d floats).
    public func word(_ i: Int) -> UnsafeMutablePointer<Float> { block + layout.word(i) }
    /// Context vector w~_j.
    public func context(_ j: Int) -> UnsafeMutablePointer<Float> { block + layout.context(j) }
    /// The bias b_i of word row i.
    public func wordBias(_ i: Int) -> Float { word(i)[dimension] }
    /// The bias b~_j of context row j.
    public func contextBias(_ j: Int) -> Float { context(j)[dimension + 1] }
    /// AdaGrad accumulators of word row i (lane k as in the weights).
    public func wordAccumulators(_ i: Int) -> UnsafeMutablePointer<Float> { word(i) + layout.stride }
    /// AdaGrad accumulators of context row j (lane k as in the weights).
    public func contextAccumulators(_ j: Int) -> UnsafeMutablePointer<Float> { context(j) + layout.stride }

    /// w_i . w~_j + b_i + b~_j - log X_ij for a record.
    public func residual(_ r: GloVeKernel.Record) -> Double {
        let w = word(Int(r.i)), c = context(Int(r.j))
        var s = Double(wordBias(Int(r.i))) + Double(contextBias(Int(r.j))) - Double(r.logX)
        for k in 0..<dimension { s += Double(w[k]) * Double(c[k]) }
        return s
    }

    /// J = sum f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2 at the current parameters (double precision).
    public func cost(_ records: UnsafeBufferPointer<GloVeKernel.Record>) -> Double {
        var j = 0.0
        for r in records {
            let e = residual(r)
            j += Double(r.weight) * e * e
        }
        return j
    }

    /// The output matrix (words x d, row-major): w, or w + w~.
    public func vectors(_ which: OutputVectors) -> [Float] {
        let d = dimension
        var out = [Float](repeating: 0, count: words * d)
        out.withUnsafeMutableBufferPointer { o in
            for i in 0..<words {
                let dst = o.baseAddress! + i * d
                dst.update(from: word(i), count: d)
                if which == .wPlusC { VectorMath.axpy(1, context(i), dst, d) }
            }
        }
        return out
    }

    /// Copies every value (weights, biases, accumulators) from another model of the same layout.
    public func copy(from other: GloVeParameters) {
        precondition(other.layout.totalFloats == layout.totalFloats && other.dimension == dimension)
        block.update(from: other.block, count: layout.totalFloats)
    }

    /// The raw block as bytes (for checkpoints and byte-for-byte comparisons).
    public var bytes: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: block, count: layout.totalFloats * 4)
    }
}
