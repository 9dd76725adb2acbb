// Role: tests of the noise sampler (alias tables and draw frequencies against count^0.75 with a chi-square
// bound that a wrong distribution fails) and of subsampling (keep probability and empirical keep rate).
import EmbedCore
import EmbedTestSupport
import Foundation
import EmbedKernels
import XCTest
@testable import EmbedWord2Vec

/// Upper critical value of chi-square with `df` degrees of freedom at tail probability ~1e-6
/// (Wilson-Hilferty approximation with z = 4.753).
func chiSquareBound(df: Int) -> Double {
    let k = Double(df), z = 4.753
    let t = 1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot()
    return k * t * t * t
}

final class SamplingTests: XCTestCase {
    let counts: [Int64] = [5000, 2100, 900, 850, 400, 123, 77, 40, 12, 9, 5, 5, 3, 2, 1, 1]

    func expected(power: Double) -> [Double] {
        let w = counts.map { pow(Double($0), power) }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    func testAliasTablesHoldTheExactDistribution() {
        let sampler = NoiseSampler(counts: counts)
        for (i, p) in expected(power: 0.75).enumerated() {
            XCTAssertEqual(sampler.probability(i), p, accuracy: 1e-8)
        }
    }

    func chiSquare(_ observed: [Int], _ p: [Double], draws: Int) -> Double {
        zip(observed, p).reduce(0) { acc, e in
            let want = Double(draws) * e.1
            return acc + (Double(e.0) - want) * (Double(e.0) - want) / want
        }
    }

    func testDrawFrequenciesFollowCountsToThePower075() {
        let sampler = NoiseSampler(counts: counts)
        var rng = FastRandom(seed: 11)
        let draws = 200_000
        var observed = [Int](repeating: 0, count: counts.count)
        for _ in 0..<draws { observed[Int(sampler.draw(&rng))] += 1 }
        let bound = chiSquareBound(df: counts.count - 1)
        XCTAssertLessThan(chiSquare(observed, expected(power: 0.75), draws: draws), bound)
        // The same draws are far from the plain unigram and from the uniform distribution: the test can fail.
        XCTAssertGreaterThan(chiSquare(observed, expected(power: 1), draws: draws), 10 * bound)
        XCTAssertGreaterThan(chiSquare(observed, expected(power: 0), draws: draws), 10 * bound)
    }

    func testSubsamplingKeepProbability() {
        // t/f = 1e-3 * 10000 / 4000 = 0.0025: keep sqrt(0.0025) + 0.0025 = 0.0525.
        XCTAssertEqual(Subsampler.keepProbability(count: 4000, total: 10_000, sample: 1e-3), 0.0525, accuracy: 1e-12)
        XCTAssertEqual(Subsampler.keepProbability(count: 3, total: 10_000, sample: 1e-3), 1)
        let s = Subsampler(counts: [4000, 3000, 2000, 1000], sample: 1e-3)
        XCTAssertTrue(s.keepsAlways(3) == false && s.keepsAlways(0) == false)
        var rng = FastRandom(seed: 2)
        let n = 100_000
        var kept = 0
        for _ in 0..<n where s.keep(0, &rng) { kept += 1 }
        let p = 0.0525, sd = (Double(n) * p * (1 - p)).squareRoot()
        XCTAssertEqual(Double(kept), Double(n) * p, accuracy: 5 * sd)
        let off = Subsampler(counts: [4000, 1], sample: 0)
        XCTAssertTrue(off.keepsAlways(0) && off.keepsAlways(1))
    }
}
