// Role: command-line tests of `embed classify train | evaluate | predict` on a tiny vector file and tiny
// labelled files: the model file, the evaluate --json contract (accuracy, n, confusion rows = true label),
// predict on arguments and on stdin, a self-contained model, emoji names, one-line errors and exit codes.
import Foundation
import XCTest

final class ClassifyCLITests: XCTestCase {
    private var dir = ""
    /// Two clusters of words: "good" ones near +1 in the first coordinate, "bad" ones near -1.
    static let vectors = """
    good 1 0.1 0 0
    great 0.9 0 0.1 0
    fun 1 0 0 0.1
    love 0.8 0.2 0 0
    bad -1 0.1 0 0
    awful -0.9 0 0.1 0
    dull -1 0 0 0.1
    hate -0.8 0.2 0 0
    the 0 0.5 0.5 0
    movie 0 0 0.5 0.5

    """
    static let train = """
    "the movie was good",pos
    "great fun",pos
    "love the movie",pos
    "good good",pos
    "fun",pos
    "the movie was bad",neg
    "awful, dull",neg
    "hate the movie",neg
    "bad bad",neg
    "dull",neg

    """
    /// Three pos and two neg sentences (independent of the model: the confusion rows must sum to 3 and 2).
    static let test = "\"great movie\",pos\n\"good fun\",pos\n\"love it\",pos\n\"awful movie\",neg\n\"hate\",neg\n"

    override func setUpWithError() throws {
        dir = try EmbedBinary.temporaryFolder()
        try write(Self.vectors, "vec.txt")
        try write(Self.train, "train.csv")
        try write(Self.test, "test.csv")
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    func write(_ text: String, _ name: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    func trainModel(_ extra: [String] = [], train: String = "train.csv", model: String = "m.embedclf") throws -> EmbedRun {
        try EmbedBinary.run(["classify", "train", "--vectors", dir + "/vec.txt", "--train", dir + "/" + train,
                             "-o", dir + "/" + model, "--epochs", "30", "--hidden", "8", "--layers", "1",
                             "--dropout", "0", "--lr", "0.02", "--batch", "4", "--threads", "1", "--quiet"] + extra)
    }

    func testTrainThenEvaluateJSON() throws {
        let trained = try trainModel()
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertEqual(trained.stderr, "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/m.embedclf"))
        XCTAssertTrue(trained.stdout.hasPrefix("train accuracy "), trained.stdout)

        let run = try EmbedBinary.run(["classify", "evaluate", "--model", dir + "/m.embedclf", "--test", dir + "/test.csv", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout.filter { $0 == "\n" }.count, 1, "one JSON object on one line")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
        let accuracy = try XCTUnwrap(object["accuracy"] as? Double)
        XCTAssertTrue((0...1).contains(accuracy))
        XCTAssertEqual(object["n"] as? Int, 5)
        XCTAssertEqual(object["labels"] as? [String], ["neg", "pos"])
        let confusion = try XCTUnwrap(object["confusion"] as? [[Int]])
        XCTAssertEqual(confusion.map { $0.reduce(0, +) }, [2, 3], "rows are the true labels neg, pos")
        XCTAssertEqual(Double(confusion[0][0] + confusion[1][1]) / 5, accuracy, accuracy: 1e-12)
        XCTAssertGreaterThanOrEqual(accuracy, 0.8, "the clusters are easy")

        let table = try EmbedBinary.run(["classify", "evaluate", "--model", dir + "/m.embedclf", "--test", dir + "/test.csv"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("test accuracy "), table.stdout)
    }

    /// Every encoder trains, learns the two clusters, and its model evaluates and predicts from the file alone.
    func testEveryEncoder() throws {
        for encoder in ["lstm-last", "bilstm-max", "bilstm-mean", "mean", "cnn"] {
            let trained = try trainModel(["--encoder", encoder, "--filters", "6", "--test", dir + "/test.csv", "--json"],
                                         model: encoder + ".embedclf")
            XCTAssertEqual(trained.status, 0, "\(encoder): \(trained.stderr)")
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(trained.stdout.utf8)) as? [String: Any])
            let test = try XCTUnwrap(object["test"] as? [String: Any])
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(test["accuracy"] as? Double), 0.8, encoder)
            let run = try EmbedBinary.run(["classify", "evaluate", "--model", dir + "/\(encoder).embedclf",
                                           "--test", dir + "/test.csv", "--json"])
            XCTAssertEqual(run.status, 0, run.stderr)
            let again = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(again["accuracy"] as? Double, test["accuracy"] as? Double, encoder)
        }
        let bad = try trainModel(["--encoder", "gru"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("lstm-last"), bad.stderr)
        XCTAssertEqual(try trainModel(["--encoder", "cnn", "--filters", "0"]).status, 2)
    }

    /// --dev-split 0.2 of 5 pos and 5 neg holds out one of each (the dev report counts 2), and the regularisation
    /// flags are accepted; impossible combinations exit 2.
    func testDevSplitAndRegularisationFlags() throws {
        let run = try trainModel(["--dev-split", "0.2", "--word-dropout", "0.1", "--weight-decay", "0.01",
                                  "--train-embeddings", "--embedding-lr", "0.01", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let dev = try XCTUnwrap(object["dev"] as? [String: Any], run.stdout)
        XCTAssertEqual(dev["n"] as? Int, 2)
        XCTAssertEqual((object["train"] as? [String: Any])?["n"] as? Int, 8)
        for extra in [["--dev-split", "1"], ["--dev-split", "0.2", "--dev", dir + "/test.csv"], ["--embedding-lr", "0.1"],
                      ["--word-dropout", "1"], ["--weight-decay", "-1"]] {
            let bad = try trainModel(extra)
            XCTAssertEqual(bad.status, 2, "\(extra): \(bad.stderr)")
        }
    }

    func testPredictArgumentsAndStdin() throws {
        XCTAssertEqual(try trainModel().status, 0)
        let model = dir + "/m.embedclf"
        let sentences = ["good fun movie", "awful awful", "the unknownword"]
        let run = try EmbedBinary.run(["classify", "predict", "--model", model] + sentences)
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.split(separator: "\t") }
        XCTAssertEqual(lines.count, 3)
        for (fields, sentence) in zip(lines, sentences) {
            XCTAssertEqual(fields.count, 3, "label, probability, sentence")
            XCTAssertTrue(["neg", "pos"].contains(fields[0]))
            let p = try XCTUnwrap(Double(fields[1]))
            XCTAssertTrue(p >= 0.5 && p <= 1, "the top of two classes")
            XCTAssertEqual(String(fields[2]), sentence)
        }
        XCTAssertEqual(lines[0][0], "pos")
        XCTAssertEqual(lines[1][0], "neg")

        // The same sentences on stdin (a blank line is skipped): the same lines.
        let piped = try EmbedBinary.run(["classify", "predict", "--model", model],
                                        stdin: Data((sentences[0] + "\n\n" + sentences[1...].joined(separator: "\n") + "\n").utf8))
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(piped.stdout, run.stdout)

        // --json: one object per line whose probabilities sum to 1 and whose label is the top one.
        let json = try EmbedBinary.run(["classify", "predict", "--model", model, "--json", sentences[0]])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.stdout)
        let probabilities = try XCTUnwrap(object["probabilities"] as? [String: Double])
        XCTAssertEqual(probabilities.values.reduce(0, +), 1, accuracy: 1e-5)
        XCTAssertEqual(object["label"] as? String, probabilities.max { $0.value < $1.value }?.key)
        XCTAssertEqual(object["sentence"] as? String, sentences[0])
    }

    func testTheModelDoesNotNeedTheVectorFile() throws {
        XCTAssertEqual(try trainModel().status, 0)
        let predict = ["classify", "predict", "--model", dir + "/m.embedclf", "good", "bad", "the movie"]
        let before = try EmbedBinary.run(predict)
        XCTAssertEqual(before.status, 0, before.stderr)
        // Other vectors under the same name, then no vector file at all: the model holds its own table.
        try write(Self.vectors.replacingOccurrences(of: "good 1", with: "good -1"), "vec.txt")
        XCTAssertEqual(try EmbedBinary.run(predict).stdout, before.stdout)
        try FileManager.default.removeItem(atPath: dir + "/vec.txt")
        XCTAssertEqual(try EmbedBinary.run(predict).stdout, before.stdout)
    }

    func testEmojiLabelsAreNamed() throws {
        try write("\"good\",0\n\"great\",1\n\"fun\",2\n\"awful\",3\n\"dull movie\",4\n\"love\",0\n", "emoji.csv")
        let trained = try trainModel(["--epochs", "2"], train: "emoji.csv", model: "e.embedclf")
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let run = try EmbedBinary.run(["classify", "predict", "--model", dir + "/e.embedclf", "good"])
        let fields = run.stdout.dropLast().split(separator: "\t").map(String.init)
        XCTAssertEqual(fields.count, 4, run.stdout)
        let names = ["0": "❤️ heart", "1": "⚾ baseball", "2": "😊 smile", "3": "😔 disappointed", "4": "🍴 fork_and_knife"]
        XCTAssertEqual(names[fields[0]], fields[1])
        XCTAssertEqual(fields[3], "good")
    }

    /// `arguments` exit with status 1 and one stderr line starting "embed: <prefix>".
    func assertInputError(_ arguments: [String], _ prefix: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try EmbedBinary.run(arguments)
        XCTAssertEqual(run.status, 1, run.stderr, file: file, line: line)
        XCTAssertTrue(run.stderr.hasPrefix("embed: " + prefix), run.stderr, file: file, line: line)
        XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, run.stderr, file: file, line: line)
        XCTAssertEqual(run.stdout, "", file: file, line: line)
    }

    func testMalformedFilesExitOneNamingFileAndLine() throws {
        let bad = try write("\"fine\",pos\n\"no label\"\n", "bad.csv")
        try assertInputError(["classify", "train", "--vectors", dir + "/vec.txt", "--train", bad, "-o", dir + "/x.embedclf"],
                             "\(bad):2: ")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.embedclf"), "no model written")
        let open = try write("\"fine\",pos\n\"bad\",neg\n\"never closed,neg\n", "open.csv")
        try assertInputError(["classify", "train", "--vectors", dir + "/vec.txt", "--train", open, "-o", dir + "/x.embedclf"],
                             "\(open):3: unterminated")

        XCTAssertEqual(try trainModel().status, 0)
        let model = dir + "/m.embedclf"
        try assertInputError(["classify", "evaluate", "--model", model, "--test", bad], "\(bad):2: ")
        let unknown = try write("\"good\",pos\n\"bad\",meh\n", "unknown.csv")
        try assertInputError(["classify", "evaluate", "--model", model, "--test", unknown], "\(unknown):2: label \"meh\"")
        let damaged = try write("EMBEDCLF but not really a model", "damaged.embedclf")
        try assertInputError(["classify", "predict", "--model", damaged, "good"], "\(damaged): ")
        try assertInputError(["classify", "predict", "--model", dir + "/nope.embedclf", "good"], "\(dir)/nope.embedclf: ")
    }

    func testBadFlagsExitTwo() throws {
        let base = ["classify", "train", "--vectors", dir + "/vec.txt", "--train", dir + "/train.csv", "-o", dir + "/x.embedclf"]
        for extra in [["--hidden", "0"], ["--dropout", "1"], ["--epochs", "0"], ["--format", "xml"], ["--cell", "gru"],
                      ["--lr", "-1"], ["--bogus"]] {
            let run = try EmbedBinary.run(base + extra)
            XCTAssertEqual(run.status, 2, "\(extra): \(run.stderr)")
            XCTAssertFalse(run.stderr.isEmpty)
        }
        XCTAssertEqual(try EmbedBinary.run(["classify", "train", "--train", dir + "/train.csv", "-o", dir + "/x"]).status, 2,
                       "--vectors missing")
        XCTAssertEqual(try EmbedBinary.run(["classify", "evaluate", "--test", dir + "/test.csv"]).status, 2, "--model missing")
        XCTAssertEqual(try EmbedBinary.run(["classify", "predict", "--model", dir + "/m", "--batch", "0", "x"]).status, 2)
        XCTAssertEqual(try EmbedBinary.run(["classify", "nothing"]).status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.embedclf"))
    }
}
