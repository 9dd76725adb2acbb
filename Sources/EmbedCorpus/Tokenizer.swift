// Role: splits one line of UTF-8 bytes into tokens held in a reusable byte arena (no allocation per token
// on the ASCII fast path); lower-cases and validates UTF-8 as the options say.
import EmbedCore
import EmbedStreams

/// Splits one line of UTF-8 at a time into tokens kept in a reusable byte arena, lower-casing and checking
/// UTF-8 as its options say; the tokens stay valid until the next line.
public final class Tokenizer {
    /// How lines are split, lower-cased and checked.
    public let options: TokenizerOptions
    @usableFromInline var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaUsed = 0
    @usableFromInline var starts: UnsafeMutablePointer<Int32>
    @usableFromInline var lengths: UnsafeMutablePointer<Int32>
    private var tokenCapacity: Int
    /// Number of tokens of the last line tokenized.
    public private(set) var count = 0

    /// A tokenizer applying `options`, with room for 64 KiB of token bytes and 4,096 tokens to start (both grow).
    public init(_ options: TokenizerOptions = TokenizerOptions()) {
        self.options = options
        arenaCapacity = 1 << 16
        arena = .allocate(capacity: arenaCapacity)
        tokenCapacity = 1 << 12
        starts = .allocate(capacity: tokenCapacity)
        lengths = .allocate(capacity: tokenCapacity)
    }

    deinit {
        arena.deallocate(); starts.deallocate(); lengths.deallocate()
    }

    /// Token i of the last line, valid until the next call to `tokenize` (inlinable: every counting loop
    /// calls it once per token, from other modules).
    @inlinable @inline(__always)
    public func token(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + Int(starts[i]), count: Int(lengths[i]))
    }

    /// The last line's tokens as plain pointers, valid until the next call to `tokenize`: a loop over a line
    /// reads the tokenizer's stored properties once here instead of once per token (each read of a class's
    /// stored property from another module is an exclusivity check at run time).
    @inlinable
    public var line: TokenLine { TokenLine(arena: arena, starts: starts, lengths: lengths, count: count) }

    /// Token i as a String.
    public func string(_ i: Int) -> String { String(decoding: token(i), as: UTF8.self) }

    /// Tokenizes one line (a document). `path` and `lineNumber` only serve error messages.
    /// Throws `InputError` naming them for invalid UTF-8 under the `.error` policy.
    public func tokenize(_ line: UnsafeBufferPointer<UInt8>, path: String = "<text>", lineNumber: Int = 1) throws {
        count = 0
        arenaUsed = 0
        reserveArena(line.count * 3 + 16)   // lower-casing may grow a few characters; U+FFFD is 3 bytes
        switch options.mode {
        case .whitespace: try splitOnWhitespace(line, path: path, lineNumber: lineNumber)
        case .unicode: try splitUnicode(line, path: path, lineNumber: lineNumber)
        }
    }

    /// Convenience for short texts: the tokens of `text` as Strings (they replace the last line's tokens).
    /// Declared throwing because `tokenize` is; a Swift string is valid UTF-8, so it does not throw in practice.
    public func tokens(of text: String) throws -> [String] {
        var copy = text
        return try copy.withUTF8 { bytes in
            try tokenize(bytes)
            return (0..<count).map { string($0) }
        }
    }

    // MARK: whitespace mode

    /// Lower-cases the ASCII capitals among 8 bytes (bytes >= 0x80 are left alone).
    @inline(__always)
    static func lowercaseASCII(_ v: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let heptets = v & (0x7F * ones)
        let aboveAt = heptets &+ (0x80 - 0x41) * ones        // high bit set where byte >= 'A'
        let aboveZ = heptets &+ (0x80 - 0x5B) * ones         // high bit set where byte > 'Z'
        let isUpper = aboveAt & ~aboveZ & ~v & (0x80 * ones)
        return v | (isUpper >> 2)                              // 0x80 >> 2 = 0x20
    }

    @inline(__always)
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    private func splitOnWhitespace(_ line: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int) throws {
        guard let base = line.baseAddress else { return }
        let n = line.count
        while tokenCapacity < n / 2 + 1 { growTokens() }   // a line holds at most (n + 1) / 2 tokens
        let lower = options.lowercase
        // Locals instead of stored properties: the loop runs once per byte of the corpus.
        var out = arena
        let starts = self.starts, lengths = self.lengths
        var used = arenaUsed, tokens = count
        var i = 0
        while i < n {
            while i < n && Tokenizer.isSpace(base[i]) { i += 1 }
            if i == n { break }
            let start = used
            var high: UInt64 = 0
            // 8 bytes at a time. The lowest flagged byte of `stop` is the first byte <= 0x20 (a separator, or a
            // control byte the loop below looks at); the bytes before it are the token's, stored with the whole
            // word (the arena has room past the line: the bytes after them are overwritten by what follows).
            while i + 8 <= n {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let stop = (v &- 0x2121_2121_2121_2121) & ~v & 0x8080_8080_8080_8080
                let lowered = lower ? Tokenizer.lowercaseASCII(v) : v
                UnsafeMutableRawPointer(out + used).storeBytes(of: lowered, as: UInt64.self)
                if stop != 0 {
                    let bits = stop.trailingZeroBitCount & ~7     // 8 x the bytes before the stop
                    high |= v & ((1 << UInt64(bits)) &- 1)
                    used += bits >> 3; i += bits >> 3
                    break
                }
                high |= v
                used += 8; i += 8
            }
            while i < n {
                let b = base[i]
                if Tokenizer.isSpace(b) { break }
                high |= UInt64(b)
                out[used] = (lower && b &- 0x41 < 26) ? b | 0x20 : b
                used += 1
                i += 1
            }
            if high & 0x8080_8080_8080_8080 != 0 {
                arenaUsed = used; count = tokens
                try finishNonASCII(from: start, path: path, lineNumber: lineNumber)
                used = arenaUsed; tokens = count; out = arena
            } else {
                starts[tokens] = Int32(start)
                lengths[tokens] = Int32(used - start)
                tokens += 1
            }
        }
        arenaUsed = used; count = tokens
    }

    /// A token with bytes >= 0x80: validate (or repair) and lower-case with Unicode rules.
    private func finishNonASCII(from start: Int, path: String, lineNumber: Int) throws {
        let raw = UnsafeBufferPointer(start: arena + start, count: arenaUsed - start)
        var text: String
        if let valid = String(validating: raw, as: UTF8.self) {
            text = valid
        } else if options.invalidUTF8 == .replace {
            text = String(decoding: raw, as: UTF8.self)
        } else {
            throw InputError("invalid UTF-8 (`invalidUTF8` replace substitutes U+FFFD)", path: path, line: lineNumber)
        }
        if options.lowercase { text = text.lowercased() }
        arenaUsed = start
        append(text)
    }

    // MARK: unicode mode

    private func splitUnicode(_ line: UnsafeBufferPointer<UInt8>, path: String, lineNumber: Int) throws {
        let text: String
        if let valid = String(validating: line, as: UTF8.self) {
            text = valid
        } else if options.invalidUTF8 == .replace {
            text = String(decoding: line, as: UTF8.self)
        } else {
            throw InputError("invalid UTF-8 (`invalidUTF8` replace substitutes U+FFFD)", path: path, line: lineNumber)
        }
        var current = ""
        func flush() {
            if !current.isEmpty { append(options.lowercase ? current.lowercased() : current); current = "" }
        }
        for ch in text {
            guard let scalar = ch.unicodeScalars.first else { continue }
            let p = scalar.properties
            if p.isWhitespace {
                flush()
            } else if Tokenizer.standsAlone(p) {
                flush()
                append(options.lowercase ? String(ch).lowercased() : String(ch))
            } else {
                current.append(ch)
            }
        }
        flush()
    }

    /// Punctuation, symbols and ideographs each make a token of their own.
    private static func standsAlone(_ p: Unicode.Scalar.Properties) -> Bool {
        if p.isIdeographic { return true }
        switch p.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    // MARK: storage

    private func append(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            reserveArena(arenaUsed + bytes.count)
            let start = arenaUsed
            (arena + start).update(from: bytes.baseAddress!, count: bytes.count)
            arenaUsed += bytes.count
            push(start: start, length: bytes.count)
        }
    }

    @inline(__always)
    private func push(start: Int, length: Int) {
        if count == tokenCapacity { growTokens() }
        starts[count] = Int32(start)
        lengths[count] = Int32(length)
        count += 1
    }

    private func growTokens() {
        let doubled = tokenCapacity * 2
        var lengthsCapacity = tokenCapacity
        UnsafeMutablePointer.grow(&lengths, capacity: &lengthsCapacity, keeping: count, toHold: doubled)
        UnsafeMutablePointer.grow(&starts, capacity: &tokenCapacity, keeping: count, toHold: doubled)
    }

    private func reserveArena(_ needed: Int) {
        UnsafeMutablePointer.grow(&arena, capacity: &arenaCapacity, keeping: arenaUsed, toHold: needed)
    }
}

/// The tokens of one tokenized line (`Tokenizer.line`), valid until the tokenizer's next line.
public struct TokenLine {
    @usableFromInline let arena: UnsafePointer<UInt8>
    @usableFromInline let starts: UnsafePointer<Int32>
    @usableFromInline let lengths: UnsafePointer<Int32>
    /// Number of tokens of the line.
    public let count: Int

    @inlinable
    init(arena: UnsafeMutablePointer<UInt8>, starts: UnsafeMutablePointer<Int32>, lengths: UnsafeMutablePointer<Int32>,
         count: Int) {
        self.arena = UnsafePointer(arena)
        self.starts = UnsafePointer(starts)
        self.lengths = UnsafePointer(lengths)
        self.count = count
    }

    /// Token i of the line.
    @inlinable @inline(__always)
    public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: arena + Int(starts[i]), count: Int(lengths[i]))
    }
}
