// Role: tests of the update kernel: its gradient against finite differences of J, one AdaGrad step against a
// hand computation (with and without clipping), and the constant lanes of the row layout staying fixed.
import EmbedCore
import EmbedGloVe
import EmbedKernels
import EmbedTestSupport
import XCTest

final class GloVeKernelTests: XCTestCase {
    /// J for one record, in double precision, from the rows as stored.
    private func recordCost(_ p: GloVeParameters, _ r: GloVeKernel.Record) -> Double {
        let e = p.residual(r)
        return Double(r.weight) * e * e
    }

    /// Every trainable value of a record: (pointer, name).
    private func trainable(_ p: GloVeParameters, i: Int, j: Int) -> [(UnsafeMutablePointer<Float>, String)] {
        let d = p.dimension
        var list: [(UnsafeMutablePointer<Float>, String)] = []
        for k in 0..<d { list.append((p.word(i) + k, "w[\(k)]")) }
        list.append((p.word(i) + d, "b"))
        for k in 0..<d { list.append((p.context(j) + k, "c[\(k)]")) }
        list.append((p.context(j) + d + 1, "b~"))
        return list
    }

    /// The kernel's step with accumulators at 1 and no clipping is -eta * g, with g the gradient of J/2:
    /// compare 2g with central differences of J, for row lengths that put the bias lanes in different chunks.
    func testGradientMatchesFiniteDifferences() {
        for d in [1, 5, 6, 7, 8, 14, 15, 100] {
            let p = GloVeParameters(words: 3, dimension: d, seed: UInt64(d))
            // Larger weights than the initial ones, so the gradient is far from zero.
            for (ptr, _) in trainable(p, i: 1, j: 2) { ptr.pointee *= Float(d) * 1.7 }
            let r = GloVeKernel.Record(i: 1, j: 2, weight: 0.8, logX: 0.3)
            let params = trainable(p, i: 1, j: 2)
            var numeric: [Double] = []
            for (ptr, _) in params {
                let v = ptr.pointee
                let h: Float = 1e-2
                ptr.pointee = v + h
                let plus = recordCost(p, r)
                ptr.pointee = v - h
                let minus = recordCost(p, r)
                ptr.pointee = v
                numeric.append((plus - minus) / Double(2 * h))
            }
            let before = params.map { Double($0.0.pointee) }
            let expectedCost = recordCost(p, r)
            let eta: Float = 0.01
            let cost = GloVeKernel.update(p.word(1), p.context(2), weight: r.weight, logX: r.logX, layout: p.layout,
                                          step: .init(eta: eta, biasEta: eta, clip: 1e30, layout: p.layout))
            XCTAssertEqual(Double(cost), expectedCost, accuracy: 1e-5 * max(1, expectedCost), "d=\(d)")
            for (n, (ptr, name)) in params.enumerated() {
                let g = (before[n] - Double(ptr.pointee)) / Double(eta)
                XCTAssertEqual(2 * g, numeric[n], accuracy: 2e-3 * max(1, abs(numeric[n])), "d=\(d) \(name)")
            }
            // Constant lanes and padding are untouched.
            XCTAssertEqual(p.word(1)[d + 1], 1, "d=\(d)")
            XCTAssertEqual(p.context(2)[d], 1, "d=\(d)")
            for k in (d + 2)..<p.layout.stride {
                XCTAssertEqual(p.word(1)[k], 0, "d=\(d) pad \(k)")
                XCTAssertEqual(p.context(2)[k], 0, "d=\(d) pad \(k)")
            }
        }
    }

    /// A 2-d example computed by hand (see the comments), accumulators not at 1.
    /// Trained through `GloVeKernel.train` with `variant`'s kernel.
    private func handExample(clip: Float, biasEta: Float = 0.1, variant: SIMDVariant = .baseline) -> GloVeParameters {
        let p = GloVeParameters(words: 1, dimension: 2, seed: 9)
        let w = p.word(0), c = p.context(0)
        w[0] = 0.5; w[1] = -0.25; w[2] = 0.1                    // w_i, b_i
        c[0] = 0.2; c[1] = 0.4; c[3] = -0.3                     // w~_j, b~_j (lane d+1)
        let gw = p.wordAccumulators(0), gc = p.contextAccumulators(0)
        gw[0] = 4; gw[1] = 1; gw[2] = 2.25
        gc[0] = 1; gc[1] = 16; gc[3] = 1
        // diff = 0.5*0.2 - 0.25*0.4 + 0.1 - 0.3 - log(1) = -0.2; f = 0.5; f*diff = -0.1; cost = 0.5 * 0.04 = 0.02
        var record = GloVeKernel.Record(i: 0, j: 0, weight: 0.5, logX: 0)
        let cost = GloVeKernel.train(&record, count: 1, parameters: p.block, layout: p.layout,
                                     step: .init(eta: 0.1, biasEta: biasEta, clip: clip, layout: p.layout), variant: variant)
        XCTAssertEqual(cost, 0.02, accuracy: 1e-7, "\(variant)")
        return p
    }

    func testOneAdaGradStepByHand() {
        for variant in SIMDVariant.supported {
            let p = handExample(clip: 100, variant: variant)
            let w = p.word(0), c = p.context(0), gw = p.wordAccumulators(0), gc = p.contextAccumulators(0)
            // g_w = f*diff * w~ = (-0.02, -0.04), g_b = -0.1; g_c = f*diff * w = (-0.05, 0.025), g_b~ = -0.1
            // t = eta * g; p -= t / sqrt(G); G += t^2
            XCTAssertEqual(w[0], 0.5 + 0.002 / 2, accuracy: 1e-7)
            XCTAssertEqual(w[1], -0.25 + 0.004 / 1, accuracy: 1e-7)
            XCTAssertEqual(w[2], 0.1 + 0.01 / 1.5, accuracy: 1e-7)
            XCTAssertEqual(c[0], 0.2 + 0.005 / 1, accuracy: 1e-7)
            XCTAssertEqual(c[1], 0.4 - 0.0025 / 4, accuracy: 1e-7)
            XCTAssertEqual(c[3], -0.3 + 0.01 / 1, accuracy: 1e-7)
            XCTAssertEqual(gw[0], 4 + 0.000004, accuracy: 1e-6)
            XCTAssertEqual(gw[1], 1 + 0.000016, accuracy: 1e-7)
            XCTAssertEqual(gw[2], 2.25 + 0.0001, accuracy: 1e-6)
            XCTAssertEqual(gc[0], 1 + 0.000025, accuracy: 1e-7)
            XCTAssertEqual(gc[1], 16 + 0.00000625, accuracy: 1e-5)
            XCTAssertEqual(gc[3], 1 + 0.0001, accuracy: 1e-7)
            XCTAssertEqual(w[3], 1); XCTAssertEqual(c[2], 1)
        }
    }

    func testBiasesHaveTheirOwnRate() {
        for variant in SIMDVariant.supported {
            // biasEta 1 (Stanford's effective bias rate): t_b = -0.1, t_b~ = -0.1; the vectors still use eta 0.1.
            let p = handExample(clip: 100, biasEta: 1, variant: variant)
            let w = p.word(0), c = p.context(0)
            XCTAssertEqual(w[0], 0.5 + 0.002 / 2, accuracy: 1e-7)
            XCTAssertEqual(w[2], 0.1 + 0.1 / 1.5, accuracy: 1e-7)
            XCTAssertEqual(c[3], -0.3 + 0.1 / 1, accuracy: 1e-7)
            XCTAssertEqual(p.wordAccumulators(0)[2], 2.25 + 0.01, accuracy: 1e-6)
            XCTAssertEqual(p.contextAccumulators(0)[3], 1 + 0.01, accuracy: 1e-6)
            XCTAssertEqual(w[3], 1); XCTAssertEqual(c[2], 1)
        }
    }

    func testClippedStepByHand() {
        for variant in SIMDVariant.supported {
            // clip 0.03: g_w[1] = -0.04 -> -0.03, g_b = -0.1 -> -0.03, g_c[0] = -0.05 -> -0.03, g_b~ -> -0.03
            let p = handExample(clip: 0.03, variant: variant)
            let w = p.word(0), c = p.context(0), gw = p.wordAccumulators(0)
            XCTAssertEqual(w[0], 0.5 + 0.002 / 2, accuracy: 1e-7)
            XCTAssertEqual(w[1], -0.25 + 0.003 / 1, accuracy: 1e-7)
            XCTAssertEqual(w[2], 0.1 + 0.003 / 1.5, accuracy: 1e-7)
            XCTAssertEqual(c[0], 0.2 + 0.003 / 1, accuracy: 1e-7)
            XCTAssertEqual(c[1], 0.4 - 0.0025 / 4, accuracy: 1e-7)
            XCTAssertEqual(c[3], -0.3 + 0.003 / 1, accuracy: 1e-7)
            XCTAssertEqual(gw[1], 1 + 0.000009, accuracy: 1e-7)
            XCTAssertEqual(gw[2], 2.25 + 0.000009, accuracy: 1e-6)
        }
    }

    /// Every wide variant this processor runs trains a stream of random records (repeated rows, row lengths
    /// with and without a partial last chunk) to the baseline's parameters and cost, within float rounding.
    func testWideVariantsMatchTheBaseline() throws {
        let wide = SIMDVariant.supported.filter { $0 != .baseline }
        if wide.isEmpty { throw XCTSkip("this processor runs only the baseline kernels") }
        // The last dimension's rows are longer than a small stack: the kernel must not table them there.
        for d in [1, 5, 6, 7, 8, 14, 15, 50, 100, 70_000] {
            var rng = FastRandom(seed: UInt64(d))
            let words = d > 1000 ? 3 : 20
            let reference = GloVeParameters(words: words, dimension: d, seed: UInt64(d))
            var records = (0..<300).map { _ in
                GloVeKernel.Record(i: Int32(rng.next(below: words)), j: Int32(rng.next(below: words)),
                                   weight: Float(rng.next(below: 1000)) / 1000, logX: Float(rng.next(below: 500)) / 100)
            }
            let step = GloVeKernel.Step(eta: 0.05, biasEta: 0.05, clip: 0.5, layout: reference.layout)
            let baseline = GloVeParameters(words: words, dimension: d, seed: 0)
            baseline.copy(from: reference)
            let expected = GloVeKernel.train(&records, count: records.count, parameters: baseline.block,
                                             layout: baseline.layout, step: step)
            for variant in wide {
                let p = GloVeParameters(words: words, dimension: d, seed: 0)
                p.copy(from: reference)
                let cost = onSmallStack {
                    GloVeKernel.train(&records, count: records.count, parameters: p.block, layout: p.layout,
                                      step: step, variant: variant)
                }
                XCTAssertEqual(cost, expected, accuracy: 1e-4 * expected, "d=\(d) \(variant)")
                var worst: Float = 0, moved: Float = 0
                for k in 0..<p.layout.totalFloats {
                    worst = max(worst, abs(p.block[k] - baseline.block[k]))
                    moved = max(moved, abs(p.block[k] - reference.block[k]))
                }
                XCTAssertLessThan(worst, 2e-5, "d=\(d) \(variant)")
                XCTAssertGreaterThan(moved, 1e-3, "d=\(d) \(variant): the records must move the rows")
            }
        }
    }

    func testInitialisationFollowsStanford() {
        let d = 50
        let p = GloVeParameters(words: 200, dimension: d, seed: 4)
        var lo: Float = 1, hi: Float = -1
        for i in 0..<200 {
            for k in 0..<d {
                for v in [p.word(i)[k], p.context(i)[k]] { lo = min(lo, v); hi = max(hi, v) }
            }
            for v in [p.wordBias(i), p.contextBias(i)] { lo = min(lo, v); hi = max(hi, v) }
            for k in 0...(d + 1) { XCTAssertEqual(p.wordAccumulators(i)[k], 1); XCTAssertEqual(p.contextAccumulators(i)[k], 1) }
        }
        XCTAssertGreaterThanOrEqual(lo, -0.5 / Float(d))
        XCTAssertLessThanOrEqual(hi, 0.5 / Float(d))
        XCTAssertLessThan(lo, -0.45 / Float(d))
        XCTAssertGreaterThan(hi, 0.45 / Float(d))
    }
}
