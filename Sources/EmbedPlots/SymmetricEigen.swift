// Role: eigenvalues and eigenvectors of a small real symmetric matrix by cyclic Jacobi rotations
// (exact to rounding, no dependency; sizes here are at most a few hundred).
import EmbedCore
import Foundation

enum SymmetricEigen {
    /// `matrix` is n x n row-major and symmetric. Returns the eigenvalues in descending order and the
    /// matching unit eigenvectors (vectors[i] belongs to values[i]).
    static func decompose(_ matrix: [Double], n: Int) -> (values: [Double], vectors: [[Double]]) {
        precondition(matrix.count == n * n, "matrix must be n x n")
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let scale = a.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<(n > 1 ? 100 : 0) {
            var off = 0.0
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += a[p * n + q] * a[p * n + q] } }
            if off <= scale * 1e-30 || off == 0 { break }
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    // Rotation angle phi with cot(2 phi) = theta zeroes a[p][q]; t = tan(phi), the smaller root.
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = abs(theta) > 1e150 ? 1 / (2 * theta)
                        : (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {       // A <- A J (columns p, q)
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {       // A <- J^T A (rows p, q)
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {       // V <- V J: columns of V are the eigenvectors
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] > a[$1 * n + $1] }
        return (order.map { a[$0 * n + $0] }, order.map { col in (0..<n).map { v[$0 * n + col] } })
    }
}
