// Role: command-line tests of the defaults chosen from the corpus: both trainers print what they chose (only
// the settings whose flags were not given) and train that many epochs, or at most that many with a time budget;
// --paper-defaults, flags given and the subword model leave the corresponding choices out.
import EmbedTestSupport
import Foundation
import XCTest

final class CorpusDefaultsCLITests: XCTestCase {
    var dir: TestFolder!
    override func setUpWithError() throws {
        dir = try TestFolder(prefix: "embed-defaults")
        try dir.write(Fixtures.topicCorpus(lines: 80), to: "corpus.txt")   // 960 tokens
    }
    override func tearDown() { dir = nil }

    private func train(_ trainer: String, _ extra: [String]) throws -> EmbedRun {
        let run = try EmbedBinary.run(["train", trainer, dir.file("corpus.txt"), "--min-count", "1", "--threads", "1",
                                       "-o", dir.file("\(trainer).txt")] + extra)
        XCTAssertEqual(run.status, 0, run.stderr)
        return run
    }

    private func choices(_ run: EmbedRun, _ trainer: String) -> String? {
        run.stderr.split(separator: "\n").map(String.init).first { $0.hasPrefix("\(trainer): 960 tokens -> ") }
    }

    private let suffix = " (auto; set any flag to override, or --paper-defaults)"

    func testGloVeChoosesAndSaysSo() throws {
        let auto = try train("glove", ["--dim", "8"])
        XCTAssertEqual(choices(auto, "glove"), "glove: 960 tokens -> x_max 10, window 20, 15 epochs" + suffix)
        XCTAssertTrue(auto.stderr.contains("glove: epoch 15/15 "), auto.stderr)
        let paper = try train("glove", ["--dim", "8", "--paper-defaults"])
        XCTAssertNil(choices(paper, "glove"), paper.stderr)
        XCTAssertTrue(paper.stderr.contains("glove: epoch 25/25 "), paper.stderr)
        let given = try train("glove", ["--dim", "8", "--window", "3", "--x-max", "100", "--epochs", "2"])
        XCTAssertNil(choices(given, "glove"), given.stderr)
        let some = try train("glove", ["--window", "3", "--epochs", "2"])
        XCTAssertEqual(choices(some, "glove"), "glove: 960 tokens -> x_max 10, dim 100" + suffix)
        let budget = try train("glove", ["--dim", "8", "--time-budget", "1h", "--epochs", "2"])
        XCTAssertEqual(choices(budget, "glove"), "glove: 960 tokens -> x_max 10, window 20" + suffix)
        let most = try train("glove", ["--dim", "8", "--time-budget", "1h"])
        XCTAssertEqual(choices(most, "glove"), "glove: 960 tokens -> x_max 10, window 20, at most 15 epochs" + suffix)
        XCTAssertTrue(most.stderr.contains("glove: time budget 3600 s: 15 epochs at "), most.stderr)
    }

    func testSkipGramChoosesAndSaysSo() throws {
        let auto = try train("skipgram", [])
        XCTAssertEqual(choices(auto, "skipgram"), "skipgram: 960 tokens -> 20 epochs, dim 100, sample 0.001" + suffix)
        let header = try String(contentsOfFile: dir.file("skipgram.txt"), encoding: .utf8).prefix { $0 != "\n" }
        XCTAssertEqual(header.split(separator: " ").count, 101, "dim 100")
        let paper = try train("skipgram", ["--paper-defaults"])
        XCTAssertNil(choices(paper, "skipgram"), paper.stderr)
        let some = try train("skipgram", ["--dim", "8", "--sample", "0"])
        XCTAssertEqual(choices(some, "skipgram"), "skipgram: 960 tokens -> 20 epochs" + suffix)
        let budget = try train("skipgram", ["--dim", "8", "--time-budget", "1h", "--epochs", "2"])
        XCTAssertEqual(choices(budget, "skipgram"), "skipgram: 960 tokens -> sample 0.001" + suffix)
        XCTAssertTrue(budget.stderr.contains("time budget 3600 s: 2 epochs"), budget.stderr)
        let most = try train("skipgram", ["--dim", "8", "--time-budget", "1h"])
        XCTAssertEqual(choices(most, "skipgram"), "skipgram: 960 tokens -> at most 20 epochs, sample 0.001" + suffix)
        XCTAssertTrue(most.stderr.contains("skipgram: time budget 3600 s: 20 epochs at "), most.stderr)
        let subwords = try train("skipgram", ["--subwords", "--dim", "8", "--buckets", "1000", "--epochs", "1"])
        XCTAssertNil(choices(subwords, "skipgram"), "the subword model keeps fastText's defaults")
    }
}
