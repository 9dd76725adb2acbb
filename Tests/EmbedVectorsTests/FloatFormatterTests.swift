// Role: the float printer: shortest digits that read back bit for bit, and fixed decimals like printf's %.Nf.
import EmbedCore
import Foundation
import EmbedTestSupport
import XCTest
@testable import EmbedVectors

final class FloatFormatterTests: XCTestCase {
    private func text(_ x: Float, precision: Int? = nil) -> String {
        var bytes = [UInt8](repeating: 0, count: FloatFormatter.maxBytes)
        let n = bytes.withUnsafeMutableBufferPointer { FloatFormatter.write(x, precision: precision, to: $0.baseAddress!) }
        return String(decoding: bytes.prefix(n), as: UTF8.self)
    }

    func testShortestDigits() {
        XCTAssertEqual(text(0.418), "0.418")
        XCTAssertEqual(text(-0.00066023), "-0.00066023")
        XCTAssertEqual(text(1), "1.0")
        XCTAssertEqual(text(-0.0), "-0.0")
        XCTAssertEqual(text(1e-5), "1e-05")
    }

    func testShortestDigitsReadBackExactly() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var x = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &rng))
            if !x.isFinite { x = -Float.leastNormalMagnitude }
            let t = text(x)
            XCTAssertEqual(t.withCString { strtof($0, nil) }.bitPattern, x.bitPattern, t)
        }
    }

    func testFixedDecimalsMatchPrintf() {
        var rng = SystemRandomNumberGenerator()
        for precision in [0, 1, 2, 5, 6, 9, 12] {
            for _ in 0..<3000 {
                var x = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &rng))
                if !x.isFinite { x = 0.125 }
                XCTAssertEqual(text(x, precision: precision), String(format: "%.\(precision)f", Double(x)), "\(x)")
            }
        }
        // Exact ties go to the even digit, as glibc's printf does.
        XCTAssertEqual(text(0.125, precision: 2), "0.12")
        XCTAssertEqual(text(0.375, precision: 2), "0.38")
        XCTAssertEqual(text(2.5, precision: 0), "2")
        XCTAssertEqual(text(0.5, precision: 3), "0.500")
        XCTAssertEqual(text(-0.0001, precision: 2), "-0.00")
        XCTAssertEqual(text(123.456, precision: 2), "123.46")
    }
}
