// Role: parses decimal numbers from raw bytes into correctly rounded Floats, fast (no String, no allocation):
// an exact Double fast path with a midpoint check, strtof for the rare cases it cannot settle.
// One grammar: `scan` (hot, used in place by the row parser) and `parse` (a whole token) share it.
import EmbedCore
import Foundation

enum FloatParser {
    /// Why a token is not a usable Float.
    enum Failure: Error, Equatable {
        case notANumber, nan, infinity, outOfRange

        func message(_ token: UnsafeBufferPointer<UInt8>, dimension: Int, column: Int) -> String {
            let text = String(decoding: token.prefix(40), as: UTF8.self)
            switch self {
            case .notANumber: return "value \(column) of \(dimension) is not a number: \"\(text)\""
            case .nan: return "value \(column) of \(dimension) is NaN"
            case .infinity: return "value \(column) of \(dimension) is infinite"
            case .outOfRange: return "value \(column) of \(dimension) is out of Float range: \(text)"
            }
        }
    }

    /// 10^e for 0 <= e <= 22, all exact in Double (a literal table: statically initialised, a load per use,
    /// where a switch would become an unpredictable indirect jump).
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
    private static let integerPowersOfTen: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// Appends the decimal digits at p[i...] to `mantissa` (wrapping past 19 digits: the caller counts them)
    /// and moves `i` past them. Eight bytes at a time while they lie inside the token's line.
    @inline(__always)
    private static func readDigits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int, _ mantissa: inout UInt64) {
        while i &+ 8 <= n {
            let t = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self).littleEndian ^ 0x3030_3030_3030_3030
            // A byte is a digit when t's byte is 0...9: flag the others in their high bit (no carries between bytes).
            let nonDigit = (((t & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | t) & 0x8080_8080_8080_8080
            let count = nonDigit.trailingZeroBitCount >> 3
            if count == 0 { return }
            // Keep the `count` leading digits in the high bytes (zeros below act as leading zeros), then combine
            // digit pairs and the four pairs (the first byte is the most significant digit).
            var v = count == 8 ? t : t << (64 - 8 * UInt64(count))
            v = (v &* 10) &+ (v >> 8)
            let mask: UInt64 = 0x0000_00FF_0000_00FF
            v = ((v & mask) &* (100 + (1_000_000 << 32)) &+ ((v >> 16) & mask) &* (1 + (10_000 << 32))) >> 32
            mantissa = mantissa &* integerPowersOfTen[count] &+ v
            i &+= count
            if count < 8 { return }
        }
        while i < n, case let d = p[i] &- 48, d < 10 { mantissa = mantissa &* 10 &+ UInt64(d); i &+= 1 }
    }

    /// What `scan` found.
    enum Scan: UInt8 {
        /// A number, converted exactly.
        case value
        /// A well-formed number the fast path cannot settle (many digits, tiny or huge exponent, a tie):
        /// convert the token with `parse`.
        case needsSlowPath
        /// Not `[+-]digits[.digits][(e|E)[+-]digits]`.
        case malformed
    }

    /// Reads the longest number syntax starting at p[start] (start < n) and returns where it stops.
    /// With `.value`, `value` is the Float nearest to the decimal number (ties to even), like strtof.
    /// The caller checks that the number ends at a separator.
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, from start: Int, to n: Int) -> (end: Int, value: Float, result: Scan) {
        var i = start
        let negative = p[i] == UInt8(ascii: "-")
        i &+= negative || p[i] == UInt8(ascii: "+") ? 1 : 0
        var mantissa: UInt64 = 0
        let integerStart = i
        readDigits(p, &i, n, &mantissa)
        var digits = i - integerStart
        var exponent = 0
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            readDigits(p, &i, n, &mantissa)
            exponent = fractionStart - i
            digits += i - fractionStart
        }
        guard digits > 0 else { return (i, 0, .malformed) }
        if i < n && (p[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                negativeExponent = p[i] == UInt8(ascii: "-"); i += 1
            }
            let exponentStart = i
            var e = 0
            while i < n, case let d = p[i] &- 48, d < 10 { if e < 100_000 { e = e &* 10 &+ Int(d) }; i += 1 }
            guard i > exponentStart else { return (i, 0, .malformed) }
            exponent += negativeExponent ? -e : e
        }
        // Up to 19 digits fit in UInt64 exactly; more (or an extreme exponent) go to strtof.
        guard digits <= 19 else { return (i, 0, .needsSlowPath) }
        if mantissa == 0 { return (i, negative ? -0.0 : 0.0, .value) }
        guard mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 else { return (i, 0, .needsSlowPath) }
        // Double(mantissa) and 10^|exponent| are exact, so one multiplication or division gives the correctly
        // rounded Double d. Rounding d to Float equals rounding the decimal number directly unless d lies exactly
        // on a midpoint between two Floats (the number itself could be on either side of it).
        let m = Double(mantissa)
        let d = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
        guard d.bitPattern & ((1 << 29) - 1) != 1 << 28, d >= Double(Float.leastNormalMagnitude),
              d <= Double(Float.greatestFiniteMagnitude) else { return (i, 0, .needsSlowPath) }
        let f = Float(d)
        return (i, negative ? -f : f, .value)
    }

    /// Parses the whole of `token` as one number (see `scan`); NaN, infinities and values beyond Float's
    /// range are refused.
    static func parse(_ token: UnsafeBufferPointer<UInt8>) -> Result<Float, Failure> {
        guard let p = token.baseAddress, token.count > 0 else { return .failure(.notANumber) }
        let (end, value, result) = scan(p, from: 0, to: token.count)
        switch result {
        case .value where end == token.count: return .success(value)
        case .needsSlowPath where end == token.count: return slowPath(token)
        default: return .failure(special(token))
        }
    }

    /// strtof on a NUL-terminated copy (the grammar was already checked).
    private static func slowPath(_ token: UnsafeBufferPointer<UInt8>) -> Result<Float, Failure> {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: token.count + 1) { scratch in
            for k in 0..<token.count { scratch[k] = CChar(bitPattern: token[k]) }
            scratch[token.count] = 0
            errno = 0
            let value = strtof(scratch.baseAddress!, nil)
            if value.isInfinite { return .failure(.outOfRange) }
            return .success(value)
        }
    }

    /// Classifies a malformed token: a spelled NaN or infinity (any case, signed or not), or just not a number.
    private static func special(_ token: UnsafeBufferPointer<UInt8>) -> Failure {
        var word = String(decoding: token, as: UTF8.self).lowercased()
        if word.hasPrefix("-") || word.hasPrefix("+") { word.removeFirst() }
        if word.hasPrefix("nan") { return .nan }
        if word == "inf" || word == "infinity" { return .infinity }
        return .notANumber
    }
}
