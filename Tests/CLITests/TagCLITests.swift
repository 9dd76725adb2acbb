// Role: command-line tests of `embed tag train | evaluate | predict` on tiny vector and CoNLL files: the
// model file, the evaluate --json contract (precision, recall, f1, per_type, tokens), the conlleval report,
// predict on arguments, stdin, --json and --conll, the shipped slot-filling demo (the lecture's sentence),
// one-line `embed: file:line: message` errors with exit 1 and usage errors with exit 2.
import EmbedTestSupport
import Foundation
import XCTest

final class TagCLITests: XCTestCase {
    private var dir = ""
    static let vectors = """
    arrive 1 0 0 0
    leave -1 0 0 0
    to 0.9 0.1 0 0
    from -0.9 0.1 0 0
    taipei 0 1 0 0
    paris 0 0.9 0.1 0
    tokyo 0 0.9 0 0.1
    on 0 0 1 0
    october 0 0 0 1
    may 0 0 0.1 0.9
    23 0 0 0.2 0.8

    """
    static let train = """
    arrive B-X
    taipei B-destination
    on O
    october B-time
    23 I-time

    leave O
    paris B-departure
    on O
    may B-time

    to O
    tokyo B-destination

    from O
    taipei B-departure
    on O
    october B-time

    arrive O
    paris B-destination

    """.replacingOccurrences(of: "arrive B-X", with: "arrive O")
    static let test = "arrive O\ntokyo B-destination\non O\nmay B-time\n23 I-time\n\nfrom O\nparis B-departure\n"

    override func setUpWithError() throws {
        dir = try EmbedBinary.temporaryFolder()
        try write(Self.vectors, "vec.txt")
        try write(Self.train, "train.txt")
        try write(Self.test, "test.txt")
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    func write(_ text: String, _ name: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    func trainModel(_ extra: [String] = [], model: String = "m.embedtag") throws -> EmbedRun {
        try EmbedBinary.run(["tag", "train", "--vectors", dir + "/vec.txt", "--train", dir + "/train.txt",
                             "-o", dir + "/" + model, "--epochs", "10", "--hidden", "6", "--char-dim", "3",
                             "--char-hidden", "3", "--batch", "2", "--lr", "0.02", "--threads", "1", "--quiet"] + extra)
    }

    func testTrainThenEvaluateJSON() throws {
        let trained = try trainModel(["--test", dir + "/test.txt"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertEqual(trained.stderr, "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/m.embedtag"))
        XCTAssertTrue(trained.stdout.hasPrefix("test:\nprocessed 7 tokens with 3 phrases; found: "), trained.stdout)

        let run = try EmbedBinary.run(["tag", "evaluate", "--model", dir + "/m.embedtag", "--test", dir + "/test.txt", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.filter { $0 == "\n" }.count, 1, "one JSON object on one line")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        for key in ["precision", "recall", "f1", "accuracy"] {
            let value = try XCTUnwrap(object[key] as? Double, key)
            XCTAssertTrue((0...1).contains(value), "\(key) \(value)")
        }
        XCTAssertEqual(object["tokens"] as? Int, 7)
        XCTAssertEqual(object["gold"] as? Int, 3)
        XCTAssertEqual(object["scheme"] as? String, "iob2")
        let perType = try XCTUnwrap(object["per_type"] as? [String: [String: Any]])
        XCTAssertEqual(perType["destination"]?["gold"] as? Int, 1)
        XCTAssertEqual(perType["time"]?["gold"] as? Int, 1)
        XCTAssertNotNil(perType["departure"]?["f1"] as? Double)

        let table = try EmbedBinary.run(["tag", "evaluate", "--model", dir + "/m.embedtag", "--test", dir + "/test.txt"])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n")
        XCTAssertTrue(lines[0].hasPrefix("processed 7 tokens with 3 phrases"), table.stdout)
        XCTAssertTrue(lines[1].hasPrefix("accuracy: "), table.stdout)
        XCTAssertTrue(lines[1].contains("FB1: "), table.stdout)
        XCTAssertTrue(table.stdout.contains("      destination: precision: "), table.stdout)
    }

    func testTrainJSONAndLog() throws {
        let trained = try trainModel(["--dev", dir + "/test.txt", "--json", "--log", dir + "/log.csv", "--epochs", "3",
                                      "--no-crf", "--no-chars", "--encoding", "bio"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: Any], trained.stdout)
        XCTAssertEqual(object["epochs_run"] as? Int, 3)
        XCTAssertNotNil(object["tokens_per_second"] as? Double)
        XCTAssertNotNil((object["dev"] as? [String: Any])?["f1"] as? Double)
        let log = try String(contentsOfFile: dir + "/log.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(log.first, "epoch,loss,dev_precision,dev_recall,dev_f1,dev_accuracy,seconds,tokens_per_sec")
        XCTAssertEqual(log.count, 4)
    }

    func testPredictArgumentsStdinJSONAndConll() throws {
        XCTAssertEqual(try trainModel().status, 0)
        let model = dir + "/m.embedtag"
        let run = try EmbedBinary.run(["tag", "predict", "--model", model, "arrive tokyo on may 23", "leave paris"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let tagged = run.stdout.split(separator: "\n").filter { !$0.hasPrefix("  ") }
        XCTAssertEqual(tagged.count, 2, run.stdout)
        XCTAssertEqual(tagged[0].split(separator: " ").count, 5)
        XCTAssertTrue(tagged[0].hasPrefix("arrive/"), run.stdout)
        for line in run.stdout.split(separator: "\n") where line.hasPrefix("  ") { XCTAssertTrue(line.contains(": "), String(line)) }

        let piped = try EmbedBinary.run(["tag", "predict", "--model", model, "--json"],
                                        stdin: Data("arrive tokyo on may 23\n\nleave paris\n".utf8))
        XCTAssertEqual(piped.status, 0, piped.stderr)
        let objects = try piped.stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(objects.count, 2)
        XCTAssertEqual(objects[0]["sentence"] as? String, "arrive tokyo on may 23")
        XCTAssertEqual(objects[0]["tokens"] as? [String], ["arrive", "tokyo", "on", "may", "23"])
        XCTAssertEqual((objects[0]["tags"] as? [String])?.count, 5)
        XCTAssertNotNil(objects[0]["entities"] as? [[String: Any]])
        XCTAssertNotNil(objects[0]["slots"] as? [String: [String]])

        let conll = try EmbedBinary.run(["tag", "predict", "--model", model, "--conll", dir + "/test.txt"])
        XCTAssertEqual(conll.status, 0, conll.stderr)
        let lines = conll.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(Array(lines.map { $0.split(separator: " ").count }), [3, 3, 3, 3, 3, 0, 3, 3])
        XCTAssertTrue(lines[1].hasPrefix("tokyo B-destination "), conll.stdout)
        let valid = Set(["O", "B-destination", "I-destination", "B-departure", "I-departure", "B-time", "I-time"])
        for line in lines where !line.isEmpty { XCTAssertTrue(valid.contains(String(line.split(separator: " ")[2])), String(line)) }
    }

    /// The demo: the shipped flight-booking set and GloVe slice tag the lecture's sentence.
    func testLectureSentenceOnTheShippedSlotFillingSet() throws {
        let vectors = SharedData.shipped("corpora/vectors/glove.6B.50d.top20k.txt.zst")
        let train = SharedData.shipped("corpora/tag/flights-train.txt")
        let trained = try EmbedBinary.run(["tag", "train", "--vectors", vectors, "--train", train,
                                           "--test", SharedData.shipped("corpora/tag/flights-test.txt"), "--json",
                                           "--epochs", "12", "--hidden", "50", "--seed", "1", "--threads", "2",
                                           "-o", dir + "/flights.embedtag", "--quiet"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: Any])
        XCTAssertGreaterThanOrEqual(try XCTUnwrap((object["test"] as? [String: Any])?["f1"] as? Double), 0.9)
        let run = try EmbedBinary.run(["tag", "predict", "--model", dir + "/flights.embedtag",
                                       "i would like to arrive taipei on october 23", "leave taipei on november 2nd"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, """
        i/O would/O like/O to/O arrive/O taipei/B-destination on/O october/B-arrival_time 23/I-arrival_time
          destination: taipei
          arrival time: october 23
        leave/O taipei/B-departure_place on/O november/B-departure_time 2nd/I-departure_time
          departure place: taipei
          departure time: november 2nd

        """)
    }

    /// `arguments` exit with status 1 and one stderr line starting "embed: <prefix>".
    func assertInputFailure(_ arguments: [String], _ prefix: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try EmbedBinary.run(arguments)
        XCTAssertEqual(run.status, 1, run.stderr, file: file, line: line)
        XCTAssertTrue(run.stderr.hasPrefix("embed: " + prefix), run.stderr, file: file, line: line)
        XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, run.stderr, file: file, line: line)
    }

    func testMalformedFilesExitOneNamingFileAndLine() throws {
        let bad = try write("arrive O\ntaipei\n", "bad.txt")
        try assertInputFailure(["tag", "train", "--vectors", dir + "/vec.txt", "--train", bad, "-o", dir + "/x.embedtag"],
                               "\(bad):2: expected a token and a tag")
        let badTag = try write("arrive O\n\ntaipei DEST\n", "badtag.txt")
        try assertInputFailure(["tag", "train", "--vectors", dir + "/vec.txt", "--train", badTag, "-o", dir + "/x.embedtag"],
                               "\(badTag):3: \"DEST\" is not a tag")
        try assertInputFailure(["tag", "train", "--vectors", dir + "/vec.txt", "--train", dir + "/train.txt",
                                "--tag-column", "3", "-o", dir + "/x.embedtag"], "\(dir)/train.txt:1: the tag column 3 is missing")
        let none = try write("arrive O\ntaipei O\n", "none.txt")
        try assertInputFailure(["tag", "train", "--vectors", dir + "/vec.txt", "--train", none, "-o", dir + "/x.embedtag"],
                               "\(none): the training set has no entities")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.embedtag"))

        XCTAssertEqual(try trainModel(["--epochs", "1"]).status, 0)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/m.embedtag")))
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/damaged.embedtag"))
        try assertInputFailure(["tag", "evaluate", "--model", dir + "/damaged.embedtag", "--test", dir + "/test.txt"],
                               "\(dir)/damaged.embedtag: corrupt tagger model (.embedtag): checksum mismatch")
        try assertInputFailure(["tag", "predict", "--model", dir + "/vec.txt", "arrive taipei"], "\(dir)/vec.txt: not a tagger model")
        try assertInputFailure(["tag", "predict", "--model", dir + "/m.embedtag", "--conll", bad], "\(bad):2:")
    }

    func testUsageErrorsExitTwo() throws {
        for extra in [["--hidden", "0"], ["--tag-column", "1"], ["--scheme", "bio2"], ["--dropout", "1"], ["--bogus"],
                      ["--char-dim", "0"], ["--encoding", "iob1"]] {
            let run = try trainModel(extra)
            XCTAssertEqual(run.status, 2, "\(extra): \(run.stderr)")
        }
        let both = try EmbedBinary.run(["tag", "predict", "--model", dir + "/m.embedtag", "--conll", dir + "/test.txt", "x"])
        XCTAssertEqual(both.status, 2, both.stderr)
        XCTAssertTrue(EmbedBinary.helpText([]).contains("tag"))
        XCTAssertTrue(EmbedBinary.helpText(["tag", "train"]).contains("--no-crf"))
    }
}
