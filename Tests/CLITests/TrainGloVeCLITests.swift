// Role: command-line tests of `embed train glove --cooc --vocab`: output rows (<UNK> last), byte-identical runs
// with one thread, the CSV log, divergence writing nothing, one-line errors, and SIGINT -> checkpoint -> --resume.
import Foundation
import XCTest

final class TrainGloVeCLITests: XCTestCase {
    private var dir = ""
    private let words = ["the", "of", "and", "to", "a", "in", "is", "it", "that", "was"]

    override func setUpWithError() throws {
        dir = try EmbedBinary.temporaryFolder()
        var vocab = ""
        for (n, w) in words.enumerated() { vocab += "\(w) \(100 - n)\n" }
        vocab += "<UNK> 7\n"
        try vocab.write(toFile: dir + "/vocab.txt", atomically: true, encoding: .utf8)
        var records: [(Int32, Int32, Double)] = []
        for i in 1...10 { for j in 1...10 where (i * j) % 3 != 0 { records.append((Int32(i), Int32(j), Double(i + j) / 2)) } }
        try Self.recordBytes(records).write(to: URL(fileURLWithPath: dir + "/cooc.bin"))
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// Stanford's layout: int32 i, int32 j, float64 x, little-endian.
    static func recordBytes(_ records: [(Int32, Int32, Double)]) -> Data {
        var d = Data()
        for (i, j, x) in records {
            withUnsafeBytes(of: i.littleEndian) { d.append(contentsOf: $0) }
            withUnsafeBytes(of: j.littleEndian) { d.append(contentsOf: $0) }
            withUnsafeBytes(of: x.bitPattern.littleEndian) { d.append(contentsOf: $0) }
        }
        return d
    }

    private func train(_ extra: [String], out: String = "v.txt") throws -> EmbedRun {
        try EmbedBinary.run(["train", "glove", "--cooc", dir + "/cooc.bin", "--vocab", dir + "/vocab.txt",
                             "-o", dir + "/" + out, "--dim", "5", "--threads", "1"] + extra)
    }

    func testOutputRowsAreReproducibleWithOneThread() throws {
        let a = try train(["--epochs", "3", "--seed", "3", "--log", dir + "/log.csv", "--quiet"], out: "a.txt")
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stderr, "")
        let b = try train(["--epochs", "3", "--seed", "3", "--quiet"], out: "b.txt")
        XCTAssertEqual(b.status, 0, b.stderr)
        let text = try String(contentsOfFile: dir + "/a.txt", encoding: .utf8)
        XCTAssertEqual(text, try String(contentsOfFile: dir + "/b.txt", encoding: .utf8))
        let rows = text.split(separator: "\n")
        XCTAssertEqual(rows.map { String($0.split(separator: " ")[0]) }, words + ["<UNK>"])
        XCTAssertTrue(rows.allSatisfy { $0.split(separator: " ").count == 6 })
        let log = try String(contentsOfFile: dir + "/log.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(log.first, "epoch,cost,seconds,updates_per_second")
        XCTAssertEqual(log.count, 4)
        XCTAssertTrue(log[3].hasPrefix("3,"))

        let c = try train(["--epochs", "3", "--seed", "4", "--no-unk", "--output", "w", "--quiet"], out: "c.txt")
        XCTAssertEqual(c.status, 0, c.stderr)
        let other = try String(contentsOfFile: dir + "/c.txt", encoding: .utf8)
        XCTAssertEqual(other.split(separator: "\n").count, 10)
        XCTAssertNotEqual(other, text)
    }

    func testProgressLinesNameEachEpoch() throws {
        let run = try train(["--epochs", "2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("glove: epoch 1/2 cost "), run.stderr)
        XCTAssertTrue(run.stderr.contains("glove: epoch 2/2 cost "), run.stderr)
    }

    func testDivergenceStopsAndWritesNothing() throws {
        let run = try train(["--epochs", "5", "--eta", "1e30", "--quiet"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("embed: training diverged in epoch 1: the loss became "), run.stderr)
        XCTAssertTrue(run.stderr.contains("try a smaller --eta"), run.stderr)
        XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/v.txt"))
    }

    func testBadInputAndUsage() throws {
        let lonely = try EmbedBinary.run(["train", "glove", "--cooc", dir + "/cooc.bin", "-o", dir + "/v.txt"])
        XCTAssertEqual(lonely.status, 2)
        XCTAssertTrue(lonely.stderr.contains("--cooc and --vocab go together"), lonely.stderr)
        try Self.recordBytes([(1, 2, 1), (11, 1, 2)]).write(to: URL(fileURLWithPath: dir + "/cooc.bin"))
        let bad = try train([])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "embed: \(dir)/cooc.bin: record 2: i=11 j=1 x=2.0 is not a valid record for a vocabulary of 10 words\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/v.txt"))
    }

    func testInterruptSavesACheckpointAndResumeFinishes() throws {
        let process = Process()
        process.executableURL = EmbedBinary.url
        process.arguments = ["train", "glove", "--cooc", dir + "/cooc.bin", "--vocab", dir + "/vocab.txt",
                             "-o", dir + "/v.txt", "--dim", "5", "--threads", "1", "--epochs", "100000000", "--quiet"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        process.interrupt()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130, message)
        XCTAssertTrue(message.contains("checkpoint saved to \(dir)/v.txt.checkpoint"), message)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/v.txt.checkpoint"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/v.txt"))
        // "interrupted in epoch N;": resuming with --epochs N finishes that epoch and writes the vectors.
        let epoch = try XCTUnwrap(message.split(separator: " ").drop { $0 != "epoch" }.dropFirst().first)
        let resumed = try train(["--epochs", String(epoch.dropLast()), "--resume", "--quiet"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/v.txt", encoding: .utf8).split(separator: "\n").count, 11)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/v.txt.checkpoint"), "removed once written")
    }
}
