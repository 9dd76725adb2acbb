// Role: seeded weight initialisation (Glorot uniform, orthogonal blocks), drawn in Double so a Float and a
// Double network built from the same seed hold the same weights up to rounding.
import Foundation
import Kernels

public struct Initializer {
    private var random: FastRandom

    public init(seed: UInt64) { random = FastRandom(seed: seed) }

    /// Standard normal (Box-Muller).
    mutating func normal() -> Double {
        let u = max(random.nextDouble(), 1e-300), v = random.nextDouble()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }

    /// rows x columns values (row stride `stride`) uniform in +-sqrt(6 / (fanIn + fanOut)).
    mutating func glorotUniform<T: NetworkScalar>(_ p: UnsafeMutablePointer<T>, rows: Int, columns: Int,
                                                  stride: Int, fanIn: Int, fanOut: Int) {
        let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
        for r in 0..<rows {
            for c in 0..<columns { p[r * stride + c] = T((random.nextDouble() * 2 - 1) * limit) }
        }
    }

    /// A size x size orthogonal matrix (row stride `stride`): Gram-Schmidt on Gaussian rows.
    mutating func orthogonal<T: NetworkScalar>(_ p: UnsafeMutablePointer<T>, size n: Int, stride: Int) {
        var q = [Double](repeating: 0, count: n * n)
        var r = 0
        while r < n {
            for c in 0..<n { q[r * n + c] = normal() }
            // Twice-repeated modified Gram-Schmidt keeps the rows orthogonal to rounding error.
            for _ in 0..<2 {
                for k in 0..<r {
                    var d = 0.0
                    for c in 0..<n { d += q[r * n + c] * q[k * n + c] }
                    for c in 0..<n { q[r * n + c] -= d * q[k * n + c] }
                }
            }
            var len = 0.0
            for c in 0..<n { len += q[r * n + c] * q[r * n + c] }
            len = len.squareRoot()
            if len < 1e-8 { continue }          // a (practically impossible) dependent draw: draw again
            for c in 0..<n { q[r * n + c] /= len }
            r += 1
        }
        for i in 0..<n { for c in 0..<n { p[i * stride + c] = T(q[i * n + c]) } }
    }
}
