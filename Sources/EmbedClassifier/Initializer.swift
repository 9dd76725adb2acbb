// Role: seeded weight initialisation (Glorot uniform, orthogonal blocks), drawn in Double so a Float and a
// Double network built from the same seed hold the same weights up to rounding.
import EmbedCore
import Foundation
import EmbedKernels

/// Seeded weight initialisation shared by the networks of the library.
public struct Initializer {
    private var random: FastRandom

    /// An initializer drawing from `seed`.
    public init(seed: UInt64) { random = FastRandom(seed: seed) }

    /// Standard normal (Box-Muller).
    public mutating func normal() -> Double {
        let u = max(random.nextDouble(), 1e-300), v = random.nextDouble()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }

    /// `count` values uniform in +-limit (embedding tables).
    public mutating func uniform<T: NetworkScalar>(_ p: UnsafeMutablePointer<T>, count: Int, limit: Double) {
        for i in 0..<count { p[i] = T((random.nextDouble() * 2 - 1) * limit) }
    }

    /// rows x columns values (row stride `stride`) uniform in +-sqrt(6 / (fanIn + fanOut)).
    public mutating func glorotUniform<T: NetworkScalar>(_ p: UnsafeMutablePointer<T>, rows: Int, columns: Int,
                                                  stride: Int, fanIn: Int, fanOut: Int) {
        let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
        for r in 0..<rows {
            for c in 0..<columns { p[r * stride + c] = T((random.nextDouble() * 2 - 1) * limit) }
        }
    }

    /// A rows x columns matrix (row stride `stride`, rows >= columns) whose columns are orthonormal, as Keras'
    /// `Orthogonal` gives the recurrent kernel of all gates at once: Gram-Schmidt on Gaussian vectors.
    public mutating func orthogonalColumns<T: NetworkScalar>(_ p: UnsafeMutablePointer<T>, rows: Int, columns: Int,
                                                      stride: Int) {
        precondition(rows >= columns)
        let n = rows
        // Column k at q[k * n ..< (k + 1) * n], in one buffer walked by pointer.
        let q = UnsafeMutablePointer<Double>.allocate(capacity: columns * n)
        defer { q.deallocate() }
        var k = 0
        while k < columns {
            let qk = q + k * n
            for i in 0..<n { qk[i] = normal() }
            // Twice-repeated modified Gram-Schmidt keeps the columns orthogonal to rounding error.
            for _ in 0..<2 {
                for j in 0..<k {
                    let qj = q + j * n
                    var d = 0.0
                    for i in 0..<n { d += qk[i] * qj[i] }
                    for i in 0..<n { qk[i] -= d * qj[i] }
                }
            }
            var len = 0.0
            for i in 0..<n { len += qk[i] * qk[i] }
            len = len.squareRoot()
            if len < 1e-8 { continue }          // a (practically impossible) dependent draw: draw again
            for i in 0..<n { qk[i] /= len }
            k += 1
        }
        for i in 0..<n { for c in 0..<columns { p[i * stride + c] = T(q[c * n + i]) } }
    }
}
