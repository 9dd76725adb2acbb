// Role: masking in the Float network the tools run (inference mode, dropout configured): a sentence gets the
// same probabilities alone as packed with longer ones, whatever the batch, and a batch's loss is the mean of
// its sentences' losses. (The Double gradient tests cover the gradient side of the same property.)
// "Same" is up to 1e-6: OpenBLAS's sgemm may pick another kernel (summation order) for another number of
// rows, which moves results by an ulp or two; a masking fault moves them by orders of magnitude more.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import Foundation
import XCTest

final class FloatMaskingTests: XCTestCase {
    /// Unequal lengths, from 1 to 9 tokens; rows 1...12 are words, 13 is <UNK>.
    let sequences: [[Int32]] = [[1, 2, 3], [9, 10, 11, 12, 1, 5, 6, 7, 13], [4], [2, 2, 8, 8, 13], [13],
                                [6, 5, 4, 3, 2, 1], [7, 7], [12, 11, 10, 9, 8, 7, 6, 5]]
    let labels: [Int32] = [1, 0, 0, 1, 0, 1, 1, 0]

    func check(_ configure: (inout NetworkShape) -> Void, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try TestFolder()
        let model = try TinyTask.trainedClassifier(folder: folder) { shape in
            shape.dropout = 0.5         // inference must not drop anything
            configure(&shape)
        }
        let net = model.network
        let together = net.probabilities(of: sequences)
        let alone = sequences.map { net.probabilities(of: [$0])[0] }
        assertClose(alone, together, "alone vs one packed batch", file: file, line: line)
        // Batches of two (the shortest with the next shortest, ...) and of three, in a different order.
        assertClose(net.probabilities(of: sequences, batchSize: 2), together, "pairs", file: file, line: line)
        assertClose(Array(net.probabilities(of: Array(sequences.reversed()), batchSize: 3).reversed()), together,
                    "threes", file: file, line: line)
        XCTAssertEqual(net.probabilities(of: sequences), together, "inference is deterministic", file: file, line: line)
        XCTAssertEqual(Set(together.map { $0.map(\.bitPattern) }).count, sequences.count, "distinct sentences, distinct outputs",
                       file: file, line: line)

        // The batch loss is the mean of the single-sentence losses; evaluate reports the same mean.
        let batch = PackedBatch(sequences: sequences, indices: Array(sequences.indices))
        net.forward(batch, training: false)
        let batchLoss = Double(net.loss(labels: batch.order.map { labels[$0] }))
        var sum = 0.0
        for (s, seq) in sequences.enumerated() {
            net.forward(PackedBatch(sequences: [seq], indices: [0]), training: false)
            let single = Double(net.loss(labels: [labels[s]]))
            XCTAssertEqual(single, -log(Double(together[s][Int(labels[s])])), accuracy: 1e-6, file: file, line: line)
            sum += single
        }
        XCTAssertEqual(batchLoss, sum / Double(sequences.count), accuracy: 1e-6, file: file, line: line)
        let score = net.evaluate(EncodedSet(sequences: sequences, labels: labels), batchSize: 3)
        XCTAssertEqual(score.loss, sum / Double(sequences.count), accuracy: 1e-6, file: file, line: line)
        XCTAssertEqual(score.confusion.flatMap { $0 }.reduce(0, +), sequences.count, file: file, line: line)
    }

    func assertClose(_ a: [[Float]], _ b: [[Float]], _ what: String, file: StaticString, line: UInt) {
        XCTAssertEqual(a.map(\.count), b.map(\.count), what, file: file, line: line)
        let worst = zip(a.joined(), b.joined()).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(worst, 1e-6, what, file: file, line: line)
    }

    func testTwoLayerLSTM() throws { try check { $0.layers = 2 } }

    func testBidirectionalLSTM() throws { try check { $0.layers = 2; $0.bidirectional = true } }

    func testPooledEncodersAndCNN() throws {
        try check { $0.encoder = .bilstmMax; $0.layers = 1 }
        try check { $0.encoder = .bilstmMean; $0.layers = 1 }
        try check { $0.encoder = .mean }
        try check { $0.encoder = .cnn; $0.filters = 8 }
    }

    func testBidirectionalRNN() throws { try check { $0.cell = .rnn; $0.layers = 1; $0.bidirectional = true } }
}
