// Role: command-line tests of continued training: `--save-model` then `--init` on new text keeps the old words'
// rows (zero epochs: byte for byte) and adds the new words, a subword model continues as one and still writes
// fastText's .bin, an interrupted continued run resumes, and misuse (another shape, a vector file as the
// model) is one clear line with exit status 1 or 2. `--replay` trains an old word the new text lacks.
import Foundation
import XCTest

final class ContinuedTrainingCLITests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try EmbedBinary.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Lines of topic words (g<t>w<k>) for the topics `topics`.
    func corpus(_ name: String, topics: [Int]) throws -> String {
        var lines: [String] = []
        for i in 0..<160 {
            let t = topics[i % topics.count]
            lines.append((0..<8).map { "g\(t)w\(($0 * 7 + i) % 6)" }.joined(separator: " "))
        }
        let path = dir + "/" + name
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    let small = ["--dim", "8", "--epochs", "2", "--min-count", "1", "--threads", "1", "--quiet"]

    /// word -> its row text, from a word2vec text file.
    func rows(_ path: String) throws -> [String: Substring] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        return Dictionary(uniqueKeysWithValues: lines.map { (String($0.prefix { $0 != " " }), $0) })
    }

    func testContinuingAddsTheNewWordsAndZeroEpochsKeepTheOldRows() throws {
        let a = try corpus("a.txt", topics: [0, 1, 2]), b = try corpus("b.txt", topics: [2, 3])
        let model = dir + "/a.model", first = dir + "/a.vec"
        let train = try EmbedBinary.run(["train", "skipgram", a, "--save-model", model, "-o", first] + small)
        XCTAssertEqual(train.status, 0, train.stderr)
        let kept = dir + "/kept.vec"
        var run = try EmbedBinary.run(["train", "skipgram", b, "--init", model, "-o", kept] + small + ["--epochs", "0"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let before = try rows(first), after = try rows(kept)
        XCTAssertEqual(after.count, 24)
        for (word, row) in before { XCTAssertEqual(after[word], row, word) }
        XCTAssertNotNil(after["g3w0"])

        let continued = dir + "/b.vec", grown = dir + "/b.model"
        run = try EmbedBinary.run(["train", "skipgram", b, "--init", model, "--save-model", grown, "-o", continued] + small)
        XCTAssertEqual(run.status, 0, run.stderr)
        let trained = try rows(continued)
        XCTAssertEqual(Set(trained.keys), Set(after.keys))
        XCTAssertNotEqual(trained["g3w0"], after["g3w0"], "the new word was trained")
        XCTAssertNotEqual(trained["g2w0"], before["g2w0"], "an old word seen again was trained")
        XCTAssertEqual(trained["g0w0"], before["g0w0"], "an old word not seen again keeps its row")
        // The grown model continues again (its words in the same order: the old ones first).
        run = try EmbedBinary.run(["train", "skipgram", a, "--init", grown, "-o", dir + "/c.vec"] + small)
        XCTAssertEqual(run.status, 0, run.stderr)
        let order = try String(contentsOfFile: dir + "/c.vec", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.prefix { $0 != " " }) }
        let firstOrder = try String(contentsOfFile: first, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.prefix { $0 != " " }) }
        XCTAssertEqual(Array(order.prefix(firstOrder.count)), firstOrder)
    }

    func testASubwordModelContinuesAsOne() throws {
        let a = try corpus("a.txt", topics: [0, 1]), b = try corpus("b.txt", topics: [1, 4])
        let model = dir + "/a.model"
        let subwords = ["--subwords", "--minn", "2", "--maxn", "3", "--buckets", "300"]
        var run = try EmbedBinary.run(["train", "skipgram", a, "--save-model", model, "-o", dir + "/a.bin"] + small + subwords)
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try EmbedBinary.run(["train", "skipgram", b, "--init", model, "-o", dir + "/b.bin"] + small)
        XCTAssertEqual(run.status, 0, run.stderr)
        let vector = try EmbedBinary.run(["vector", dir + "/b.bin", "g4w1", "neverseen", "--quiet"])
        XCTAssertEqual(vector.status, 0, vector.stderr)
        XCTAssertEqual(vector.stdout.split(separator: "\n").map { $0.split(separator: " ").count }, [9, 9])
    }

    /// Interrupted (SIGINT) anywhere and resumed, a one-thread continued run ends byte for byte where an
    /// uninterrupted one does.
    func testAnInterruptedContinuedRunResumes() throws {
        let a = try corpus("a.txt", topics: [0, 1, 2]), b = try corpus("b.txt", topics: [2, 3])
        let model = dir + "/a.model"
        XCTAssertEqual(try EmbedBinary.run(["train", "skipgram", a, "--save-model", model, "-o", dir + "/a.vec"] + small).status, 0)
        let straight = dir + "/straight.vec", resumed = dir + "/resumed.vec", checkpoint = resumed + ".checkpoint"
        let long = ["--dim", "8", "--epochs", "20000", "--min-count", "1", "--threads", "1", "--init", model]
        XCTAssertEqual(try EmbedBinary.run(["train", "skipgram", b, "-o", straight, "--quiet"] + long).status, 0)
        let args = ["train", "skipgram", b, "-o", resumed, "--checkpoint-every", "0.001"] + long
        let (status, stderr) = try EmbedBinary.interrupt(args, when: checkpoint)
        XCTAssertEqual(status, 130, stderr)
        XCTAssertTrue(stderr.contains("--resume"), stderr)
        let run = try EmbedBinary.run(args + ["--resume", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: resumed), FileManager.default.contents(atPath: straight))
    }

    /// GloVe continues from W, W~, biases and AdaGrad state: zero epochs keep every old word's row byte for
    /// byte and add the new words; training on moves the rows of words seen again.
    func testGloVeContinuesFromItsSavedState() throws {
        let a = try corpus("a.txt", topics: [0, 1, 2]), b = try corpus("b.txt", topics: [2, 3])
        let model = dir + "/g.model", first = dir + "/g.txt"
        let args = ["--dim", "8", "--epochs", "3", "--min-count", "1", "--threads", "1", "--window", "3", "--quiet"]
        var run = try EmbedBinary.run(["train", "glove", a, "--save-model", model, "-o", first] + args)
        XCTAssertEqual(run.status, 0, run.stderr)
        let kept = dir + "/kept.txt", continued = dir + "/continued.txt"
        run = try EmbedBinary.run(["train", "glove", b, "--init", model, "-o", kept] + args + ["--epochs", "0"])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try EmbedBinary.run(["train", "glove", b, "--init", model, "-o", continued] + args)
        XCTAssertEqual(run.status, 0, run.stderr)
        func rows(_ path: String) throws -> [String: Substring] {
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            return Dictionary(uniqueKeysWithValues: lines.map { (String($0.prefix { $0 != " " }), $0) })
        }
        let before = try rows(first), after = try rows(kept), trained = try rows(continued)
        XCTAssertEqual(after.count, before.count + 6)
        for (word, row) in before where word != "<UNK>" { XCTAssertEqual(after[word], row, word) }
        XCTAssertNotNil(after["g3w2"])
        XCTAssertNotEqual(trained["g2w1"], before["g2w1"])
        XCTAssertEqual(trained["g0w1"], before["g0w1"], "a word absent from the new X keeps its row")
        run = try EmbedBinary.run(["train", "glove", b, "--init", model, "-o", dir + "/x.txt"] + args + ["--dim", "10"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("--dim"), run.stderr)
    }

    func testReplayTrainsOldWordsTheNewTextLacks() throws {
        let a = try corpus("a.txt", topics: [0, 1, 2]), b = try corpus("b.txt", topics: [2, 3])
        let model = dir + "/a.model", first = dir + "/a.vec", replayed = dir + "/r.vec"
        XCTAssertEqual(try EmbedBinary.run(["train", "skipgram", a, "--save-model", model, "-o", first] + small).status, 0)
        var run = try EmbedBinary.run(["train", "skipgram", b, "--init", model, "--replay", a, "--replay-fraction", "0.5",
                                       "-o", replayed] + small)
        XCTAssertEqual(run.status, 0, run.stderr)
        let before = try rows(first), after = try rows(replayed)
        XCTAssertEqual(after.count, 24)
        XCTAssertNotEqual(after["g0w0"], before["g0w0"], "the replayed old text trained a word the new text lacks")
        for args in [["--replay", a], ["--init", model, "--replay", "-"], ["--init", model, "--replay", a, "--replay-fraction", "0"]] {
            run = try EmbedBinary.run(["train", "skipgram", b, "-o", dir + "/x.vec"] + args + small)
            XCTAssertEqual(run.status, 2, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains("--replay"), run.stderr)
        }
    }

    func testMisuseIsOneClearLine() throws {
        let a = try corpus("a.txt", topics: [0, 1])
        let model = dir + "/a.model", vectors = dir + "/a.vec"
        XCTAssertEqual(try EmbedBinary.run(["train", "skipgram", a, "--save-model", model, "-o", vectors] + small).status, 0)
        var run = try EmbedBinary.run(["train", "skipgram", a, "--init", model, "-o", dir + "/x.vec"] + small + ["--dim", "16"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("--dim") && run.stderr.contains("8"), run.stderr)
        run = try EmbedBinary.run(["train", "skipgram", a, "--init", vectors, "-o", dir + "/x.vec"] + small)
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains(vectors) && run.stderr.contains("skip-gram model"), run.stderr)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        run = try EmbedBinary.run(["train", "skipgram", a, "--init", model, "-o", model] + small)
        XCTAssertEqual(run.status, 2, run.stderr)
        run = try EmbedBinary.run(["train", "skipgram", a, "-o", dir + "/y.vec"] + small + ["--epochs", "0"])
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssertTrue(run.stderr.contains("--epochs"), run.stderr)
    }
}
