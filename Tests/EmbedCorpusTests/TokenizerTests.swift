// Role: tests tokenization: whitespace splitting, lower-casing (ASCII and Unicode), the Unicode mode's
// punctuation and CJK handling, and the invalid UTF-8 policy.
import EmbedCore
import XCTest
@testable import EmbedCorpus
import EmbedStreams

final class TokenizerTests: XCTestCase {
    func testWhitespaceSplitsAndLowercases() throws {
        let t = Tokenizer()
        XCTAssertEqual(try t.tokens(of: "  The\tQUICK  brown\u{0B}fox  "), ["the", "quick", "brown", "fox"])
        XCTAssertEqual(try t.tokens(of: ""), [])
        XCTAssertEqual(try t.tokens(of: "   "), [])
    }

    func testEightByteLowercasingMatchesTheByteRule() {
        for b in 0...255 {
            let byte = UInt8(b)
            let expected = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            let word = UInt64(byte) * 0x0101_0101_0101_0101
            XCTAssertEqual(Tokenizer.lowercaseASCII(word), UInt64(expected) * 0x0101_0101_0101_0101, "byte \(b)")
        }
        // Mixed lanes, and a long token crossing the 8-byte fast path and the byte-wise tail.
        XCTAssertEqual(try Tokenizer().tokens(of: "ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{ x\u{1}Y"), ["abcdefghijklmnopqrstuvwxyz@[`{", "x\u{1}y"])
    }

    /// Random ASCII lines (spaces, tabs, control bytes that are not separators, capitals) against the byte rule
    /// written out plainly: tokens of every length end at every offset of the 8-byte fast path.
    func testWhitespaceSplitMatchesTheByteRuleOnRandomLines() throws {
        let alphabet: [UInt8] = Array("aZ ".utf8) + [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x01, 0x1F, 0x7F] + Array("xyzQ.".utf8)
        var rng = FastRandom(seed: 5)
        let t = Tokenizer()
        for _ in 0..<3000 {
            let line = (0..<rng.next(below: 40)).map { _ in alphabet[rng.next(below: alphabet.count)] }
            var expected: [[UInt8]] = [], current: [UInt8] = []
            for b in line {
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    if !current.isEmpty { expected.append(current); current = [] }
                } else {
                    current.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
                }
            }
            if !current.isEmpty { expected.append(current) }
            try line.withUnsafeBufferPointer { try t.tokenize($0) }
            XCTAssertEqual((0..<t.count).map { Array(t.token($0)) }, expected, "line \(line)")
        }
    }

    func testNoLowercaseKeepsCase() throws {
        let t = Tokenizer(TokenizerOptions(lowercase: false))
        XCTAssertEqual(try t.tokens(of: "King Queen"), ["King", "Queen"])
    }

    func testUnicodeLowercasingInWhitespaceMode() throws {
        let t = Tokenizer()
        // Non-ASCII letters lower-case with Unicode rules; punctuation stays attached in whitespace mode.
        XCTAssertEqual(try t.tokens(of: "ÉCOLE Straße ΣΟΦΙΑ, 東京"), ["école", "straße", "σοφια,", "東京"])
    }

    func testUnicodeModeSplitsPunctuationAndIdeographs() throws {
        let t = Tokenizer(TokenizerOptions(mode: .unicode))
        XCTAssertEqual(try t.tokens(of: "Hello, world!"), ["hello", ",", "world", "!"])
        XCTAssertEqual(try t.tokens(of: "看了這部電影覺得很高興....."),
                       ["看", "了", "這", "部", "電", "影", "覺", "得", "很", "高", "興", ".", ".", ".", ".", "."])
        XCTAssertEqual(try t.tokens(of: "你太skr了~"), ["你", "太", "skr", "了", "~"])
        XCTAssertEqual(try t.tokens(of: "I love you ❤️ mum"), ["i", "love", "you", "❤️", "mum"])
    }

    func testInvalidUTF8ErrorNamesFileAndLine() throws {
        let t = Tokenizer()
        let bad: [UInt8] = Array("ok ".utf8) + [0xFF, 0x41] + Array(" fine".utf8)
        XCTAssertThrowsError(try bad.withUnsafeBufferPointer { try t.tokenize($0, path: "c.txt", lineNumber: 7) }) { e in
            XCTAssertEqual((e as? InputError)?.path, "c.txt")
            XCTAssertEqual((e as? InputError)?.line, 7)
        }
        let lenient = Tokenizer(TokenizerOptions(invalidUTF8: .replace))
        try bad.withUnsafeBufferPointer { try lenient.tokenize($0) }
        XCTAssertEqual((0..<lenient.count).map { lenient.string($0) }, ["ok", "\u{FFFD}a", "fine"])
    }

    func testLongLineManyTokens() throws {
        let t = Tokenizer()
        let words = (0..<20_000).map { "W\($0)" }
        let toks = try t.tokens(of: words.joined(separator: " "))
        XCTAssertEqual(toks.count, 20_000)
        XCTAssertEqual(toks.last, "w19999")
    }
}
