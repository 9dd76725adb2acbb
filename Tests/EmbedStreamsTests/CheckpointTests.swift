// Role: tests of the one checkpoint container: a round trip keeps kind, settings and sections (aligned);
// every flipped byte and every truncation is refused; lengths past the end, a missing section, another kind,
// an unknown version and NaN floats are one-line InputErrors naming the file.
import EmbedCore
import EmbedStreams
import EmbedTestSupport
import XCTest

final class CheckpointTests: XCTestCase {
    struct Settings: Codable, Equatable { var name: String; var size: Int }

    private func write(_ folder: TestFolder, floats: [Float] = [1, 2, 3, 4.5], name: String = "c.ckpt") throws -> String {
        let path = folder.file(name)
        let writer = try CheckpointWriter(path: path, kind: "test", version: 3, settings: Settings(name: "x", size: 7), sections: 3)
        try writer.section("floats", values: floats)
        try writer.section("words", lines: ["alpha", "βeta", ""])
        try writer.section("empty", values: [UInt8]())
        try writer.commit()
        return path
    }

    func testRoundTripKeepsEverythingAndAlignsSections() throws {
        let folder = try TestFolder()
        let path = try write(folder)
        let r = try CheckpointReader(path: path, kind: "test", versions: 1...3, what: "test file")
        XCTAssertEqual(r.kindVersion, 3)
        XCTAssertEqual(try r.decodeSettings(Settings.self), Settings(name: "x", size: 7))
        XCTAssertEqual(Array(try r.floats("floats", count: 4)), [1, 2, 3, 4.5])
        XCTAssertEqual(Int(bitPattern: try r.section("floats").baseAddress!) % CheckpointFormat.alignment, 0)
        XCTAssertEqual(try r.lines("words"), ["alpha", "βeta", ""])
        XCTAssertEqual(try r.section("empty").count, 0)
        assertInputError(path, line: nil, "section \"nope\" is missing") { _ = try r.section("nope") }
        assertInputError(path, line: nil, "5 values expected") { _ = try r.floats("floats", count: 5) }
    }

    func testEveryFlippedByteAndEveryTruncationIsRefused() throws {
        let folder = try TestFolder()
        let bytes = try folder.bytes(PathName.name(try write(folder)))
        for i in bytes.indices {
            var damaged = bytes
            damaged[i] ^= 0x10
            let path = try folder.write(bytes: damaged, to: "flip")
            XCTAssertThrowsError(try CheckpointReader(path: path, kind: "test", versions: 3...3, what: "test file"), "byte \(i)") {
                XCTAssertTrue($0 is InputError, "byte \(i): \($0)")
            }
        }
        for n in 0..<bytes.count {
            let path = try folder.write(bytes: Array(bytes[0..<n]), to: "short")
            XCTAssertThrowsError(try CheckpointReader(path: path, kind: "test", versions: 3...3, what: "test file"), "\(n) bytes") {
                XCTAssertTrue($0 is InputError, "\(n) bytes: \($0)")
            }
        }
    }

    func testResealedLengthsPastTheEndOrOtherKindsAreRefused() throws {
        let folder = try TestFolder()
        let bytes = try folder.bytes(PathName.name(try write(folder)))
        // The JSON length (after magic, version, kind and kind version) made huge, then sealed again.
        var huge = bytes
        let jsonLength = 8 + 4 + 4 + 4 + 4
        for k in 0..<8 { huge[jsonLength + k] = 0xFF }
        let path = try folder.write(bytes: Checksums.resealed(huge), to: "huge")
        assertInputError(path, line: nil, "past the end") {
            _ = try CheckpointReader(path: path, kind: "test", versions: 3...3, what: "test file")
        }
        let good = folder.file("c.ckpt")
        assertInputError(good, line: nil, "this is a test file, not a model") {
            _ = try CheckpointReader(path: good, kind: "model", versions: 1...1, what: "model")
        }
        assertInputError(good, line: nil, "version 3 is not supported") {
            _ = try CheckpointReader(path: good, kind: "test", versions: 1...2, what: "test file")
        }
        assertInputError(folder.file("missing"), line: nil, "no such file") {
            _ = try CheckpointReader(path: folder.file("missing"), kind: "test", versions: 3...3, what: "test file")
        }
        assertInputError(folder.path, line: nil, "not a regular file") {
            _ = try CheckpointReader(path: folder.path, kind: "test", versions: 3...3, what: "test file")
        }
    }

    func testNaNFloatsAreRefused() throws {
        let folder = try TestFolder()
        let path = try write(folder, floats: [1, .nan, 2, 3])
        let r = try CheckpointReader(path: path, kind: "test", versions: 3...3, what: "test file")
        assertInputError(path, line: nil, "NaN") { _ = try r.floats("floats", count: 4) }
        XCTAssertEqual(try r.section("floats", count: 4, of: Float.self).count, 4, "raw access still works")
    }

    func testTheWriterChecksItsSectionCount() throws {
        let folder = try TestFolder()
        let writer = try CheckpointWriter(path: folder.file("x"), kind: "test", version: 1, settings: Settings(name: "", size: 0), sections: 2)
        try writer.section("a", values: [1, 2] as [Int32])
        XCTAssertThrowsError(try writer.commit()) { XCTAssertTrue($0 is StateError) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("x")), "nothing left behind")
    }
}

final class CSVLogTests: XCTestCase {
    func testResumedLogKeepsEarlierRowsAndDropsRowsPastTheResumePoint() throws {
        let folder = try TestFolder()
        let path = folder.file("log.csv")
        let first = try CSVLog(path: path, columns: ["epoch", "cost"])
        for e in 1...4 { first.append(["\(e)", "0.\(e)"]) }
        try first.save()
        // Resumed from a checkpoint after epoch 2: rows 3 and 4 of the first run are replaced.
        let second = try CSVLog(path: path, columns: ["epoch", "cost"], resuming: true)
        XCTAssertEqual(second.rows.count, 4)
        second.dropRows { Int($0[0])! >= 3 }
        second.append(["3", "0.33"])
        second.append(["4", nil])
        try second.save()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "epoch,cost\n1,0.1\n2,0.2\n3,0.33\n4,\n")
        assertInputError(path, line: nil, "another header") { _ = try CSVLog(path: path, columns: ["step"], resuming: true) }
        XCTAssertEqual(try CSVLog(path: path, columns: ["step"]).rows.count, 0, "a fresh log ignores the old file")
    }
}
