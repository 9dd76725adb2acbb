// Role: finite-difference checks of the character encoder in Double (character table rows and both LSTM
// directions, through the final states of packed character sequences of unequal lengths).
import EmbedCore
import EmbedClassifier
import EmbedTestSupport
@testable import EmbedTagger
import XCTest

final class CharacterEncoderTests: XCTestCase {
    func testGradientsMatchFiniteDifferences() {
        let encoder = CharacterEncoder<Double>(rows: 6, dimension: 3, hidden: 2, parameterOffset: 1)
        let spellings: [[Int32]] = [[1, 2, 3, 4], [5], [0, 2, 2], [3, 1]]
        let batch = PackedBatch(sequences: spellings, indices: Array(spellings.indices))
        var random = FastRandom(seed: 13)
        let parameters = TestBuffer(uniform: encoder.parameterCount + 1, &random, scale: 0.8)
        let projection = TestBuffer(uniform: batch.count * encoder.outputSize, &random)
        func loss() -> Double {
            let f = encoder.forward(batch, parameters: parameters.pointer)
            return (0..<projection.count).reduce(0) { $0 + projection[$1] * f[$1] }
        }
        _ = loss()
        let grads = TestBuffer(zeros: parameters.count)
        encoder.backward(batch, featureGradient: projection.pointer, parameters: parameters.pointer, gradients: grads.pointer)
        XCTAssertEqual(grads[0], 0, "outside the encoder's slice")
        GradientCheck.assertMatches(Array(grads.values[1...]), parameters: parameters.pointer + 1,
                                    count: encoder.parameterCount, "character encoder", loss: loss)
        // Row 0 (the unknown character) occurs in the batch, so it is trained like any other row.
        XCTAssertNotEqual((0..<3).map { grads[1 + 0 * 3 + $0] }, [0, 0, 0])
    }

    /// A spelling gives the same features alone or packed with longer and shorter ones (masking).
    func testFeaturesDoNotDependOnTheBatch() {
        let encoder = CharacterEncoder<Double>(rows: 6, dimension: 3, hidden: 2, parameterOffset: 0)
        var random = FastRandom(seed: 2)
        let parameters = TestBuffer(uniform: encoder.parameterCount, &random, scale: 0.8)
        let alone = PackedBatch(sequences: [[3, 1, 4]], indices: [0])
        let single = Array(UnsafeBufferPointer(start: encoder.forward(alone, parameters: parameters.pointer), count: 4))
        let spellings: [[Int32]] = [[1, 2, 3, 4, 5, 1], [3, 1, 4], [2]]
        let mixed = PackedBatch(sequences: spellings, indices: [0, 1, 2])
        let f = encoder.forward(mixed, parameters: parameters.pointer)
        let b = mixed.order.firstIndex(of: 1)!
        for k in 0..<4 { XCTAssertEqual(f[b * 4 + k], single[k], accuracy: 1e-12) }
    }
}
