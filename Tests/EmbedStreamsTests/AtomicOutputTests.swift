// Role: tests the zstd round trip through AtomicOutput and ByteSource, and that aborted outputs leave nothing.
import EmbedCore
import XCTest
@testable import EmbedStreams

final class AtomicOutputTests: XCTestCase {
    func testZstdRoundTripAndMagicDetection() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("data.bin")          // no .zst suffix: detection must use the magic number
        let text = String(repeating: "the quick brown fox\n", count: 5000) + "last line without newline"
        let out = try AtomicOutput(path: path, compress: true)
        try out.write(text)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing visible before commit")
        try out.commit()
        let source = try ByteSource(path: path)
        XCTAssertTrue(source.isCompressed)
        let reader = LineReader(source, bufferSize: 16)   // tiny buffer forces growth and compaction
        var lines: [String] = []
        while let l = try reader.nextLine() { lines.append(String(decoding: l, as: UTF8.self)) }
        XCTAssertEqual(lines.count, 5001)
        XCTAssertEqual(lines.last, "last line without newline")
        XCTAssertEqual(lines.first, "the quick brown fox")
    }

    func testAbortLeavesNoFile() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("x.txt")
        do {
            let out = try AtomicOutput(path: path)
            try out.write("partial")
            out.abort()
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }

    func testTruncatedZstdIsAnError() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("t.zst")
        let out = try AtomicOutput(path: path)
        for i in 0..<20000 { try out.write("line \(i) with some words \(i * 7919 % 1000)\n") }
        try out.commit()
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data = data.prefix(data.count / 2)
        try data.write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path)
        XCTAssertThrowsError(try { while try reader.nextLine() != nil {} }()) { error in
            XCTAssertTrue("\(error)".contains("truncated") || "\(error)".contains("corrupt"), "\(error)")
            XCTAssertTrue("\(error)".hasPrefix(path))
        }
    }

    func testCRLFAndEmptyLines() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("crlf.txt")
        try "a b\r\n\r\nc\n".write(toFile: path, atomically: false, encoding: .utf8)
        let reader = try LineReader(path: path)
        var lines: [String] = []
        while let l = try reader.nextLine() { lines.append(String(decoding: l, as: UTF8.self)) }
        XCTAssertEqual(lines, ["a b", "", "c"])
    }
}
