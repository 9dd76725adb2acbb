// Role: the 4-lane Adam step and sum of squares (AdamKernel) against the update written one weight at a time
// in Float (identical bits: the same IEEE operations in the same order) and a Double sum, on lengths that leave
// a vector tail.
import EmbedClassifier
import EmbedCore
import EmbedKernels
import XCTest

final class AdamKernelTests: XCTestCase {
    func testStepEqualsTheScalarUpdateBitForBit() {
        var rng = FastRandom(seed: 7)
        for count in [1, 3, 4, 5, 17, 1029] {
            let g = (0..<count).map { _ in rng.nextFloat() * 4 - 2 }
            var p = (0..<count).map { _ in rng.nextFloat() - 0.5 }
            var m = (0..<count).map { _ in rng.nextFloat() * 0.2 - 0.1 }
            var v = (0..<count).map { _ in rng.nextFloat() * 0.01 }
            var (ep, em, ev) = (p, m, v)
            let (scale, b1, b2, eps, rate): (Float, Float, Float, Float, Float) = (0.7, 0.9, 0.999, 1e-7, 0.003)
            for i in 0..<count {
                let gi = g[i] * scale
                em[i] = b1 * em[i] + (1 - b1) * gi
                ev[i] = b2 * ev[i] + (1 - b2) * gi * gi
                ep[i] -= rate * em[i] / (ev[i].squareRoot() + eps)
            }
            g.withUnsafeBufferPointer { g in
                p.withUnsafeMutableBufferPointer { p in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            AdamKernel.step(p: p.baseAddress!, g: g.baseAddress!, m: m.baseAddress!, v: v.baseAddress!,
                                            count: count, scale: scale, b1: b1, b2: b2, eps: eps, rate: rate)
                        }
                    }
                }
            }
            XCTAssertEqual(p.map(\.bitPattern), ep.map(\.bitPattern), "weights, count \(count)")
            XCTAssertEqual(m.map(\.bitPattern), em.map(\.bitPattern), "first moments, count \(count)")
            XCTAssertEqual(v.map(\.bitPattern), ev.map(\.bitPattern), "second moments, count \(count)")
        }
    }

    func testSumOfSquaresMatchesADoubleSum() {
        var rng = FastRandom(seed: 3)
        for count in [1, 6, 1023, 1024, 1025, 5000] {
            let x = (0..<count).map { _ in rng.nextFloat() * 2 - 1 }
            let exact = x.reduce(0.0) { $0 + Double($1) * Double($1) }
            let sum = x.withUnsafeBufferPointer { AdamKernel.sumOfSquares($0.baseAddress!, count: count) }
            XCTAssertEqual(sum, exact, accuracy: 1e-6 * max(1, exact), "count \(count)")
        }
    }
}
