// Role: the SIMD sigmoid and tanh kernels of the recurrent layers against Foundation's exp/tanh over the whole
// range (saturated tails, zero, the vector tail of a length that is not a multiple of 8).
import EmbedCore
import EmbedTestSupport
import Foundation
import EmbedKernels
import XCTest

final class ActivationTests: XCTestCase {
    /// -100 ... 100 in steps of 0.01 (20001 values: the last vector is partial).
    let inputs: [Float] = (0...20000).map { Float($0 - 10000) / 100 }

    func testSigmoidMatchesFoundation() {
        var values = inputs
        values.withUnsafeMutableBufferPointer { RecurrentActivations.sigmoid($0.baseAddress!, count: $0.count) }
        for (x, y) in zip(inputs, values) {
            let expected = 1 / (1 + Foundation.exp(-Double(x)))
            XCTAssertEqual(Double(y), expected, accuracy: 1e-6 + 1e-6 * expected, "sigmoid(\(x))")
        }
    }

    func testTanhMatchesFoundation() {
        var values = inputs
        values.withUnsafeMutableBufferPointer { RecurrentActivations.tanh($0.baseAddress!, count: $0.count) }
        for (x, y) in zip(inputs, values) {
            XCTAssertEqual(Double(y), Foundation.tanh(Double(x)), accuracy: 2e-6, "tanh(\(x))")
        }
    }
}
