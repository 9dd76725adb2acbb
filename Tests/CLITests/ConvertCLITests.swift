// Role: command-line tests of `embed convert`: format inference from the output name, lossless round trips,
// one-line errors with exit codes 1 and 2, and outputs that never appear when a run fails or is interrupted.
import Foundation
import XCTest

final class ConvertCLITests: XCTestCase {
    private let glove = "the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\nété -1e-05 0.0 -0.0\n"

    func testRoundTripThroughEveryFormat() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try glove.write(toFile: dir + "/in.txt", atomically: false, encoding: .utf8)

        let toBinary = try EmbedBinary.run(["convert", dir + "/in.txt", dir + "/v.bin"])
        XCTAssertEqual(toBinary.status, 0, toBinary.stderr)
        XCTAssertTrue(toBinary.stderr.hasPrefix("convert: 3 vectors of dimension 3, glove -> \(dir)/v.bin (word2vec-bin)"),
                      toBinary.stderr)
        let binary = try Data(contentsOf: URL(fileURLWithPath: dir + "/v.bin"))
        XCTAssertEqual(binary.count, "3 3\n".utf8.count + "the,été".utf8.count + 3 * (1 + 12 + 1))   // word, space, floats, newline

        let toVec = try EmbedBinary.run(["convert", dir + "/v.bin", dir + "/v.vec.zst", "--quiet"])
        XCTAssertEqual(toVec.status, 0, toVec.stderr)
        XCTAssertEqual(toVec.stderr, "")
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/v.vec.zst")).prefix(4)), [0x28, 0xB5, 0x2F, 0xFD])

        let back = try EmbedBinary.run(["convert", dir + "/v.vec.zst", dir + "/out.txt", "--quiet"])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/out.txt", encoding: .utf8), glove, "shortest digits: the same text")

        let explicit = try EmbedBinary.run(["convert", dir + "/in.txt", dir + "/w.txt", "--format", "word2vec", "--quiet",
                                            "--precision", "2", "--limit", "2"])
        XCTAssertEqual(explicit.status, 0, explicit.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/w.txt", encoding: .utf8), "2 3\nthe 0.42 0.25 -0.41\n, 0.01 0.24 -0.17\n")
    }

    func testBadInputIsOneLineWithStatus1AndLeavesOutputAlone() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rows = (0..<5000).map { "w\($0) 1.5 -2.25\n" }.joined()
        try (rows + "bad 1.5 oops\n").write(toFile: dir + "/in.txt", atomically: false, encoding: .utf8)
        try "previous content\n".write(toFile: dir + "/out.txt", atomically: false, encoding: .utf8)

        let run = try EmbedBinary.run(["convert", dir + "/in.txt", dir + "/out.txt"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "embed: \(dir)/in.txt:5001: value 2 of 2 is not a number: \"oops\"\n")
        XCTAssertEqual(try String(contentsOfFile: dir + "/out.txt", encoding: .utf8), "previous content\n", "untouched")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["in.txt", "out.txt"], "no temporaries")

        let missing = try EmbedBinary.run(["convert", dir + "/nope.txt", dir + "/x.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "embed: \(dir)/nope.txt: no such file\n")

        try "a 1\nb 2 3\n".write(toFile: dir + "/short.txt", atomically: false, encoding: .utf8)
        let short = try EmbedBinary.run(["convert", dir + "/short.txt", dir + "/x.bin"])
        XCTAssertEqual(short.status, 1)
        XCTAssertEqual(short.stderr, "embed: \(dir)/short.txt:2: expected 1 values like the first row, found 2\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.bin"))
    }

    func testUsageErrorsExit2() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try glove.write(toFile: dir + "/in.txt", atomically: false, encoding: .utf8)
        for arguments in [["convert", dir + "/in.txt"], ["convert", dir + "/in.txt", dir + "/o.txt", "--format", "fasttext"],
                          ["convert", dir + "/in.txt", dir + "/o.txt", "--precision", "13"],
                          ["convert", dir + "/in.txt", dir + "/o.txt", "--limit", "0"]] {
            let run = try EmbedBinary.run(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments): \(run.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/o.txt"))
        }
        let help = try EmbedBinary.run(["convert", "--help"])
        XCTAssertEqual(help.status, 0)
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")   // wrapping aside
        XCTAssertTrue(words.contains(".bin -> word2vec-bin, .vec -> word2vec, anything else -> glove"), help.stdout)
    }

    /// The output is written to a temporary file while rows stream in; SIGINT mid-way removes it.
    func testInterruptedConversionLeavesNoFile() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = EmbedBinary.url
        process.arguments = ["convert", "-", dir + "/out.txt", "--input-format", "word2vec", "--quiet"]
        let input = Pipe()
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        // More than the 64 KB the reader buffers, far fewer rows than announced: the run waits for the rest.
        let rows = (0..<10_000).map { "w\($0) 0.5 -1.25 3.0\n" }.joined()
        input.fileHandleForWriting.write(Data(("100000 3\n" + rows).utf8))

        var temporary: String?
        let deadline = Date().addingTimeInterval(20)
        while temporary == nil && Date() < deadline && process.isRunning {
            temporary = try FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasPrefix(".out.txt.tmp") }
            if temporary == nil { usleep(20_000) }
        }
        XCTAssertNotNil(temporary, "the output is being written to a temporary file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out.txt"), "nothing visible before the end")
        process.interrupt()
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        XCTAssertEqual(process.terminationStatus, 130)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "neither output nor temporary left")
    }
}
