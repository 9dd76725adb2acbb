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
