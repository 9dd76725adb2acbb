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

    /// The fused step moves every row by exactly -rate * gradient (gradients at the weights before the step).
    func testLogisticStepIsAGradientStep() {
        var rng = FastRandom(seed: 3)
        let dim = 13   // not a multiple of 8: rows are padded to 16 and the pads must stay zero
        let inputs = WeightMatrix(rows: 3, dimension: dim, stride: 16)
        let outputs = WeightMatrix(rows: 5, dimension: dim, stride: 16)
        fill(inputs, &rng); fill(outputs, &rng)
        let labels: [Float] = [1, 0, 0, 1, 0]
        let x0 = snapshot(inputs, [0, 1, 2]), o0 = snapshot(outputs, [0, 1, 2, 3, 4])
        let rate: Float = 0.01
        var inRows = (0..<3).map { inputs.row($0) }, outRows = (0..<5).map { outputs.row($0) }
        var scratch = [Float](repeating: 0, count: SkipGramKernels.scratchFloats(inputs: 3, outputs: 5))
        let loss = SkipGramKernels.logisticStep(inputs: &inRows, inputCount: 3, outputs: &outRows, labels: labels,
                                                outputCount: 5, length: 16, rate: rate, scratch: &scratch, computeLoss: true)
        let dl = labels.map(Double.init)
        XCTAssertEqual(Double(loss), logisticLoss(inputs: x0, outputs: o0, labels: dl), accuracy: 1e-4)
        let gx = numericGradient(x0) { logisticLoss(inputs: $0, outputs: o0, labels: dl) }
        let go = numericGradient(o0) { logisticLoss(inputs: x0, outputs: $0, labels: dl) }
        for r in 0..<3 { for c in 0..<dim {
            XCTAssertEqual((Double(inputs.row(r)[c]) - x0[r][c]) / -Double(rate), gx[r][c], accuracy: 2e-3)
        } }
        for r in 0..<5 { for c in 0..<dim {
            XCTAssertEqual((Double(outputs.row(r)[c]) - o0[r][c]) / -Double(rate), go[r][c], accuracy: 2e-3)
        } }
        for r in 0..<3 { for c in dim..<16 { XCTAssertEqual(inputs.row(r)[c], 0) } }
        for r in 0..<5 { for c in dim..<16 { XCTAssertEqual(outputs.row(r)[c], 0) } }
    }
}
