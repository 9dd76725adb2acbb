// Role: every defect of a vector file gives one InputError line naming the file and the line (binary: record),
// and unwritable words are refused before they corrupt an output.
import EmbedCore
import Foundation
import EmbedStreams
import EmbedTestSupport
import XCTest
@testable import EmbedVectors

final class VectorFileErrorTests: XCTestCase {
    func testMissingUnreadableDirectoryAndEmpty() throws {
        let scratch = try Scratch()
        let missing = scratch.file("nope.txt")
        assertInputError(missing, line: nil, "no such file") { _ = try WordVectors.read(path: missing) }
        assertInputError(scratch.path, line: nil, "directory") { _ = try WordVectors.read(path: scratch.path) }
        let empty = try scratch.file("empty.txt", "")
        assertInputError(empty, line: 1, "empty file") { _ = try WordVectors.read(path: empty) }
        let blank = try scratch.file("blank.txt", "\n  \n")
        assertInputError(blank, line: 2, "empty file") { _ = try WordVectors.read(path: blank) }
        if getuid() != 0 {   // root reads anything
            let locked = try scratch.file("locked.txt", "a 1\n")
            chmod(locked, 0)
            assertInputError(locked, line: nil, "cannot open") { _ = try WordVectors.read(path: locked) }
        }
    }

    /// zstd damage is reported by the byte source; the reader adds the line it had reached.
    func testCorruptAndTruncatedZstd() throws {
        let scratch = try Scratch()
        let text = (0..<30_000).map { "word\($0) \(Float($0) / 7) \(-Float($0) / 3)\n" }.joined()
        let good = try scratch.zstdFile("good.txt.zst", text)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: good)))
        try scratch.expectReadError("truncated.txt.zst", bytes: Array(bytes.prefix(bytes.count / 2)), line: nil, "truncated zstd",
                                    lineIsSet: true)
        for i in stride(from: bytes.count / 2, to: bytes.count - 8, by: 1) { bytes[i] ^= 0x5A }
        try scratch.expectReadError("corrupt.txt.zst", bytes: bytes, line: nil, "corrupt zstd", lineIsSet: true)
    }

    func testWrongNumberOfValues() throws {
        let s = try Scratch()
        try s.expectReadError("short.txt", "a 1 2 3\nb 1 2\n", line: 2, "expected 3 values like the first row, found 2")
        try s.expectReadError("long.txt", "a 1 2 3\nb 1 2 3\nc 1 2 3 4 5\n", line: 3, "found 5")
        try s.expectReadError("headed.vec", "2 3\na 1 2 3\nb 1 2 3 4\n", line: 3, "expected 3 values (the header's dimension), found 4")
        try s.expectReadError("word.txt", "lonely\n", line: 1, "single field")
    }

    func testNonNumbersNaNAndInfinity() throws {
        let s = try Scratch()
        let cases: [(String, String)] = [("abc", "is not a number: \"abc\""), ("1,5", "is not a number: \"1,5\""),
                                         ("nan", "is NaN"), ("-inf", "is infinite"), ("Infinity", "is infinite"),
                                         ("1e39", "is out of Float range")]
        for (i, (token, message)) in cases.enumerated() {
            try s.expectReadError("bad\(i).txt", "x 1 2\ny 3 \(token)\n", line: 2, "value 2 of 2 " + message)
        }
        try s.expectReadError("nan.bin", bytes: Array("1 2\nw ".utf8) + littleEndianBytes([1, .nan]), line: 2, "value 2 of 2 is NaN")
        try s.expectReadError("inf.bin", bytes: Array("1 2\nw ".utf8) + littleEndianBytes([-.infinity, 1]), line: 2,
                              "value 1 of 2 is infinite")
    }

    func testDuplicatedWord() throws {
        let s = try Scratch()
        try s.expectReadError("dup.txt", "a 1\nb 2\nc 3\nb 4\n", line: 4, "duplicated word \"b\" (first on line 2)")
        let rows = Array("3 1\nx ".utf8) + littleEndianBytes([1]) + Array("\ny ".utf8) + littleEndianBytes([2])
        try s.expectReadError("dup.bin", bytes: rows + Array("\nx ".utf8) + littleEndianBytes([3]), line: 4,
                              "duplicated word \"x\" (first on line 2)")
    }

    func testHeaderDisagreeingWithRows() throws {
        let s = try Scratch()
        try s.expectReadError("fewer.vec", "3 2\na 1 2\nb 3 4\n", line: 1, "header announces 3 vectors but the file has 2")
        try s.expectReadError("more.vec", "1 2\na 1 2\nb 3 4\n", line: 3, "more vectors than the header's 1")
        let one = Array("a ".utf8) + littleEndianBytes([1])
        try s.expectReadError("more.bin", bytes: Array("1 1\n".utf8) + one + Array("\nb ".utf8) + littleEndianBytes([2]), line: 3,
                              "more vectors than the header's 1")
        try s.expectReadError("fewer.bin", bytes: Array("2 1\n".utf8) + one + [0x0A], line: 1, "header announces 2 vectors but the file has 1")
        try s.expectReadError("nohead.vec", "a 1 2\n", line: 1, "expected a word2vec header", format: .word2vec)
        // Reading only the first rows does not look at the rest, so a header count beyond them is not checked.
        XCTAssertEqual(try WordVectors.read(path: s.file("fewer.vec"), limit: 2).count, 2)
    }

    func testTruncatedBinary() throws {
        let s = try Scratch()
        let first = Array("2 3\na ".utf8) + littleEndianBytes([1, 2, 3])
        try s.expectReadError("cut.bin", bytes: first + Array("\nb ".utf8) + Array(littleEndianBytes([4, 5, 6]).prefix(7)), line: 3,
                              "truncated binary file: row of \"b\" has 7 of 12 bytes")
        try s.expectReadError("nospace.bin", bytes: first + Array("\nbbb".utf8), line: 3, "no space after the word")
    }

    func testInvalidWordsWhenReading() throws {
        let s = try Scratch()
        try s.expectReadError("latin1.txt", bytes: Array("a 1\n".utf8) + [0x63, 0x61, 0x66, 0xE9] + Array(" 2\n".utf8), line: 2,
                              "not valid UTF-8")
        try s.expectReadError("gap.txt", "a 1\n\nb 2\n", line: 2, "empty line")
    }

    func testUnrepresentableWordsAreRefusedAndLeaveNoFile() throws {
        let scratch = try Scratch()
        for (word, what) in [("new york", "a space"), ("tab\there", "a tab"), ("line\nbreak", "a line break"), ("", "empty word")] {
            let e = try WordVectors(words: ["ok", word], dimension: 1, vectors: [1, 2])
            for format in VectorFormat.rowFormats {
                let path = scratch.file("out-\(format.name).txt")
                assertInputError(path, line: nil, what) { try e.write(to: path, format: format) }
                XCTAssertFalse(FileManager.default.fileExists(atPath: path))
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), [], "no temporary files left")
    }
}
