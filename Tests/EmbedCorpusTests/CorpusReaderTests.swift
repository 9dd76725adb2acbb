// Role: tests corpus inputs: several files, a directory (sorted), zstd detected by content, line numbers.
import EmbedCore
import XCTest
@testable import EmbedCorpus
import EmbedStreams

final class CorpusReaderTests: XCTestCase {
    private func lines(_ reader: CorpusReader) throws -> [[String]] {
        var out: [[String]] = []
        try reader.forEachPiece { t, _ in out.append((0..<t.count).map { t.string($0) }) }
        return out
    }

    func testDirectoryIsReadSortedAndZstdByMagic() throws {
        let dir = try TemporaryFolder()
        let sub = dir.file("docs")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        try "b one\nb two\n".write(toFile: sub + "/b.txt", atomically: false, encoding: .utf8)
        let z = try AtomicOutput(path: sub + "/a.data", compress: true)   // compressed, no .zst name
        try z.write("A first\n\nA third")
        try z.commit()
        let reader = try CorpusReader(inputs: [sub])
        XCTAssertEqual(try lines(reader), [["a", "first"], [], ["a", "third"], ["b", "one"], ["b", "two"]])
        // A second pass gives the same lines.
        XCTAssertEqual(try lines(reader).count, 5)
    }

    func testMissingInputIsAnInputError() {
        XCTAssertThrowsError(try CorpusReader(inputs: ["/nonexistent/corpus.txt"])) { e in
            XCTAssertEqual((e as? InputError)?.path, "/nonexistent/corpus.txt")
        }
    }

    func testErrorsCarryTheLineNumber() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("bad.txt")
        var data = Data("fine line\nsecond line\n".utf8)
        data.append(contentsOf: [0x61, 0xC3, 0x28, 0x0A])
        try data.write(to: URL(fileURLWithPath: path))
        let reader = try CorpusReader(inputs: [path])
        XCTAssertThrowsError(try reader.forEachPiece { _, _ in }) { e in
            XCTAssertEqual("\(e)", "\(path):3: invalid UTF-8 (`invalidUTF8` replace substitutes U+FFFD)")
        }
    }
}
