// Role: prints Floats into a byte buffer for the text vector formats: shortest round-trip digits by default
// (Swift's own algorithm, small strings kept inline), or a fixed number of decimals.
import EmbedCore
import Foundation

enum FloatFormatter {
    /// The most bytes one value can take (with `precision` up to `maxPrecision`).
    static let maxBytes = 64
    static let maxPrecision = 12

    /// Writes `x` at `out` and returns the number of bytes written (at most `maxBytes`).
    /// `precision` nil: the shortest decimal that reads back as the same Float ("0.418", "1e-05", "-0.0").
    /// `precision` k: k decimals after the point, rounded to nearest ("%.kf" style).
    @inline(__always)
    static func write(_ x: Float, precision: Int?, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if let precision { return writeFixed(x, decimals: precision, to: out) }
        var text = x.description
        return text.withUTF8 { bytes in
            out.update(from: bytes.baseAddress!, count: bytes.count)
            return bytes.count
        }
    }

    private static let powersOfTen: [UInt64] = (0...maxPrecision).map { (e: Int) -> UInt64 in
        var p: UInt64 = 1
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// Fixed-point output in integer arithmetic, identical to printf's "%.kf": a Float has 24 significant bits and
    /// 10^k = 2^k * 5^k with 5^12 < 2^28, so |x| * 10^k is exact in Double and rounding it to an integer (ties to
    /// even) is the correctly rounded result. Values too large for that go through String(format:).
    static func writeFixed(_ x: Float, decimals: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(decimals >= 0 && decimals <= maxPrecision, "precision out of range")
        let scale = powersOfTen[decimals]
        let scaled = (Double(x.magnitude) * Double(scale)).rounded(.toNearestOrEven)
        guard scaled < 9.0e15 else {
            let text = String(format: "%.\(decimals)f", Double(x))
            let bytes = Array(text.utf8)
            out.update(from: bytes, count: bytes.count)
            return bytes.count
        }
        let units = UInt64(scaled)
        var n = 0
        if x.sign == .minus { out[0] = UInt8(ascii: "-"); n = 1 }
        n += writeDecimal(units / scale, to: out + n, minimumDigits: 1)
        if decimals > 0 {
            out[n] = UInt8(ascii: "."); n += 1
            n += writeDecimal(units % scale, to: out + n, minimumDigits: decimals)
        }
        return n
    }

    /// Decimal digits of `value`, left-padded with zeros to `minimumDigits`.
    private static func writeDecimal(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>, minimumDigits: Int) -> Int {
        var digits = 0
        var v = value
        repeat { digits += 1; v /= 10 } while v > 0
        let count = max(digits, minimumDigits)
        v = value
        for k in stride(from: count - 1, through: 0, by: -1) {
            out[k] = UInt8(truncatingIfNeeded: v % 10) + 48
            v /= 10
        }
        return count
    }
}
