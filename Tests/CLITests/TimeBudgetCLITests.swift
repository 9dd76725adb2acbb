// Role: command-line tests of --time-budget on both trainers: a roomy budget runs to the --epochs cap and says
// so in the summary, a spent one trains one epoch, and bad durations or a budget with no epoch are usage errors.
import EmbedTestSupport
import Foundation
import XCTest

final class TimeBudgetCLITests: XCTestCase {
    var dir: TestFolder!
    override func setUpWithError() throws {
        dir = try TestFolder(prefix: "embed-budget")
        try dir.write(Fixtures.topicCorpus(lines: 80), to: "corpus.txt")
    }
    override func tearDown() { dir = nil }

    private func train(_ trainer: String, _ extra: [String]) throws -> EmbedRun {
        try EmbedBinary.run(["train", trainer, dir.file("corpus.txt"), "--min-count", "1", "--dim", "8", "--window", "3",
                             "-o", dir.file("\(trainer).txt")] + extra)
    }

    private func summary(_ run: EmbedRun, _ trainer: String) -> String {
        run.stderr.split(separator: "\n").map(String.init).first { $0.hasPrefix("\(trainer): time budget") } ?? run.stderr
    }

    func testBudgetsPlanTheEpochs() throws {
        for trainer in ["skipgram", "glove"] {
            let roomy = try train(trainer, ["--time-budget", "1h30m", "--epochs", "3"])
            XCTAssertEqual(roomy.status, 0, roomy.stderr)
            XCTAssertTrue(summary(roomy, trainer).hasPrefix("\(trainer): time budget 5400 s: 3 epochs at "), roomy.stderr)
            let spent = try train(trainer, ["--time-budget", "0.001"])
            XCTAssertEqual(spent.status, 0, spent.stderr)
            XCTAssertTrue(summary(spent, trainer).hasPrefix("\(trainer): time budget 0 s: 1 epoch at "), spent.stderr)
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.file("\(trainer).txt")))
        }
    }

    func testBadBudgetsAreUsageErrors() throws {
        for trainer in ["skipgram", "glove"] {
            for (extra, fragment) in [(["--time-budget", "0"], "--time-budget"), (["--time-budget", "5x"], "--time-budget"),
                                      (["--time-budget", "10", "--epochs", "0"], "--time-budget needs at least one epoch")] {
                let run = try train(trainer, extra)
                XCTAssertEqual(run.status, 2, "\(trainer) \(extra): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains(fragment), run.stderr)
            }
        }
    }
}
