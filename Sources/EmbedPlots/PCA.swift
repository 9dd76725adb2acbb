// Role: principal component analysis of a few vectors: centre them, diagonalize the smaller of the
// Gram (n x n) and covariance (d x d) matrices, and return each row's coordinates on the top components.
import EmbedCore
import Foundation

/// The rows' coordinates on their top principal components, and each component's share of the variance.
public struct PCAProjection {
    /// coordinates[i][c]: row i on component c (c < components).
    public let coordinates: [[Double]]
    /// Fraction of the total variance along each returned component (0...1).
    public let explainedVariance: [Double]
}

/// Principal component analysis of a few vectors (through the smaller of the Gram and covariance matrices).
public enum PCA {
    /// Projects `rows` (all of equal length) onto their top `components` principal components.
    /// Signs are fixed so that on each component the row farthest from the mean (the first of equals) is positive.
    /// Components beyond the rank of the data come out as zeros.
    public static func project(rows: [[Double]], components: Int = 2) -> PCAProjection {
        let n = rows.count
        let d = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == d }, "PCA rows must have equal length")
        guard n > 0, d > 0 else {
            return PCAProjection(coordinates: rows.map { _ in [Double](repeating: 0, count: components) },
                                 explainedVariance: [Double](repeating: 0, count: components))
        }
        var mean = [Double](repeating: 0, count: d)
        for r in rows { for j in 0..<d { mean[j] += r[j] } }
        for j in 0..<d { mean[j] /= Double(n) }
        let centred = rows.map { r in (0..<d).map { r[$0] - mean[$0] } }

        var coordinates = [[Double]](repeating: [Double](repeating: 0, count: components), count: n)
        let eigenvalues: [Double]
        if n <= d {
            // Xc = U S V^T; Gram = Xc Xc^T = U S^2 U^T, scores = Xc V = U S.
            var gram = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for k in i..<n {
                var s = 0.0
                for j in 0..<d { s += centred[i][j] * centred[k][j] }
                gram[i * n + k] = s; gram[k * n + i] = s
            } }
            let (values, vectors) = SymmetricEigen.decompose(gram, n: n)
            eigenvalues = values
            for c in 0..<min(components, n) {
                let sigma = max(values[c], 0).squareRoot()
                for i in 0..<n { coordinates[i][c] = vectors[c][i] * sigma }
            }
        } else {
            // Covariance (unscaled) Xc^T Xc = V S^2 V^T, scores = Xc V.
            var cov = [Double](repeating: 0, count: d * d)
            for r in centred { for a in 0..<d where r[a] != 0 { for b in a..<d { cov[a * d + b] += r[a] * r[b] } } }
            for a in 0..<d { for b in 0..<a { cov[a * d + b] = cov[b * d + a] } }
            let (values, vectors) = SymmetricEigen.decompose(cov, n: d)
            eigenvalues = values
            for c in 0..<min(components, d) where values[c] > 0 {
                for i in 0..<n {
                    var s = 0.0
                    for j in 0..<d { s += centred[i][j] * vectors[c][j] }
                    coordinates[i][c] = s
                }
            }
        }
        let total = eigenvalues.reduce(0) { $0 + max($1, 0) }
        var explained = [Double](repeating: 0, count: components)
        for c in 0..<min(components, eigenvalues.count) where total > 0 {
            explained[c] = max(eigenvalues[c], 0) / total
            // Deterministic sign: the largest-magnitude coordinate is positive (ties, up to rounding: the first).
            let largest = coordinates.map { abs($0[c]) }.max() ?? 0
            let far = coordinates.firstIndex { abs($0[c]) >= largest * (1 - 1e-9) } ?? 0
            if coordinates[far][c] < 0 { for i in 0..<n { coordinates[i][c] = -coordinates[i][c] } }
        }
        return PCAProjection(coordinates: coordinates, explainedVariance: explained)
    }
}
