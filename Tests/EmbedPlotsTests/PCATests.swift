// Role: tests the Jacobi eigen-solver and PCA against hand-computed cases (points on a line, an axis-aligned
// cross, a known 3x3 spectrum) and the eigen equations on a random symmetric matrix.
import EmbedCore
import XCTest
@testable import EmbedPlots
import EmbedKernels

final class PCATests: XCTestCase {
    func testKnownSpectrum() {
        // [[2,1,0],[1,2,0],[0,0,5]]: eigenvalues 5, 3, 1 with vectors e3, (1,1,0)/sqrt2, (1,-1,0)/sqrt2.
        let (values, vectors) = SymmetricEigen.decompose([2, 1, 0, 1, 2, 0, 0, 0, 5], n: 3)
        XCTAssertEqual(values[0], 5, accuracy: 1e-12)
        XCTAssertEqual(values[1], 3, accuracy: 1e-12)
        XCTAssertEqual(values[2], 1, accuracy: 1e-12)
        let r = 1 / 2.0.squareRoot()
        XCTAssertEqual(abs(vectors[0][2]), 1, accuracy: 1e-12)
        XCTAssertEqual(abs(vectors[1][0]), r, accuracy: 1e-12)
        XCTAssertEqual(vectors[1][0] * vectors[1][1], 0.5, accuracy: 1e-12, "same sign: (1,1,0)")
        XCTAssertEqual(vectors[2][0] * vectors[2][1], -0.5, accuracy: 1e-12, "opposite signs: (1,-1,0)")
    }

    func testRandomSymmetricMatrixSatisfiesEigenEquations() {
        let n = 7
        var rng = FastRandom(seed: 42)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { let v = rng.nextDouble() * 2 - 1; a[i * n + j] = v; a[j * n + i] = v } }
        let (values, vectors) = SymmetricEigen.decompose(a, n: n)
        for k in 0..<n {
            if k > 0 { XCTAssertGreaterThanOrEqual(values[k - 1], values[k]) }
            for i in 0..<n {       // (A v)_i = lambda v_i
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * vectors[k][$1] }
                XCTAssertEqual(av, values[k] * vectors[k][i], accuracy: 1e-10)
            }
            for l in 0..<n {       // orthonormal
                let dot = (0..<n).reduce(0.0) { $0 + vectors[k][$1] * vectors[l][$1] }
                XCTAssertEqual(dot, k == l ? 1 : 0, accuracy: 1e-10)
            }
        }
        let trace = (0..<n).reduce(0.0) { $0 + a[$1 * n + $1] }
        XCTAssertEqual(values.reduce(0, +), trace, accuracy: 1e-10)
    }

    func testPointsOnALineHaveOneComponent() {
        // x_i = c + t_i * u with |u| = 3: PC1 explains everything, coordinates (t_i - mean t) * 3,
        // sign fixed so the farthest point (t = 3) is positive.
        let u = [1.0, 2, 2, 0], c = [0.5, -1, 4, 7]
        let t = [-2.0, -1, 0, 1, 3]
        let rows = t.map { ti in (0..<4).map { c[$0] + ti * u[$0] } }
        let pca = PCA.project(rows: rows, components: 2)
        XCTAssertEqual(pca.explainedVariance[0], 1, accuracy: 1e-12)
        XCTAssertEqual(pca.explainedVariance[1], 0, accuracy: 1e-12)
        let expected = [-6.6, -3.6, -0.6, 2.4, 8.4]
        for i in 0..<5 {
            XCTAssertEqual(pca.coordinates[i][0], expected[i], accuracy: 1e-9)
            XCTAssertEqual(pca.coordinates[i][1], 0, accuracy: 1e-6)
        }
    }

    func testCrossInBothGramAndCovarianceBranches() {
        // (+-2, 0) and (0, +-1) around (1, 1, 1) in the plane z = 1: variances 8 and 2 (shares 0.8, 0.2).
        let cross = [[3.0, 1, 1], [-1, 1, 1], [1, 2, 1], [1, 0, 1]]       // n = 4 > d = 3: covariance branch
        let padded = cross.map { $0 + [0, 0, 0, 0, 0] }                  // n = 4 <= d = 8: Gram branch
        for rows in [cross, padded] {
            let pca = PCA.project(rows: rows, components: 2)
            XCTAssertEqual(pca.explainedVariance[0], 0.8, accuracy: 1e-12)
            XCTAssertEqual(pca.explainedVariance[1], 0.2, accuracy: 1e-12)
            // Ties in |coordinate| keep the first point's sign: the first positive.
            let expected: [[Double]] = [[2, 0], [-2, 0], [0, 1], [0, -1]]
            for i in 0..<4 {
                XCTAssertEqual(pca.coordinates[i][0], expected[i][0], accuracy: 1e-9)
                XCTAssertEqual(pca.coordinates[i][1], expected[i][1], accuracy: 1e-9)
            }
        }
    }

    func testDistancesArePreservedInTheirSpan() {
        // Three points span a plane: the 2D projection keeps every pairwise distance.
        let rows: [[Double]] = [[1, 0, 2, -1, 0.5], [0, 3, 1, 1, -2], [2, 1, -1, 0, 1]]
        let pca = PCA.project(rows: rows)
        func dist(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        for i in 0..<3 { for j in 0..<3 {
            XCTAssertEqual(dist(pca.coordinates[i], pca.coordinates[j]), dist(rows[i], rows[j]), accuracy: 1e-9)
        } }
        XCTAssertEqual(pca.explainedVariance.reduce(0, +), 1, accuracy: 1e-12)
    }
}
