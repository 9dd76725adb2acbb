// Role: finite-difference checks of every output layer (negative sampling, hierarchical softmax, full softmax)
// for skip-gram (a block of inputs) and CBOW (the hidden mean, whose step goes whole to each context row).
import EmbedCore
import EmbedTestSupport
import Foundation
import EmbedKernels
import XCTest
@testable import EmbedWord2Vec

final class LossGradientTests: XCTestCase {
    let dim = 11, stride = 16
    let rate: Float = 0.01

    /// The three layers over the same small vocabulary, with the Double reference loss of a step and the
    /// output rows it touches.
    enum Layer { case ns, hs, softmax }

    struct Setup {
        let input: WeightMatrix
        let output: WeightMatrix
        let loss: OutputLoss
        /// Output row ids used for `target` (given the generator) and the reference loss over given rows.
        let rowsFor: (Int32, FastRandom) -> [Int]
        let reference: ([[Double]], [[Double]], Int32, FastRandom) -> Double
    }

    func make(_ layer: Layer, vocabulary v: Int = 40, maxInputs: Int = 4, seed: UInt64 = 5) -> Setup {
        var rng = FastRandom(seed: seed)
        let counts = (0..<v).map { Int64(1000 / ($0 + 1)) + 1 }
        let input = WeightMatrix(rows: v, dimension: dim, stride: stride)
        fill(input, &rng)
        switch layer {
        case .ns:
            let output = WeightMatrix(rows: v, dimension: dim, stride: stride)
            fill(output, &rng)
            let loss = NegativeSamplingLoss(output: output, sampler: NoiseSampler(counts: counts), negative: 5, maxInputs: maxInputs)
            return Setup(input: input, output: output, loss: loss,
                         rowsFor: { t, r in loss.outputIDs(target: t, rng: r).map { Int($0) } },
                         reference: { x, o, t, r in
                             let ids = loss.outputIDs(target: t, rng: r)
                             return logisticLoss(inputs: x, outputs: o, labels: ids.indices.map { $0 == 0 ? 1 : 0 })
                         })
        case .hs:
            let tree = HuffmanTree(counts: counts)
            let output = WeightMatrix(rows: v - 1, dimension: dim, stride: stride)
            fill(output, &rng)
            let loss = HierarchicalSoftmaxLoss(output: output, tree: tree, maxInputs: maxInputs)
            return Setup(input: input, output: output, loss: loss,
                         rowsFor: { t, _ in tree.path(Int(t)).map { Int($0) } },
                         reference: { x, o, t, _ in
                             logisticLoss(inputs: x, outputs: o, labels: tree.code(Int(t)).map { 1 - Double($0) })
                         })
        case .softmax:
            let output = WeightMatrix(rows: v, dimension: dim, stride: stride)
            fill(output, &rng)
            let loss = FullSoftmaxLoss(output: output, maxInputs: maxInputs)
            return Setup(input: input, output: output, loss: loss,
                         rowsFor: { _, _ in Array(0..<v) },
                         reference: { x, o, t, _ in softmaxLoss(inputs: x, outputs: o, target: Int(t)) })
        }
    }

    /// A generator whose negatives for `target` are all distinct (repeated rows are updated one after the
    /// other, which is not an exact gradient step).
    func generator(for s: Setup, target: Int32) -> FastRandom {
        var seed: UInt64 = 1
        while true {
            let r = FastRandom(seed: seed)
            let rows = s.rowsFor(target, r)
            if Set(rows).count == rows.count { return r }
            seed += 1
        }
    }

    func checkSkipGram(_ layer: Layer, file: StaticString = #filePath, line: UInt = #line) {
        let s = make(layer)
        let target: Int32 = 17                       // a rare word: deep Huffman path
        let inputIDs = [3, 9, 0]
        var rng = generator(for: s, target: target)
        let outIDs = s.rowsFor(target, rng)
        let x0 = snapshot(s.input, inputIDs), o0 = snapshot(s.output, outIDs)
        let expected = s.reference(x0, o0, target, rng)
        var rows = inputIDs.map { s.input.row($0) }
        let loss = s.loss.step(inputs: &rows, inputCount: 3, target: target, rate: rate, rng: &rng, computeLoss: true)
        XCTAssertEqual(Double(loss), expected, accuracy: 1e-4 * max(1, expected), "loss value", file: file, line: line)
        let r0 = FastRandom(seed: 0)   // the references only need the ids, already fixed in o0/x0
        let gx = numericGradient(x0) { x in
            layer == .softmax ? softmaxLoss(inputs: x, outputs: o0, target: Int(target))
                : logisticLoss(inputs: x, outputs: o0, labels: labels(layer, s, target, r0, outIDs))
        }
        let go = numericGradient(o0) { o in
            layer == .softmax ? softmaxLoss(inputs: x0, outputs: o, target: Int(target))
                : logisticLoss(inputs: x0, outputs: o, labels: labels(layer, s, target, r0, outIDs))
        }
        compare(s.input, inputIDs, x0, gx, file: file, line: line)
        compare(s.output, outIDs, o0, go, file: file, line: line)
    }

    /// Labels of the output rows: the target first for ns, 1 - code for hs.
    func labels(_ layer: Layer, _ s: Setup, _ target: Int32, _ r: FastRandom, _ outIDs: [Int]) -> [Double] {
        switch layer {
        case .ns: return outIDs.indices.map { $0 == 0 ? 1 : 0 }
        case .hs: return (s.loss as! HierarchicalSoftmaxLoss).tree.code(Int(target)).map { 1 - Double($0) }
        case .softmax: return []
        }
    }

    /// Each row moved by -rate * gradient.
    func compare(_ m: WeightMatrix, _ ids: [Int], _ before: [[Double]], _ gradient: [[Double]], scale: Double = 1,
                 file: StaticString, line: UInt) {
        for (k, id) in ids.enumerated() {
            for c in 0..<dim {
                let step = (Double(m.row(id)[c]) - before[k][c]) / -Double(rate)
                XCTAssertEqual(step, scale * gradient[k][c], accuracy: 2e-3 * max(1, abs(gradient[k][c])),
                               "row \(id) col \(c)", file: file, line: line)
            }
            for c in dim..<stride { XCTAssertEqual(m.row(id)[c], 0, "pad", file: file, line: line) }
        }
    }

    /// Deferred full-softmax steps: two skip-gram steps then a flush move the weights by -rate times the gradient
    /// of the summed loss at the weights before both (one minibatch step); the loss comes back at the flush.
    func testFullSoftmaxBatchedStepsAreOneMinibatchStep() {
        var rng = FastRandom(seed: 4)
        let v = 9
        let input = WeightMatrix(rows: v, dimension: dim, stride: stride)
        let output = WeightMatrix(rows: v, dimension: dim, stride: stride)
        fill(input, &rng); fill(output, &rng)
        let loss = FullSoftmaxLoss(output: output, maxInputs: 3, batchRows: 8)
        let a = [1, 4, 6], b = [2, 8]
        let x0 = snapshot(input, a + b), o0 = snapshot(output, Array(0..<v))
        func f(_ x: [[Double]], _ o: [[Double]]) -> Double {
            softmaxLoss(inputs: Array(x[0..<3]), outputs: o, target: 5) + softmaxLoss(inputs: Array(x[3...]), outputs: o, target: 0)
        }
        var rowsA = a.map { input.row($0) }, rowsB = b.map { input.row($0) }
        XCTAssertEqual(loss.step(inputs: &rowsA, inputCount: 3, target: 5, rate: rate, rng: &rng, computeLoss: true), 0)
        XCTAssertEqual(loss.step(inputs: &rowsB, inputCount: 2, target: 0, rate: rate, rng: &rng, computeLoss: true), 0)
        XCTAssertEqual(snapshot(input, a + b), x0, "deferred until the flush")
        let l = loss.flush()
        XCTAssertEqual(Double(l), f(x0, o0), accuracy: 1e-4 * f(x0, o0))
        compare(input, a + b, x0, numericGradient(x0) { f($0, o0) }, file: #filePath, line: #line)
        compare(output, Array(0..<v), o0, numericGradient(o0) { f(x0, $0) }, file: #filePath, line: #line)
        XCTAssertEqual(loss.flush(), 0)
    }

    func testNegativeSamplingSkipGram() { checkSkipGram(.ns) }
    func testHierarchicalSoftmaxSkipGram() { checkSkipGram(.hs) }
    func testFullSoftmaxSkipGram() { checkSkipGram(.softmax) }

    /// CBOW: f depends on the contexts through h = mean(contexts). The outputs move by -rate * df/do, and every
    /// context row by -rate * df/dh = -rate * n * df/dcontext (word2vec's convention).
    func checkCBOW(_ layer: Layer, file: StaticString = #filePath, line: UInt = #line) {
        let s = make(layer, maxInputs: 1)
        let target: Int32 = 11
        let contextIDs = [2, 5, 30, 7]
        var rng = generator(for: s, target: target)
        let outIDs = s.rowsFor(target, rng)
        let c0 = snapshot(s.input, contextIDs), o0 = snapshot(s.output, outIDs)
        let h0 = (0..<dim).map { c in c0.reduce(0) { $0 + $1[c] } / Double(contextIDs.count) }
        let lab = labels(layer, s, target, rng, outIDs)
        func f(_ h: [Double], _ o: [[Double]]) -> Double {
            layer == .softmax ? softmaxLoss(inputs: [h], outputs: o, target: Int(target))
                : logisticLoss(inputs: [h], outputs: o, labels: lab)
        }
        let gh = numericGradient([h0]) { f($0[0], o0) }[0]
        let go = numericGradient(o0) { f(h0, $0) }
        let gc = numericGradient(c0) { c in
            f((0..<self.dim).map { k in c.reduce(0) { $0 + $1[k] } / Double(contextIDs.count) }, o0)
        }
        var rows = contextIDs.map { s.input.row($0) }
        let scratch = (0..<3).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: stride) }
        defer { scratch.forEach { $0.deallocate() } }
        var targets = [target]
        let loss = MeanInputStep.run(s.loss, rows: &rows, count: contextIDs.count, targets: &targets, targetCount: 1,
                                     hidden: scratch[0], scratch: scratch[1], step: scratch[2], stride: stride,
                                     rate: rate, rng: &rng, computeLoss: true)
        XCTAssertEqual(Double(loss), f(h0, o0), accuracy: 1e-4 * max(1, f(h0, o0)), file: file, line: line)
        compare(s.output, outIDs, o0, go, file: file, line: line)
        compare(s.input, contextIDs, c0, Array(repeating: gh, count: contextIDs.count), file: file, line: line)
        // The same step expressed through the contexts' own gradient, scaled by their number.
        compare(s.input, contextIDs, c0, gc, scale: Double(contextIDs.count), file: file, line: line)
    }

    func testNegativeSamplingCBOW() { checkCBOW(.ns) }
    func testHierarchicalSoftmaxCBOW() { checkCBOW(.hs) }
    func testFullSoftmaxCBOW() { checkCBOW(.softmax) }
}
