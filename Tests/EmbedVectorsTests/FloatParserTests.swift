// Role: the byte-level float parser against strtof (the C library's correctly rounded conversion) and by hand:
// shortest and long decimals, exact float midpoints, subnormals, and every refusal (NaN, infinity, range, junk).
import EmbedCore
import Foundation
import EmbedTestSupport
import XCTest
@testable import EmbedVectors

final class FloatParserTests: XCTestCase {
    private func parse(_ text: String) -> Result<Float, FloatParser.Failure> {
        Array(text.utf8).withUnsafeBufferPointer { FloatParser.parse($0) }
    }

    private func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Float? {
        guard case .success(let v) = parse(text) else { XCTFail("\(text) refused", file: file, line: line); return nil }
        return v
    }

    private func strtofValue(_ text: String) -> Float { text.withCString { strtof($0, nil) } }

    func testHandWrittenValues() {
        XCTAssertEqual(value("0.418"), 0.418)
        XCTAssertEqual(value("-0.41242"), -0.41242)
        XCTAssertEqual(value("4.0071"), 4.0071)
        XCTAssertEqual(value("+2.5"), 2.5)
        XCTAssertEqual(value(".5"), 0.5)
        XCTAssertEqual(value("5."), 5)
        XCTAssertEqual(value("1e-05"), 1e-5)
        XCTAssertEqual(value("1E+3"), 1000)
        XCTAssertEqual(value("12345678901234567890123"), strtofValue("12345678901234567890123"))   // > 19 digits
        XCTAssertEqual(value("0." + String(repeating: "0", count: 44) + "140129846432481707"), Float.leastNonzeroMagnitude)
        XCTAssertEqual(value("3.4028235e38"), Float.greatestFiniteMagnitude)
        let negativeZero = value("-0.0")
        XCTAssertEqual(negativeZero, 0)
        XCTAssertEqual(negativeZero?.sign, .minus)
        XCTAssertEqual(value("000123.4500"), 123.45)
    }

    /// 1 + 2^-24 lies exactly halfway between 1 and the next Float: ties go to the even one (1.0); a hair above
    /// goes up. The fast path computes the halfway point exactly in Double and must hand it to strtof.
    func testMidpointsRoundToEven() {
        XCTAssertEqual(value("1.000000059604644775390625"), 1.0)
        XCTAssertEqual(value("1.000000059604644775390626"), Float(1).nextUp)
        XCTAssertEqual(value("1.0000001788139343261718750"), Float(1).nextUp.nextUp) // 1 + 3 * 2^-24: tie to even
        XCTAssertEqual(value("16777217"), 16777216)       // 2^24 + 1: halfway, even is 2^24
        XCTAssertEqual(value("16777219"), 16777220)       // halfway between ...218 and ...220: even is ...220
        XCTAssertEqual(value("16777217.0000001"), 16777218)
        // 16-digit decimals whose correctly rounded Double is exactly a Float midpoint although the decimal is
        // above it (found by search with exact fractions): rounding that Double to even would go down.
        XCTAssertEqual(value("6.082567758858204e-2")?.bitPattern, 0x3D79_2459)
        XCTAssertEqual(value("3.509967694748259e+26")?.bitPattern, 0x6B91_2B3B)
        XCTAssertEqual(value("2.815886805503351e+28")?.bitPattern, 0x6EB5_F8F1)
        for text in ["6.082567758858204e-2", "3.509967694748259e+26", "2.815886805503351e+28"] {
            XCTAssertEqual(value(text)?.bitPattern, strtofValue(text).bitPattern, text)
        }
    }

    func testAgreesWithStrtofOnPrintedFloats() {
        var rng = FastRandom(seed: 20261202)   // seeded: a failure is reproducible
        for _ in 0..<20_000 {
            // Random finite bit patterns cover every exponent, subnormals included.
            var x = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &rng))
            if !x.isFinite { x = 1 }
            for text in [x.description, String(format: "%.9g", Double(x)), String(format: "%.6f", Double(x)),
                         String(format: "%.3e", Double(x))] {
                let expected = strtofValue(text)
                guard expected.isFinite else {
                    // Rounded up past Float.greatestFiniteMagnitude (e.g. "3.403e+38"): out of range, refused.
                    if case .success = parse(text) { XCTFail("\(text) overflows a float but was accepted") }
                    continue
                }
                guard case .success(let v) = parse(text) else { XCTFail("\(text) refused"); continue }
                XCTAssertEqual(v.bitPattern, expected.bitPattern, text)
            }
            XCTAssertEqual(value(x.description)?.bitPattern, x.bitPattern, "shortest digits read back exactly")
        }
    }

    func testAgreesWithStrtofOnRandomDecimals() {
        var rng = FastRandom(seed: 7)
        for _ in 0..<20_000 {
            let digits = (0..<Int.random(in: 1...22, using: &rng)).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
            let point = Int.random(in: 0...digits.count, using: &rng)
            var text = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if Bool.random(using: &rng) { text += "e\(Int.random(in: -45...38, using: &rng))" }
            if Bool.random(using: &rng) { text = "-" + text }
            let expected = strtofValue(text)
            switch parse(text) {
            case .success(let v): XCTAssertEqual(v.bitPattern, expected.bitPattern, text)
            case .failure(let f):
                XCTAssertEqual(f, .outOfRange, text)
                XCTAssertTrue(expected.isInfinite, text)
            }
        }
    }

    func testRefusals() {
        for text in ["nan", "NaN", "-nan", "nan(0x1)"] { XCTAssertEqual(parse(text), .failure(.nan), text) }
        for text in ["inf", "-inf", "+Infinity", "INF"] { XCTAssertEqual(parse(text), .failure(.infinity), text) }
        for text in ["1e39", "-3.5e38", "1e100000"] { XCTAssertEqual(parse(text), .failure(.outOfRange), text) }
        for text in ["", "-", "+", ".", "abc", "1.2.3", "1e", "1e+", "0x10", "1,5", "--1", "1-", "e5", " 1", "1 "] {
            XCTAssertEqual(parse(text), .failure(.notANumber), "\"\(text)\"")
        }
    }

    func testTinyValuesUnderflowInsteadOfFailing() {
        XCTAssertEqual(value("1e-50"), 0)
        XCTAssertEqual(value("-1e-46")?.sign, .minus)
    }
}
