// Role: record files: the 16-byte little-endian layout, chunked reads, zstd, rewind, and one-line errors for
// truncated files and records outside the vocabulary.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedCooccurrence
import EmbedStreams

final class RecordFileTests: XCTestCase {
    private let records: [CooccurrenceRecord] = (0..<1000).map { (k: Int) -> CooccurrenceRecord in
        let i = Int32(k % 37 + 1), j = Int32(k % 11 + 1)
        return CooccurrenceRecord(i: i, j: j, x: Double(k) / 7)
    }

    func testLayoutIsGloVes() throws {
        let folder = try TestFolder()
        try Records.write([CooccurrenceRecord(i: 1, j: 258, x: 0.5)], to: folder.file("one.bin"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("one.bin"))))
        XCTAssertEqual(bytes, [1, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F])
    }

    func testRoundTripInChunksAndRewind() throws {
        let folder = try TestFolder()
        for name in ["x.bin", "x.bin.zst"] {
            let path = folder.file(name)
            let w = try CooccurrenceFile.Writer(path: path)
            try records[..<10].forEach { try w.append($0) }
            try records[10...].withContiguousStorageIfAvailable { try w.append($0) }
            try w.commit()
            XCTAssertEqual(w.count, 1000)
            let r = try CooccurrenceFile.Reader(path: path, chunkRecords: 300, vocabularySize: 37)
            XCTAssertEqual(r.recordCount, name.hasSuffix(".zst") ? nil : 1000)
            var got: [CooccurrenceRecord] = [], sizes: [Int] = []
            while let chunk = try r.next() { got.append(contentsOf: chunk); sizes.append(chunk.count) }
            XCTAssertEqual(got, records)
            XCTAssertEqual(sizes, [300, 300, 300, 100])
            try r.rewind()
            let buffer = UnsafeMutableBufferPointer<CooccurrenceRecord>.allocate(capacity: 64)
            defer { buffer.deallocate() }
            XCTAssertEqual(try r.read(into: buffer), 64)
            XCTAssertEqual(Array(buffer), Array(records[..<64]))
        }
    }

    func testTruncatedAndInvalidRecordsAreInputErrors() throws {
        let folder = try TestFolder()
        try Records.write(Array(records[..<3]), to: folder.file("ok.bin"))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: folder.file("ok.bin")))
        bytes.removeLast(5)
        try bytes.write(to: URL(fileURLWithPath: folder.file("cut.bin")))
        XCTAssertThrowsError(try Records.read(folder.file("cut.bin"))) { error in
            XCTAssertTrue("\(error)".hasPrefix(folder.file("cut.bin") + ": truncated record"), "\(error)")
        }
        try Records.write([records[0], CooccurrenceRecord(i: 2, j: 0, x: 1)], to: folder.file("zero.bin"))
        let r = try CooccurrenceFile.Reader(path: folder.file("zero.bin"), vocabularySize: 10)
        XCTAssertThrowsError(try r.next()) { error in
            XCTAssertTrue("\(error)".contains("record 2: i=2 j=0"), "\(error)")
        }
        try Records.write([CooccurrenceRecord(i: 2, j: 3, x: .nan)], to: folder.file("nan.bin"))
        XCTAssertThrowsError(try CooccurrenceFile.Reader(path: folder.file("nan.bin"), vocabularySize: 10).next())
        XCTAssertThrowsError(try CooccurrenceFile.Reader(path: folder.file("missing.bin"))) { XCTAssertTrue($0 is InputError) }
    }
}
