// Role: command-line tests of sharded counting: `vocab --partial` + `vocab merge` and `cooccur --partial` +
// `cooccur merge` (row ranges too) give the files the single commands write; zero or damaged parts are errors.
import Foundation
import XCTest

final class ShardedCountingCLITests: XCTestCase {
    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func ok(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try EmbedBinary.run(arguments + ["--quiet"])
        XCTAssertEqual(run.status, 0, "\(arguments): \(run.stderr)", file: file, line: line)
    }

    func testPartialAndMergeGiveTheSingleNodeFiles() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parts = ["the cat sat on the mat\nthe dog sat\n", "a cat and a dog\n", "zebra\n", "the mat the cat the dog on a mat\n"]
        var files: [String] = []
        for (k, text) in parts.enumerated() {
            files.append(dir + "/part\(k).txt")
            try text.write(toFile: files[k], atomically: true, encoding: .utf8)
        }
        try ok(["vocab"] + files + ["-o", dir + "/single-vocab.txt", "--min-count", "2"])
        try ok(["cooccur"] + files + ["--vocab", dir + "/single-vocab.txt", "-o", dir + "/single.bin", "--window", "3"])
        for (k, f) in files.enumerated() {
            try ok(["vocab", f, "--partial", "-o", dir + "/p\(k).counts"])
        }
        try ok(["vocab", "merge"] + (0..<4).map { dir + "/p\($0).counts" } + ["-o", dir + "/vocab.txt", "--min-count", "2"])
        XCTAssertEqual(try bytes(dir + "/vocab.txt"), try bytes(dir + "/single-vocab.txt"))
        for (k, f) in files.enumerated() {
            try ok(["cooccur", f, "--vocab", dir + "/vocab.txt", "--partial", "-o", dir + "/p\(k).cooc", "--window", "3"])
        }
        let cooc = (0..<4).map { dir + "/p\($0).cooc" }
        try ok(["cooccur", "merge"] + cooc + ["-o", dir + "/cooc.bin"])
        XCTAssertEqual(try bytes(dir + "/cooc.bin"), try bytes(dir + "/single.bin"))
        try ok(["cooccur", "merge"] + cooc + ["-o", dir + "/r1.bin", "--rows", "1:2"])
        try ok(["cooccur", "merge"] + cooc + ["-o", dir + "/r2.bin", "--rows", "3:"])
        XCTAssertEqual(try bytes(dir + "/r1.bin") + bytes(dir + "/r2.bin"), try bytes(dir + "/single.bin"))
        XCTAssertGreaterThan(try bytes(dir + "/r1.bin").count, 0)
        XCTAssertGreaterThan(try bytes(dir + "/r2.bin").count, 0)

        // Zero parts: usage (2); a damaged part: one line naming it (1), no output.
        XCTAssertEqual(try EmbedBinary.run(["vocab", "merge", "-o", dir + "/v.txt"]).status, 2)
        XCTAssertEqual(try EmbedBinary.run(["cooccur", "merge", "-o", dir + "/x.bin"]).status, 2)
        XCTAssertEqual(try EmbedBinary.run(["cooccur", "merge", cooc[0], "-o", dir + "/x.bin", "--rows", "5:2"]).status, 2)
        let cut = dir + "/cut.cooc"
        try bytes(cooc[0]).dropLast(8).write(to: URL(fileURLWithPath: cut))
        let damaged = try EmbedBinary.run(["cooccur", "merge", cooc[1], cut, "-o", dir + "/x.bin"])
        XCTAssertEqual(damaged.status, 1)
        XCTAssertTrue(damaged.stderr.hasPrefix("embed: \(cut): incomplete file"), damaged.stderr)
        XCTAssertEqual(damaged.stderr.filter { $0 == "\n" }.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.bin"))
        let wrong = try EmbedBinary.run(["vocab", "merge", dir + "/vocab.txt", "-o", dir + "/v.txt"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.hasPrefix("embed: \(dir)/vocab.txt:1: not a partial counts file"), wrong.stderr)
        let shuffle = try EmbedBinary.run(["cooccur", files[0], "--vocab", dir + "/vocab.txt", "--partial", "--shuffle", "-o", dir + "/y.cooc"])
        XCTAssertEqual(shuffle.status, 2, "--partial with --shuffle is a usage error")
    }
}
