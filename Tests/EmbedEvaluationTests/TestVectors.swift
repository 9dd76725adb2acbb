// Role: builds small in-memory embeddings for the evaluation tests from (word, vector) rows.
import EmbedCore
import EmbedTestSupport
import EmbedVectors
import XCTest

enum TestVectors {
    static func make(_ rows: [(String, [Float])]) throws -> WordVectors { try Fixtures.vectors(rows) }

    // Unit vectors with exactly representable entries, so every cosine and every 3CosAdd score is exact
    // and ties are exact ties whatever the summation order.
    static let e1: [Float] = [1, 0, 0, 0], e2: [Float] = [0, 1, 0, 0], e3: [Float] = [0, 0, 1, 0], e4: [Float] = [0, 0, 0, 1]
    static func half(_ s: Float, _ t: Float, _ u: Float, _ v: Float) -> [Float] { [s * 0.5, t * 0.5, u * 0.5, v * 0.5] }
}
