// Role: tests the skip-gram kernels: vectorised exp/sigmoid/softmax against Foundation, and the fused logistic
// step against finite differences of the loss (including padded rows staying zero).
import EmbedCore
import EmbedTestSupport
import Foundation
import EmbedKernels
import XCTest
@testable import EmbedWord2Vec

final class KernelTests: XCTestCase {
    func testExpAndSigmoidMatchFoundation() {
        var worst = 0.0, worstSigmoid = 0.0
        var x: Float = -80
        while x < 80 {
            let v = SIMD8<Float>((0..<8).map { x + Float($0) * 0.0137 })
            let e = SkipGramKernels.exp(v), s = SkipGramKernels.sigmoid(v)
            for i in 0..<8 {
                let t = Double(v[i])
                worst = max(worst, abs(Double(e[i]) - exp(t)) / exp(t))
                worstSigmoid = max(worstSigmoid, abs(Double(s[i]) - 1 / (1 + exp(-t))))
            }
            x += 0.1
        }
        XCTAssertLessThan(worst, 5e-7)
        XCTAssertLessThan(worstSigmoid, 2e-7)
        // Saturation: no NaN or infinity at the extremes.
        let extreme = SkipGramKernels.sigmoid(SIMD8<Float>(-1000, -100, -90, 0, 90, 100, 1000, .greatestFiniteMagnitude))
        for i in 0..<8 { XCTAssertTrue(extreme[i].isFinite && extreme[i] >= 0 && extreme[i] <= 1) }
        XCTAssertEqual(extreme[3], 0.5)
    }

    func testSoftmaxRowAndLogNormaliser() {
        var row: [Float] = (0..<13).map { Float($0) * 0.7 - 3 }
        let original = row.map(Double.init)
        let lse = row.withUnsafeMutableBufferPointer { SkipGramKernels.softmax($0.baseAddress!, count: 13) }
        let m = original.max()!
        let expected = m + log(original.reduce(0) { $0 + exp($1 - m) })
        XCTAssertEqual(Double(lse), expected, accuracy: 1e-5)
        for i in 0..<13 { XCTAssertEqual(Double(row[i]), exp(original[i] - expected), accuracy: 1e-6) }
    }

    /// The fused step moves every row by exactly -rate * gradient (gradients at the weights before the step), in
    /// every kernel variant this processor runs, for rows of one and of several chunks with a partial last one.
    func testLogisticStepIsAGradientStep() {
        for variant in SIMDVariant.supported {
            for (dim, stride) in [(13, 16), (21, 24)] {   // pads must stay zero
                var rng = FastRandom(seed: 3)
                let inputs = WeightMatrix(rows: 3, dimension: dim, stride: stride)
                let outputs = WeightMatrix(rows: 5, dimension: dim, stride: stride)
                fill(inputs, &rng); fill(outputs, &rng)
                let labels: [Float] = [1, 0, 0, 1, 0]
                let x0 = snapshot(inputs, [0, 1, 2]), o0 = snapshot(outputs, [0, 1, 2, 3, 4])
                let rate: Float = 0.01
                var inRows = (0..<3).map { inputs.row($0) }, outRows = (0..<5).map { outputs.row($0) }
                var scratch = [Float](repeating: 0, count: SkipGramKernels.scratchFloats(inputs: 3, outputs: 5))
                let loss = SkipGramKernels.logisticStep(inputs: &inRows, inputCount: 3, outputs: &outRows, labels: labels,
                                                        outputCount: 5, length: stride, rate: rate, scratch: &scratch,
                                                        computeLoss: true, variant: variant)
                let dl = labels.map(Double.init), name = "\(variant) stride \(stride)"
                XCTAssertEqual(Double(loss), logisticLoss(inputs: x0, outputs: o0, labels: dl), accuracy: 1e-4, name)
                let gx = numericGradient(x0) { logisticLoss(inputs: $0, outputs: o0, labels: dl) }
                let go = numericGradient(o0) { logisticLoss(inputs: x0, outputs: $0, labels: dl) }
                for r in 0..<3 { for c in 0..<dim {
                    XCTAssertEqual((Double(inputs.row(r)[c]) - x0[r][c]) / -Double(rate), gx[r][c], accuracy: 2e-3, name)
                } }
                for r in 0..<5 { for c in 0..<dim {
                    XCTAssertEqual((Double(outputs.row(r)[c]) - o0[r][c]) / -Double(rate), go[r][c], accuracy: 2e-3, name)
                } }
                for r in 0..<3 { for c in dim..<stride { XCTAssertEqual(inputs.row(r)[c], 0, name) } }
                for r in 0..<5 { for c in dim..<stride { XCTAssertEqual(outputs.row(r)[c], 0, name) } }
            }
        }
    }

    /// Each wide variant this processor runs leaves every row where the baseline does, within float rounding,
    /// over the shapes training uses (one input and a window of inputs, negatives drawn twice, a shared weight),
    /// and with 20,000 negatives on a stack smaller than a training thread's (the old lanes live in scratch).
    func testWideVariantsMatchTheBaseline() throws {
        let wide = SIMDVariant.supported.filter { $0 != .baseline }
        if wide.isEmpty { throw XCTSkip("this processor runs only the baseline kernels") }
        let shapes = [(1, 6, 100, 104), (6, 6, 100, 104), (10, 6, 100, 104), (3, 26, 300, 304), (7, 3, 5, 8), (4, 1, 50, 56),
                      (2, 20_000, 16, 16)]
        for (b, j, dim, stride) in shapes {
            var rng = FastRandom(seed: UInt64(b * 100 + j))
            let inputs = WeightMatrix(rows: b, dimension: dim, stride: stride)
            let outputs = WeightMatrix(rows: j, dimension: dim, stride: stride)
            fill(inputs, &rng); fill(outputs, &rng)
            let labels = (0..<j).map { $0 == 0 ? Float(1) : 0 }
            // The last output repeats the first negative (a noise word drawn twice): both steps must land.
            let outputIDs = (0..<j).map { j > 2 && $0 == j - 1 ? 1 : $0 }
            func run(_ variant: SIMDVariant) -> (Float, [[Double]], [[Double]]) {
                let x = WeightMatrix(rows: b, dimension: dim, stride: stride), y = WeightMatrix(rows: j, dimension: dim, stride: stride)
                x.base.update(from: inputs.base, count: b * stride)
                y.base.update(from: outputs.base, count: j * stride)
                var inRows = (0..<b).map { x.row($0) }, outRows = outputIDs.map { y.row($0) }
                var scratch = [Float](repeating: 0, count: SkipGramKernels.scratchFloats(inputs: b, outputs: j))
                let loss = SkipGramKernels.logisticStep(inputs: &inRows, inputCount: b, outputs: &outRows, labels: labels,
                                                        outputCount: j, length: stride, rate: 0.05, scratch: &scratch,
                                                        computeLoss: true, negativeWeight: 1.5, variant: variant)
                return (loss, snapshot(x, Array(0..<b)), snapshot(y, Array(0..<j)))
            }
            let (loss0, x0, y0) = run(.baseline)
            let before = snapshot(inputs, Array(0..<b))
            XCTAssertNotEqual(x0, before, "the step must move the inputs")
            for variant in wide {
                let (loss, x, y) = onSmallStack { run(variant) }
                let name = "\(variant) \(b)x\(j) stride \(stride)"
                XCTAssertEqual(loss, loss0, accuracy: 1e-5 * max(1, abs(loss0)), name)
                for r in 0..<b { for c in 0..<dim { XCTAssertEqual(x[r][c], x0[r][c], accuracy: 1e-5, name) } }
                for r in 0..<j { for c in 0..<dim { XCTAssertEqual(y[r][c], y0[r][c], accuracy: 1e-5, name) } }
            }
        }
    }

    /// The baseline is always there; a variant this processor lacks is refused with a setting error.
    func testVariantSelection() throws {
        XCTAssertEqual(SIMDVariant.supported.first, .baseline)
        XCTAssertEqual(SIMDVariant.best, SIMDVariant.supported.last)
        let before = SIMDVariant.active
        defer { try? SIMDVariant.use(before) }
        try SIMDVariant.use(.baseline)
        XCTAssertEqual(SIMDVariant.active, .baseline)
        XCTAssertEqual(NegativeSamplingLoss(output: WeightMatrix(rows: 2, dimension: 4, stride: 8),
                                            sampler: NoiseSampler(counts: [3, 1]), negative: 1, maxInputs: 1).simd, .baseline)
        for variant in SIMDVariant.allCases where !variant.isSupported {
            XCTAssertThrowsError(try SIMDVariant.use(variant)) { XCTAssertTrue($0 is SettingError) }
            XCTAssertEqual(SIMDVariant.active, .baseline)
        }
    }
}
