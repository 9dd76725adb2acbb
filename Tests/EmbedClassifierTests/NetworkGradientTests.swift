// Role: finite-difference checks of the whole network in Double (stacked, bidirectional, LSTM and RNN,
// every sentence encoder, dropout with a replayed mask, fine-tuned embedding rows), and the masking property: a sequence gives the
// same probabilities and gradients alone or packed with longer ones.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import EmbedKernels
import XCTest

final class NetworkGradientTests: XCTestCase {
    static let dimension = 3
    /// Six words of random vectors.
    static let vectors: [Double] = {
        var random = FastRandom(seed: 11)
        return (0..<6 * dimension).map { _ in random.nextDouble() * 2 - 1 }
    }()

    func network(_ configure: (inout NetworkShape) -> Void) throws -> Network<Double> {
        var shape = NetworkShape(embeddingDimension: Self.dimension, classes: 3)
        shape.hidden = 4
        shape.dropout = 0
        configure(&shape)
        return try Self.vectors.withUnsafeBufferPointer { try Network<Double>(shape: shape, vectors: $0, seed: 5) }
    }

    /// Ids 1...6 are words, 7 is <UNK>; unequal lengths.
    let sequences: [[Int32]] = [[1, 2, 3, 4, 5], [6, 7], [2, 2, 1], [5], [3, 1, 6, 4]]
    let labels: [Int32] = [0, 2, 1, 1, 2]

    func check(_ net: Network<Double>, dropoutSeed: UInt64? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let batch = PackedBatch(sequences: sequences, indices: Array(sequences.indices))
        let packedLabels = batch.order.map { labels[$0] }
        func loss() -> Double {
            if let s = dropoutSeed { net.seedDropout(s) }
            net.forward(batch, training: dropoutSeed != nil)
            return net.loss(labels: packedLabels)
        }
        _ = loss()
        net.backward(batch, labels: packedLabels)
        let analytic = Array(net.gradients)
        let embeddingGradient = (0..<net.embedding.rows).map { net.embedding.gradient(row: $0) }
        GradientCheck.assertMatches(analytic, parameters: net.parameters.baseAddress!, count: net.parameterCount,
                                    "weights", loss: loss, file: file, line: line)
        if net.shape.trainEmbeddings {
            let d = Self.dimension
            GradientCheck.assertMatches(embeddingGradient.flatMap { $0 }, parameters: net.embedding.values,
                                        count: net.embedding.rows * d, tolerance: 1e-6, "embedding", loss: loss,
                                        file: file, line: line)
            XCTAssertEqual(embeddingGradient[0], [0, 0, 0], "padding row unused", file: file, line: line)
        }
    }

    func testOneLayerLSTM() throws { check(try network { $0.layers = 1 }) }

    func testTwoLayerLSTM() throws { check(try network { $0.layers = 2 }) }

    func testBidirectionalTwoLayerLSTMWithTrainedEmbedding() throws {
        check(try network { $0.layers = 2; $0.bidirectional = true; $0.trainEmbeddings = true })
    }

    func testBidirectionalRNN() throws { check(try network { $0.cell = .rnn; $0.layers = 2; $0.bidirectional = true }) }

    func testDropoutWithReplayedMask() throws {
        check(try network { $0.layers = 2; $0.bidirectional = true; $0.dropout = 0.5 }, dropoutSeed: 99)
    }

    func testBiLSTMMaxPooling() throws {
        check(try network { $0.encoder = .bilstmMax; $0.layers = 2; $0.trainEmbeddings = true })
    }

    func testBiLSTMMeanPoolingWithDropout() throws {
        check(try network { $0.encoder = .bilstmMean; $0.layers = 1; $0.dropout = 0.3; $0.trainEmbeddings = true },
              dropoutSeed: 7)
    }

    func testMeanOfVectors() throws { check(try network { $0.encoder = .mean; $0.trainEmbeddings = true }) }

    /// Widths 3, 4, 5 over sentences of 1 to 5 words: the short ones have one window ending in zeros.
    func testConvolution() throws {
        check(try network { $0.encoder = .cnn; $0.filters = 4; $0.trainEmbeddings = true })
    }

    func testConvolutionWithDropout() throws {
        check(try network { $0.encoder = .cnn; $0.filters = 4; $0.dropout = 0.5 }, dropoutSeed: 3)
    }

    /// The pooled encoders are bidirectional whatever `bidirectional` says; the others read no recurrent weights.
    func testEncoderWeightCounts() throws {
        let e = Double(Self.dimension), h = 4.0, k = 3.0
        XCTAssertEqual(try network { $0.encoder = .mean }.parameterCount, Int((e + 1) * k))
        XCTAssertEqual(try network { $0.encoder = .cnn; $0.filters = 2 }.parameterCount,
                       Int(2 * (3 * e + 1) + 2 * (4 * e + 1) + 2 * (5 * e + 1) + (6 + 1) * k))
        let lstm = 2 * 4 * h * (h + e + 1)     // one bidirectional LSTM layer
        XCTAssertEqual(try network { $0.encoder = .bilstmMax; $0.layers = 1 }.parameterCount, Int(lstm + (2 * h + 1) * k))
    }

    /// Padded steps change nothing: each sequence alone gives the probabilities it gets inside the batch,
    /// and the batch gradient is the mean of the single-sequence gradients.
    func testMaskingSequencesAloneEqualBatch() throws {
        try assertMasked(try network { $0.layers = 2; $0.bidirectional = true; $0.trainEmbeddings = true })
    }

    func testMaskingEveryEncoder() throws {
        for encoder in [SentenceEncoderKind.bilstmMax, .bilstmMean, .mean, .cnn] {
            try assertMasked(try network { $0.encoder = encoder; $0.layers = 1; $0.filters = 3; $0.trainEmbeddings = true })
        }
    }

    func assertMasked(_ net: Network<Double>, file: StaticString = #filePath, line: UInt = #line) throws {
        let classes = net.shape.classes
        let batch = PackedBatch(sequences: sequences, indices: Array(sequences.indices))
        let probs = net.forward(batch, training: false)
        var batched = [[Double]](repeating: [], count: sequences.count)
        for b in 0..<batch.count { batched[batch.order[b]] = Array(UnsafeBufferPointer(start: probs + b * classes, count: classes)) }
        net.backward(batch, labels: batch.order.map { labels[$0] })
        let batchGradient = Array(net.gradients)
        let batchEmbedding = net.embedding.gradient(row: 2)
        var summed = [Double](repeating: 0, count: net.parameterCount)
        var summedEmbedding = [Double](repeating: 0, count: Self.dimension)
        for (s, seq) in sequences.enumerated() {
            let single = PackedBatch(sequences: [seq], indices: [0])
            let p = net.forward(single, training: false)
            for j in 0..<classes { XCTAssertEqual(p[j], batched[s][j], accuracy: 1e-12, "\(net.shape.encoder)", file: file, line: line) }
            net.backward(single, labels: [labels[s]])
            for i in 0..<summed.count { summed[i] += net.gradients[i] / Double(sequences.count) }
            for (k, v) in net.embedding.gradient(row: 2).enumerated() { summedEmbedding[k] += v / Double(sequences.count) }
        }
        for i in 0..<summed.count { XCTAssertEqual(batchGradient[i], summed[i], accuracy: 1e-12, file: file, line: line) }
        for k in 0..<Self.dimension { XCTAssertEqual(batchEmbedding[k], summedEmbedding[k], accuracy: 1e-12, file: file, line: line) }
        XCTAssertNotEqual(batched[0], batched[3], "different sentences, different outputs", file: file, line: line)
    }

    /// The Float network (SIMD activations, sgemm) computes what the Double reference computes.
    func testFloatMatchesDouble() throws {
        var shape = NetworkShape(embeddingDimension: Self.dimension, classes: 3)
        shape.hidden = 16
        shape.bidirectional = true
        let double = try Self.vectors.withUnsafeBufferPointer { try Network<Double>(shape: shape, vectors: $0, seed: 8) }
        let float = try Self.vectors.withUnsafeBufferPointer { try Network<Float>(shape: shape, vectors: $0, seed: 8) }
        let batch = PackedBatch(sequences: sequences, indices: Array(sequences.indices))
        let pd = double.forward(batch, training: false), pf = float.forward(batch, training: false)
        for i in 0..<batch.count * 3 { XCTAssertEqual(Double(pf[i]), pd[i], accuracy: 2e-6) }
        let packedLabels = batch.order.map { labels[$0] }
        double.backward(batch, labels: packedLabels)
        float.backward(batch, labels: packedLabels)
        for i in 0..<double.parameterCount { XCTAssertEqual(Double(float.gradients[i]), double.gradients[i], accuracy: 2e-5) }
    }
}
