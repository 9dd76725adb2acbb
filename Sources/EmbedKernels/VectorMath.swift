// Role: SIMD vector primitives on raw Float pointers (dot, axpy, scale, norms) shared by every hot loop.
// Callers pass pointers; nothing here allocates.
import EmbedCore

/// SIMD primitives on raw Float pointers (dot products, axpy, scaling, norms) shared by every hot loop.
public enum VectorMath {
    /// sum x[i] * y[i]
    @inline(__always)
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float {
        var i = 0
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>()
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        while i + 16 <= n {
            a0 += rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            a1 += rx.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
                * ry.loadUnaligned(fromByteOffset: (i + 8) * 4, as: SIMD8<Float>.self)
            i += 16
        }
        if i + 8 <= n {
            a0 += rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var s = (a0 + a1).sum()
        while i < n { s += x[i] * y[i]; i += 1 }
        return s
    }

    /// y += a * x
    @inline(__always)
    public static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let va = SIMD8<Float>(repeating: a)
        let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
        while i + 8 <= n {
            let v = ry.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                + va * rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            ry.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n { y[i] += a * x[i]; i += 1 }
    }

    /// x *= a
    @inline(__always)
    public static func scale(_ x: UnsafeMutablePointer<Float>, _ a: Float, _ n: Int) {
        for i in 0..<n { x[i] *= a }
    }

    /// x = 0
    @inline(__always)
    public static func zero(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        x.update(repeating: 0, count: n)
    }

    /// Euclidean norm.
    @inline(__always)
    public static func norm(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        dot(x, x, n).squareRoot()
    }

    /// Scales each row of a rows x n matrix to unit length (zero rows stay zero).
    public static func normalizeRows(_ m: UnsafeMutablePointer<Float>, rows: Int, _ n: Int) {
        for r in 0..<rows {
            let row = m + r * n
            let len = norm(row, n)
            if len > 0 { scale(row, 1 / len, n) }
        }
    }
}
