// Role: the number type the network is generic over: Float for training (sgemm, SIMD activations) and Double
// as the reference path the gradient checks use (dgemm, libm), with one copy of the layer code.
import EmbedCore
import Foundation
import EmbedKernels

/// The number type the classifier network is generic over: Float for training (sgemm, SIMD activations),
/// Double for the gradient checks' reference path (dgemm, libm).
public protocol NetworkScalar: BinaryFloatingPoint {
    /// C = alpha op(A) op(B) + beta C, row-major with explicit leading dimensions.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// x = 1 / (1 + e^-x) in place.
    static func sigmoid(_ x: UnsafeMutablePointer<Self>, count: Int)
    /// x = tanh(x) in place.
    static func tanh(_ x: UnsafeMutablePointer<Self>, count: Int)
    /// e^x.
    static func exp(_ x: Self) -> Self
    /// The natural logarithm of x.
    static func log(_ x: Self) -> Self
    /// The square root of x.
    static func sqrt(_ x: Self) -> Self
    /// Adam's step for `count` weights: g' = g scale, m = b1 m + (1 - b1) g', v = b2 v + (1 - b2) g'^2,
    /// p -= rate m / (sqrt(v) + eps).
    static func adamStep(p: UnsafeMutablePointer<Self>, g: UnsafePointer<Self>, m: UnsafeMutablePointer<Self>,
                         v: UnsafeMutablePointer<Self>, count: Int, scale: Self, b1: Self, b2: Self, eps: Self, rate: Self)
    /// The sum of x_i^2 over `count` values, in Double.
    static func sumOfSquares(_ x: UnsafePointer<Self>, count: Int) -> Double
}

extension Float: NetworkScalar {
    /// C = alpha op(A) op(B) + beta C in single precision, through OpenBLAS's sgemm.
    @inline(__always)
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        Matrix.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                    b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    /// x = 1 / (1 + e^-x) in place, with the SIMD8 polynomial kernel (relative error ~2e-7).
    @inline(__always)
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) {
        RecurrentActivations.sigmoid(x, count: count)
    }
    /// x = tanh(x) in place, with the SIMD8 polynomial kernel.
    @inline(__always)
    public static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) {
        RecurrentActivations.tanh(x, count: count)
    }
    /// e^x, from libm.
    /// The square root of x.
    /// The natural logarithm of x, from libm.
    @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) public static func sqrt(_ x: Float) -> Float { x.squareRoot() }
    /// Adam's step, 4 lanes at a time (`AdamKernel`; the same results as one weight at a time).
    @inline(__always)
    public static func adamStep(p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
                                v: UnsafeMutablePointer<Float>, count: Int, scale: Float, b1: Float, b2: Float,
                                eps: Float, rate: Float) {
        AdamKernel.step(p: p, g: g, m: m, v: v, count: count, scale: scale, b1: b1, b2: b2, eps: eps, rate: rate)
    }
    /// The sum of squares, 4 lanes at a time in blocks added in Double (`AdamKernel`).
    @inline(__always)
    public static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Double {
        AdamKernel.sumOfSquares(x, count: count)
    }
}

extension Double: NetworkScalar {
    /// C = alpha op(A) op(B) + beta C in double precision (the reference path of the gradient checks).
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        RecurrentActivations.dgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                   b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    /// x = 1 / (1 + e^-x) in place, one value at a time with libm's exp.
    public static func sigmoid(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = 1 / (1 + Foundation.exp(-x[i])) }
    }
    /// x = tanh(x) in place, one value at a time with libm's tanh.
    public static func tanh(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = Foundation.tanh(x[i]) }
    }
    /// e^x, from libm.
    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    /// The natural logarithm of x, from libm.
    public static func log(_ x: Double) -> Double { Foundation.log(x) }
    /// The square root of x.
    public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
    /// Adam's step, one weight at a time.
    public static func adamStep(p: UnsafeMutablePointer<Double>, g: UnsafePointer<Double>, m: UnsafeMutablePointer<Double>,
                                v: UnsafeMutablePointer<Double>, count: Int, scale: Double, b1: Double, b2: Double,
                                eps: Double, rate: Double) {
        AdamKernel.scalarStep(p: p, g: g, m: m, v: v, count: count, scale: scale, b1: b1, b2: b2, eps: eps, rate: rate)
    }
    /// The sum of squares, one value at a time.
    public static func sumOfSquares(_ x: UnsafePointer<Double>, count: Int) -> Double {
        var sum = 0.0
        for i in 0..<count { sum += x[i] * x[i] }
        return sum
    }
}

/// A growable scratch array of T on raw memory: `reserve(n)` reallocates (without keeping the contents) only
/// when n exceeds the capacity, so a training loop allocates while batch shapes grow and then never again.
public final class Scratch<T: NetworkScalar> {
    /// The values (`capacity` of them, zero when first allocated).
    public private(set) var pointer: UnsafeMutablePointer<T>
    /// Values allocated.
    public private(set) var capacity: Int

    /// A scratch array of at least one value.
    public init(_ capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
        pointer.initialize(repeating: 0, count: self.capacity)
    }

    deinit { pointer.deallocate() }

    /// At least `n` values (contents lost when it grows).
    @discardableResult
    public func reserve(_ n: Int) -> UnsafeMutablePointer<T> {
        if n > capacity {
            pointer.deallocate()
            capacity = max(n, capacity + capacity / 2)
            pointer = .allocate(capacity: capacity)
            pointer.initialize(repeating: 0, count: capacity)
        }
        return pointer
    }

    /// Sets the first `n` values to zero.
    public func zero(_ n: Int) { pointer.update(repeating: 0, count: n) }
}
