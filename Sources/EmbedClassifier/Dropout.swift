// Role: inverted dropout on raw rows: while training, each value is zeroed with probability p or scaled by
// 1/(1-p), and the same mask scales the gradient on the way back; at inference it is the identity.
import EmbedCore
import EmbedKernels

/// Inverted dropout over raw rows, with the mask kept for the backward pass.
public final class Dropout<T: NetworkScalar> {
    /// Probability of zeroing a value.
    public let rate: Double
    @usableFromInline let mask = Scratch<T>()
    @usableFromInline var active = false

    /// Dropout at `rate` (0: the identity).
    public init(rate: Double) { self.rate = rate }

    /// Applies a fresh mask to n values in place when training (and rate > 0); otherwise leaves them.
    @inlinable
    public func forward(_ x: UnsafeMutablePointer<T>, count n: Int, training: Bool, random: inout FastRandom) {
        active = training && rate > 0
        guard active else { return }
        let m = mask.reserve(n)
        let keep = T(1 / (1 - rate)), threshold = Float(rate)
        for i in 0..<n {
            let v: T = random.nextFloat() < threshold ? 0 : keep
            m[i] = v
            x[i] *= v
        }
    }

    /// Multiplies n gradient values by the mask of the last forward pass.
    @inlinable
    public func backward(_ dx: UnsafeMutablePointer<T>, count n: Int) {
        guard active else { return }
        let m = mask.pointer
        for i in 0..<n { dx[i] *= m[i] }
    }
}
