// Role: command-line tests of `embed train skipgram --subwords`: a .bin name (or --format fasttext-bin) writes the
// whole fastText model that `embed vector` and `neighbors` then query for unseen words, vector formats get the
// vocabulary's vectors (the same as the model gives), fastText's defaults (noise power 0.5, rate 0.05, fresh
// negatives per pair) unless flags say otherwise, `--maxn 0` is the word-only model byte for byte, and misuse is a
// usage error (exit 2).
import EmbedTestSupport
import Foundation
import XCTest

final class SubwordTrainingCLITests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try EmbedBinary.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// A small corpus of topic words (g<t>w<k>) on lines of one topic each.
    func corpus() throws -> String {
        var lines: [String] = []
        for i in 0..<200 { let t = i % 4; lines.append((0..<8).map { "g\(t)w\(($0 * 7 + i) % 6)" }.joined(separator: " ")) }
        let path = dir + "/corpus.txt"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    let small = ["--dim", "8", "--epochs", "2", "--min-count", "1", "--minn", "2", "--maxn", "4", "--buckets", "500",
                 "--threads", "1", "--quiet"]

    func testABinNameWritesTheFastTextModelThatGivesUnseenWordsVectors() throws {
        let text = try corpus()
        let model = dir + "/model.bin"
        let train = try EmbedBinary.run(["train", "skipgram", text, "--subwords", "-o", model] + small)
        XCTAssertEqual(train.status, 0, train.stderr)
        let magic = try XCTUnwrap(FileManager.default.contents(atPath: model)).prefix(4)
        XCTAssertEqual(Array(magic), [0xBA, 0x16, 0x4F, 0x2F], "fastText's magic number 793712314, little-endian")
        let vector = try EmbedBinary.run(["vector", model, "g1w3", "g2w77", "--quiet"])
        XCTAssertEqual(vector.status, 0, vector.stderr)
        XCTAssertEqual(vector.stdout.split(separator: "\n").map { $0.split(separator: " ").count }, [9, 9])
        let neighbors = try EmbedBinary.run(["neighbors", model, "g2w77", "-k", "3", "--quiet"])
        XCTAssertEqual(neighbors.status, 0, neighbors.stderr)

        // The same run to a .vec: the vocabulary's vectors, equal to what the model gives them.
        let vec = dir + "/vectors.vec"
        let again = try EmbedBinary.run(["train", "skipgram", text, "--subwords", "-o", vec] + small)
        XCTAssertEqual(again.status, 0, again.stderr)
        let rows = try String(contentsOfFile: vec, encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 24)
        let fromModel = try EmbedBinary.run(["vector", model] + rows.map { String($0.split(separator: " ")[0]) } + ["--quiet"])
        XCTAssertEqual(fromModel.stdout.split(separator: "\n"), Array(rows))
    }

    /// The settings a saved model (--save-model) records: the JSON header of its container, whose length is the
    /// 8 bytes before it.
    func savedSettings(_ path: String) throws -> [String: Any] {
        let bytes = [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: path)))
        let start = try XCTUnwrap(bytes.firstIndex(of: UInt8(ascii: "{")))
        let length = bytes[(start - 8)..<start].reversed().reduce(0) { $0 << 8 | Int($1) }
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[start..<(start + length)])) as? [String: Any])
        return try XCTUnwrap(header["settings"] as? [String: Any])
    }

    func testTheSubwordModelTakesFastTextsDefaults() throws {
        let text = try corpus()
        func settings(_ flags: [String]) throws -> [String: Any] {
            let model = dir + "/saved.model"
            let run = try EmbedBinary.run(["train", "skipgram", text, "-o", dir + "/out.vec", "--save-model", model] + flags)
            XCTAssertEqual(run.status, 0, run.stderr)
            return try savedSettings(model)
        }
        let subwords = try settings(["--subwords"] + small)
        XCTAssertEqual(subwords["noisePower"] as? Double, 0.5, "fastText's noise distribution, count^0.5")
        XCTAssertEqual(subwords["alpha"] as? Double, 0.05)
        XCTAssertEqual(subwords["negativeSharing"] as? String, "pair")
        let chosen = try settings(["--subwords", "--noise-power", "0.75", "--negative-sharing", "window", "--alpha", "0.025"] + small)
        XCTAssertEqual(chosen["noisePower"] as? Double, 0.75)
        XCTAssertEqual(chosen["negativeSharing"] as? String, "window")
        XCTAssertEqual(chosen["alpha"] as? Double, 0.025)
        let words = try settings(["--dim", "8", "--epochs", "1", "--min-count", "1", "--threads", "1", "--quiet"])
        XCTAssertEqual(words["noisePower"] as? Double, 0.75, "word2vec's, count^0.75")
        XCTAssertEqual(words["negativeSharing"] as? String, "window")
        XCTAssertNil(words["alpha"], "the word-only model's rate follows --cbow")
    }

    func testMaxnZeroIsTheWordOnlyModelByteForByte() throws {
        let text = try corpus()
        let plain = dir + "/plain.txt", zero = dir + "/zero.txt"
        let args = ["--dim", "8", "--epochs", "2", "--min-count", "1", "--threads", "1", "--quiet"]
        XCTAssertEqual(try EmbedBinary.run(["train", "skipgram", text, "-o", plain] + args).status, 0)
        let run = try EmbedBinary.run(["train", "skipgram", text, "--subwords", "--minn", "0", "--maxn", "0", "-o", zero] + args)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: plain), FileManager.default.contents(atPath: zero))
    }

    func testMisuseIsAUsageError() throws {
        let text = try corpus()
        let fastTextWithoutSubwords = try EmbedBinary.run(["train", "skipgram", text, "-o", dir + "/m", "--format", "fasttext-bin"])
        XCTAssertEqual(fastTextWithoutSubwords.status, 2)
        XCTAssertTrue(fastTextWithoutSubwords.stderr.contains("add --subwords"), fastTextWithoutSubwords.stderr)
        let bucketsAlone = try EmbedBinary.run(["train", "skipgram", text, "-o", dir + "/m.txt", "--buckets", "10"])
        XCTAssertEqual(bucketsAlone.status, 2)
        XCTAssertTrue(bucketsAlone.stderr.hasPrefix("embed: --minn and --buckets need --subwords (or --maxn above 0)"), bucketsAlone.stderr)
        let badMinn = try EmbedBinary.run(["train", "skipgram", text, "-o", dir + "/m.txt", "--subwords", "--minn", "7"])
        XCTAssertTrue(badMinn.stderr.hasPrefix("embed: --minn must be between 1 and maxn (6)"), badMinn.stderr)
        XCTAssertEqual(badMinn.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m.txt"))
    }
}
