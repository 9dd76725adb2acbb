// Role: the old spellings scripts still call keep working (hidden aliases), and the shared flags mean the
// same in every command: --out, --tmp, --max-size, `train glove -o FILE --output w`, --vectors, durations.
import EmbedTestSupport
import Foundation
import XCTest

final class FlagAliasCLITests: XCTestCase {
    func testOldSpellingsGiveTheSameFiles() throws {
        let dir = try TestFolder()
        let corpus = try dir.write(Fixtures.topicCorpus(lines: 80), to: "c.txt")
        let new = try EmbedBinary.run(["vocab", corpus, "-o", dir.file("a.txt"), "--max-vocab", "5", "--min-count", "1"])
        let old = try EmbedBinary.run(["vocab", corpus, "--out", dir.file("b.txt"), "--max-size", "5", "--min-count", "1"])
        XCTAssertEqual(new.status, 0, new.stderr)
        XCTAssertEqual(old.status, 0, old.stderr)
        XCTAssertEqual(try dir.bytes("a.txt"), try dir.bytes("b.txt"))
        XCTAssertEqual(try String(contentsOfFile: dir.file("a.txt"), encoding: .utf8).split(separator: "\n").count, 6)

        let scratch = try dir.makeFolder("scratch")
        for (flag, name) in [("--temp-dir", "x1.bin"), ("--tmp", "x2.bin")] {
            let run = try EmbedBinary.run(["cooccur", corpus, "--vocab", dir.file("a.txt"), "-o", dir.file(name),
                                           flag, scratch, "--memory", "0.001", "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        XCTAssertEqual(try dir.bytes("x1.bin"), try dir.bytes("x2.bin"))
        XCTAssertEqual(dir.contents("scratch"), [], "scratch folders are removed")
        XCTAssertTrue(EmbedBinary.helpText(["vocab"]).contains("--max-vocab"))
        XCTAssertFalse(EmbedBinary.helpText(["vocab"]).contains("--max-size"), "aliases stay out of the help")
    }

    func testGloVeOutputChoiceUnderBothSpellings() throws {
        let dir = try TestFolder()
        let corpus = try dir.write(Fixtures.topicCorpus(lines: 60), to: "c.txt")
        let common = ["train", "glove", corpus, "--min-count", "1", "--dim", "4", "--epochs", "2", "--threads", "1", "--quiet"]
        let runs = [
            ["-o", dir.file("new.txt"), "--vectors", "w"],
            ["-o", dir.file("old.txt"), "--output", "w"],
            ["--out", dir.file("older.txt"), "--output", "w"],
            ["--output", dir.file("sum.txt")],
        ]
        for extra in runs {
            let run = try EmbedBinary.run(common + extra)
            XCTAssertEqual(run.status, 0, "\(extra): \(run.stderr)")
        }
        XCTAssertEqual(try dir.bytes("new.txt"), try dir.bytes("old.txt"))
        XCTAssertEqual(try dir.bytes("new.txt"), try dir.bytes("older.txt"))
        XCTAssertNotEqual(try dir.bytes("new.txt"), try dir.bytes("sum.txt"), "w+c by default")
        let twice = try EmbedBinary.run(common + ["-o", dir.file("a.txt"), "-o", dir.file("b.txt")])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("one output file"), twice.stderr)
    }

    func testCheckpointEveryTakesDurations() throws {
        let dir = try TestFolder()
        let corpus = try dir.write(Fixtures.topicCorpus(lines: 40), to: "c.txt")
        for value in ["90s", "4m", "1h30m", "0.5"] {
            let run = try EmbedBinary.run(["train", "skipgram", corpus, "-o", dir.file("v.txt"), "--min-count", "1",
                                           "--epochs", "1", "--dim", "4", "--checkpoint-every", value, "--quiet"])
            XCTAssertEqual(run.status, 0, "\(value): \(run.stderr)")
        }
        let bad = try EmbedBinary.run(["train", "skipgram", corpus, "-o", dir.file("v.txt"), "--checkpoint-every", "soon"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
    }
}
