// Role: `embed train glove CORPUS` runs vocabulary, co-occurrence, shuffle and training in one command.
import Foundation
import XCTest

final class GloVeCorpusCLITests: XCTestCase {
    func testTrainsFromACorpusInOneCommand() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = dir + "/c.txt"
        try String(repeating: "the cat sat on the mat\nthe dog sat on the log\n", count: 20)
            .write(toFile: corpus, atomically: false, encoding: .utf8)
        let out = dir + "/v.txt"
        let run = try EmbedBinary.run(["train", "glove", corpus, "-o", out, "--min-count", "2", "--dim", "8",
                                       "--epochs", "3", "--threads", "1", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        // 7 words (the, sat, on, cat, mat, dog, log) + the <UNK> row, 8 values each.
        XCTAssertEqual(rows.count, 8)
        XCTAssertEqual(rows.first?.split(separator: " ").first, "the")
        XCTAssertTrue(rows.allSatisfy { $0.split(separator: " ").count == 9 })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["c.txt", "v.txt"])
    }
}
