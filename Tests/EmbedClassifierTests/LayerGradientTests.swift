// Role: finite-difference checks of each layer on its own, in Double: the LSTM and RNN layers through time
// over a packed batch of unequal lengths (weights, bias and inputs), and the dense softmax cross-entropy.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import Foundation
import EmbedKernels
import XCTest

final class LayerGradientTests: XCTestCase {
    /// Sequences of unequal lengths: packing leaves steps with fewer rows (the masked positions).
    let lengths = [4, 1, 3, 4, 2]

    func batch() -> PackedBatch {
        let sequences = lengths.enumerated().map { s, n in (0..<n).map { Int32(1 + (s + $0) % 3) } }
        return PackedBatch(sequences: sequences, indices: Array(sequences.indices))
    }

    func checkRecurrentLayer(_ cell: CellKind) {
        let batch = batch()
        let inputSize = 3, hidden = 4
        let layer = RecurrentLayer<Double>(cell: cell, inputSize: inputSize, hidden: hidden, parameterOffset: 2)
        var random = FastRandom(seed: 7)
        let params = TestBuffer(uniform: layer.parameterCount + 2, &random, scale: 0.8)
        let input = TestBuffer(uniform: batch.rows * inputSize, &random)
        let projection = TestBuffer(uniform: batch.rows * hidden, &random)   // loss = sum(projection * outputs)
        func loss() -> Double {
            layer.forward(input: input.pointer, batch: batch, parameters: params.pointer)
            return (0..<projection.count).reduce(0) { $0 + projection[$1] * layer.output[$1] }
        }
        _ = loss()
        let grads = TestBuffer(zeros: params.count)
        layer.prepareBackward(rows: batch.rows)
        layer.outputGradient.update(from: projection.pointer, count: projection.count)
        layer.backward(batch: batch, parameters: params.pointer, gradients: grads.pointer, computeInputGradient: true)
        let dInput = Array(UnsafeBufferPointer(start: layer.inputGradient, count: input.count))
        XCTAssertEqual(grads[0], 0); XCTAssertEqual(grads[1], 0)   // outside the layer's slice
        GradientCheck.assertMatches(Array(grads.values[2...]), parameters: params.pointer + 2,
                                    count: layer.parameterCount, "\(cell) weights", loss: loss)
        GradientCheck.assertMatches(dInput, parameters: input.pointer, count: input.count, "\(cell) inputs", loss: loss)
    }

    func testLSTMLayerGradients() { checkRecurrentLayer(.lstm) }

    func testRNNLayerGradients() { checkRecurrentLayer(.rnn) }

    func testDenseSoftmaxCrossEntropyGradients() {
        let rows = 4, inputSize = 5, classes = 3
        let dense = DenseSoftmax<Double>(inputSize: inputSize, classes: classes, parameterOffset: 0)
        var random = FastRandom(seed: 3)
        let params = TestBuffer(uniform: dense.parameterCount, &random)
        let input = TestBuffer(uniform: rows * inputSize, &random)
        let labels: [Int32] = [2, 0, 1, 2]
        func loss() -> Double {
            dense.forward(input: input.pointer, rows: rows, parameters: params.pointer)
            return dense.loss(labels: labels, rows: rows)
        }
        // The loss is the mean of -log p[label], the probabilities sum to one.
        let value = loss()
        let byHand = (0..<rows).reduce(0.0) { $0 - Foundation.log(dense.output[$1 * classes + Int(labels[$1])]) }
        XCTAssertEqual(value, byHand / Double(rows), accuracy: 1e-12)
        for r in 0..<rows {
            XCTAssertEqual((0..<classes).reduce(0.0) { $0 + dense.output[r * classes + $1] }, 1, accuracy: 1e-12)
        }
        let grads = TestBuffer(zeros: params.count)
        dense.backward(input: input.pointer, labels: labels, rows: rows, parameters: params.pointer,
                       gradients: grads.pointer)
        let dInput = Array(UnsafeBufferPointer(start: dense.inputGradient, count: input.count))
        GradientCheck.assertMatches(grads.values, parameters: params.pointer, count: params.count, "dense weights", loss: loss)
        GradientCheck.assertMatches(dInput, parameters: input.pointer, count: input.count, "dense inputs", loss: loss)
    }
}
