// Role: Adam's per-weight update and the squared gradient norm for Float weights, 4 lanes at a time on raw
// pointers (the classifier's and tagger's optimizer step); the same IEEE operations in the same order as
// one weight at a time, so the results are identical to the scalar loop.
import CKernels

/// Adam's elementwise step and the sum of squares it clips by, over Float buffers.
public enum AdamKernel {
    /// For `count` weights: g' = g scale, m = b1 m + (1 - b1) g', v = b2 v + (1 - b2) g'^2,
    /// p -= rate m / (sqrt(v) + eps).
    @inline(__always)
    public static func step(p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
                            v: UnsafeMutablePointer<Float>, count: Int, scale: Float, b1: Float, b2: Float, eps: Float,
                            rate: Float) {
        let c1 = 1 - b1, c2 = 1 - b2
        var i = 0
        while i &+ 4 <= count {
            let gi = load(g + i) * scale
            let mi = b1 * load(m + i) + c1 * gi
            let vi = b2 * load(v + i) + c2 * gi * gi
            store(m + i, mi); store(v + i, vi)
            store(p + i, load(p + i) - rate * mi / (embed_sqrt4(vi) + eps))
            i &+= 4
        }
        scalarStep(p: p + i, g: g + i, m: m + i, v: v + i, count: count - i, scale: scale, b1: b1, b2: b2, eps: eps,
                   rate: rate)
    }

    /// `step` one weight at a time, for any floating-point type (the vector tail, and Double weights).
    @inlinable @inline(__always)
    public static func scalarStep<T: BinaryFloatingPoint>(p: UnsafeMutablePointer<T>, g: UnsafePointer<T>,
                                                          m: UnsafeMutablePointer<T>, v: UnsafeMutablePointer<T>,
                                                          count: Int, scale: T, b1: T, b2: T, eps: T, rate: T) {
        let c1 = 1 - b1, c2 = 1 - b2
        for i in 0..<count {
            let gi = g[i] * scale
            let mi = b1 * m[i] + c1 * gi
            let vi = b2 * v[i] + c2 * gi * gi
            m[i] = mi; v[i] = vi
            p[i] -= rate * mi / (vi.squareRoot() + eps)
        }
    }

    /// The sum of x_i^2 over `count` values: 4 Float lanes over blocks of 1,024 values, each block's total added
    /// in Double (the clipping norm of a few hundred thousand gradients).
    public static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Double {
        var total = 0.0, i = 0
        while i < count {
            let end = min(count, i &+ 1024)
            var acc = SIMD4<Float>()
            while i &+ 4 <= end {
                let v = load(x + i)
                acc += v * v
                i &+= 4
            }
            var block = Double(acc.sum())
            while i < end { block += Double(x[i] * x[i]); i &+= 1 }
            total += block
        }
        return total
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD4<Float> { load(UnsafePointer(p)) }

    @inline(__always)
    static func store(_ p: UnsafeMutablePointer<Float>, _ value: SIMD4<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD4<Float>.self)
    }
}
