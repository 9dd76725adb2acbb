// Role: the recurrent classifier's elementwise kernels: SIMD8 logistic sigmoid and tanh in place on raw Float
// pointers (a Cephes-style polynomial exp, relative error ~2e-7), plus a double-precision gemm for checks.
import CBLAS
import EmbedCore

/// The recurrent classifier's elementwise activations (sigmoid, tanh) in place on Float buffers, 8 lanes at a time,
/// and a double-precision gemm for gradient checks.
public enum RecurrentActivations {
    /// e^x for 8 lanes; inputs are clamped to the range where the result is a normal Float.
    @inline(__always)
    static func exp8(_ v: SIMD8<Float>) -> SIMD8<Float> {
        // Clamp with compare-and-select: `clamped` goes through generic pointwise min/max, lane by lane.
        let upper = SIMD8<Float>(repeating: 88.0), lower = SIMD8<Float>(repeating: -87.0)
        let below = upper.replacing(with: v, where: v .< upper)
        var x = lower.replacing(with: below, where: below .> lower)
        // n = round(x / ln 2) by the 1.5 * 2^23 shifter: t's low mantissa bits hold n as an integer, so the
        // exponent field 2^n is built without a (non-inlined, generic) Float -> Int32 conversion.
        let t = x * 1.442_695_04 + 12_582_912.0
        let n = t - 12_582_912.0
        x = x - n * 0.693_359_375 + n * 2.121_944_4e-4       // x - n ln 2 in two parts (Cody-Waite)
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = p * x + 1.398_199_95e-3
        p = p * x + 8.333_451_9e-3
        p = p * x + 4.166_579_6e-2
        p = p * x + 1.666_666_55e-1
        p = p * x + 5.000_000_12e-1
        p = p * (x * x) + x + 1
        let exponent = (unsafeBitCast(t, to: SIMD8<Int32>.self) &- (0x4B40_0000 - 127)) &<< 23
        return p * unsafeBitCast(exponent, to: SIMD8<Float>.self)
    }

    @inline(__always)
    static func sigmoid8(_ x: SIMD8<Float>) -> SIMD8<Float> { 1 / (1 + exp8(-x)) }

    @inline(__always)
    static func tanh8(_ x: SIMD8<Float>) -> SIMD8<Float> { 2 / (1 + exp8(-2 * x)) - 1 }

    /// Applies `f` to n values in place, 8 at a time; the tail goes through a zero-padded vector.
    @inline(__always)
    static func apply(_ p: UnsafeMutablePointer<Float>, _ n: Int, _ f: (SIMD8<Float>) -> SIMD8<Float>) {
        let raw = UnsafeMutableRawPointer(p)
        var i = 0
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            raw.storeBytes(of: f(v), toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        if i < n {
            var v = SIMD8<Float>()
            for j in 0..<(n - i) { v[j] = p[i + j] }
            let r = f(v)
            for j in 0..<(n - i) { p[i + j] = r[j] }
        }
    }

    /// x = 1 / (1 + e^-x), n values in place.
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count n: Int) { apply(x, n, sigmoid8) }

    /// x = tanh(x), n values in place.
    public static func tanh(_ x: UnsafeMutablePointer<Float>, count n: Int) { apply(x, n, tanh8) }

    /// dst = tanh(src), n values.
    public static func tanh(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count n: Int) {
        dst.update(from: src, count: n)
        apply(dst, n, tanh8)
    }

    /// Double-precision C = alpha op(A) op(B) + beta C, row-major (reference path for gradient checks).
    public static func dgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                             a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                             beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
