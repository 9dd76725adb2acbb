// Role: helpers for the skip-gram tests: shared-data paths, small random matrices, Double-precision
// reference losses and central finite differences.
import EmbedCore
import EmbedTestSupport
import Foundation
import EmbedKernels
@testable import EmbedWord2Vec

/// Fills every real (unpadded) weight with uniform values in (-scale, scale).
func fill(_ m: WeightMatrix, _ rng: inout FastRandom, scale: Float = 0.5) {
    for r in 0..<m.rows { for c in 0..<m.dimension { m.row(r)[c] = (rng.nextFloat() * 2 - 1) * scale } }
}

func rowDoubles(_ m: WeightMatrix, _ r: Int) -> [Double] { (0..<m.dimension).map { Double(m.row(r)[$0]) } }

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

func logSigmoid(_ x: Double) -> Double { x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x)) }

/// sum_b sum_j -log sigmoid(+-x_b . o_j) with label 1 (+) or 0 (-).
func logisticLoss(inputs: [[Double]], outputs: [[Double]], labels: [Double]) -> Double {
    var l = 0.0
    for x in inputs { for (o, y) in zip(outputs, labels) { l -= logSigmoid((y > 0.5 ? 1 : -1) * dot(x, o)) } }
    return l
}

/// sum_b (log sum_j exp(x_b . o_j) - x_b . o_t)
func softmaxLoss(inputs: [[Double]], outputs: [[Double]], target: Int) -> Double {
    var l = 0.0
    for x in inputs {
        let s = outputs.map { dot(x, $0) }
        let m = s.max()!
        l += m + log(s.reduce(0) { $0 + exp($1 - m) }) - s[target]
    }
    return l
}

/// Central finite-difference gradient of f with respect to every entry of `values`.
func numericGradient(_ values: [[Double]], epsilon: Double = 1e-5, _ f: ([[Double]]) -> Double) -> [[Double]] {
    var g = values.map { [Double](repeating: 0, count: $0.count) }
    var v = values
    for r in values.indices {
        for c in values[r].indices {
            let keep = v[r][c]
            v[r][c] = keep + epsilon; let up = f(v)
            v[r][c] = keep - epsilon; let down = f(v)
            v[r][c] = keep
            g[r][c] = (up - down) / (2 * epsilon)
        }
    }
    return g
}

/// A model-free copy of some rows (ids) of a matrix, as Doubles.
func snapshot(_ m: WeightMatrix, _ ids: [Int]) -> [[Double]] { ids.map { rowDoubles(m, $0) } }
