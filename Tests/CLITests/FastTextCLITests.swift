// Role: command-line tests with fastText models: `embed vector` (model and plain vectors, stdin, unknown
// words), neighbours of a word never seen, convert to and from fasttext-bin, `--oov subwords` in eval's
// JSON, and the exit statuses (1 bad input: damaged or quantized models; 2 usage).
import EmbedTestSupport
import Foundation
import XCTest

final class FastTextCLITests: XCTestCase {
    static var fixtures: String { SharedData.shipped("Tests/EmbedVectorsTests/Fixtures/fasttext") }
    static var model: String { fixtures + "/wiki-sg-d10.bin" }

    var dir = ""
    override func setUpWithError() throws { dir = try EmbedBinary.temporaryFolder() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// fastText's get_word_vector for the words of the fixture's expected file.
    func expected() throws -> [String: [Float]] {
        let text = try String(contentsOfFile: Self.fixtures + "/wiki-sg-d10.expected.txt", encoding: .utf8)
        var out: [String: [Float]] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            out[String(fields[1])] = fields[2...].map { Float(String($0))! }
        }
        return out
    }

    /// `word v1 ... vd` lines -> (word, values).
    func rows(_ text: String) -> [(String, [Float])] {
        text.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return (String(fields[0]), fields.dropFirst().map { Float(String($0))! })
        }
    }

    func testVectorPrintsFastTextsVectorsInAndOutOfTheVocabulary() throws {
        let expected = try expected()
        let run = try EmbedBinary.run(["vector", Self.model, "anarchism", "anarchisms", "中文", "🙂", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stderr, "")
        let printed = rows(run.stdout)
        XCTAssertEqual(printed.map(\.0), ["anarchism", "anarchisms", "中文", "🙂"])
        for (word, values) in printed {
            let theirs = try XCTUnwrap(expected[word])
            XCTAssertEqual(values.count, 10)
            XCTAssertLessThan(zip(values, theirs).map { abs($0 - $1) }.max()!, 1e-5, word)
        }
        // Words from standard input, several per line.
        let stdin = try EmbedBinary.run(["vector", Self.model, "--quiet"], stdin: Data("the state\n\nnaïve\n".utf8))
        XCTAssertEqual(stdin.status, 0, stdin.stderr)
        XCTAssertEqual(rows(stdin.stdout).map(\.0), ["the", "state", "naïve"])
        // </s> is not in this vocabulary and has no n-grams: unknown, and nothing printed is status 1.
        let none = try EmbedBinary.run(["vector", Self.model, "</s>", "--quiet"])
        XCTAssertEqual(none.status, 1)
        XCTAssertEqual(none.stderr, "embed: \(Self.model): unknown word \"</s>\"\n")
    }

    func testVectorOnPlainVectorsKnowsOnlyTheRows() throws {
        let path = dir + "/v.txt"
        try "king 1 0.5\nQueen -0.25 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try EmbedBinary.run(["vector", path, "king", "kingdom", "queen"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "king 1.0 0.5\nqueen -0.25 2.0\n", "queen is matched up to case")
        XCTAssertTrue(run.stderr.contains("embed: \(path): unknown word \"kingdom\"\n"), run.stderr)
        XCTAssertEqual(try EmbedBinary.run(["vector", path, "kingdom", "--quiet"]).status, 1)
        let usage = try EmbedBinary.run(["vector", "-"])
        XCTAssertEqual(usage.status, 2, usage.stderr)
    }

    func testNeighborsOfAWordNeverSeen() throws {
        let run = try EmbedBinary.run(["neighbors", Self.model, "wordneverseen", "-k", "3", "--json", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let queries = try XCTUnwrap(object["queries"] as? [[String: Any]])
        XCTAssertEqual(queries.first?["query"] as? String, "wordneverseen")
        XCTAssertEqual((queries.first?["neighbors"] as? [[String: Any]])?.count, 3)
        XCTAssertEqual(object["unknown"] as? [String], [])
        let expression = try EmbedBinary.run(["neighbors", Self.model, "anarchisms", "-", "state", "+", "politicaly", "--quiet"])
        XCTAssertEqual(expression.status, 0, expression.stderr)
    }

    func testConvertFromAndToFastTextModels() throws {
        let vec = try EmbedBinary.run(["convert", Self.model, dir + "/out.vec"])
        XCTAssertEqual(vec.status, 0, vec.stderr)
        XCTAssertTrue(vec.stderr.hasPrefix("convert: 722 vectors of dimension 10, fasttext-bin -> \(dir)/out.vec (word2vec)"), vec.stderr)
        let text = try String(contentsOfFile: dir + "/out.vec", encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("722 10\nthe 0.40568438 0.51708025 "), String(text.prefix(60)))

        let few = try EmbedBinary.run(["convert", Self.model, dir + "/few.txt", "--limit", "5", "--quiet"])
        XCTAssertEqual(few.status, 0, few.stderr)
        XCTAssertEqual(try String(contentsOfFile: dir + "/few.txt", encoding: .utf8).split(separator: "\n").count, 5)

        // The model again, byte for byte; a .bin name alone means word2vec binary.
        let copy = try EmbedBinary.run(["convert", Self.model, dir + "/copy.bin", "--format", "fasttext-bin", "--quiet"])
        XCTAssertEqual(copy.status, 0, copy.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/copy.bin")), try Data(contentsOf: URL(fileURLWithPath: Self.model)))
        XCTAssertEqual(try EmbedBinary.run(["convert", Self.model, dir + "/w2v.bin", "--quiet"]).status, 0)
        let w2v = try Data(contentsOf: URL(fileURLWithPath: dir + "/w2v.bin"))
        XCTAssertEqual(String(decoding: w2v.prefix(7), as: UTF8.self), "722 10\n")

        // Plain vectors have no n-grams: refused, no output.
        let refused = try EmbedBinary.run(["convert", dir + "/out.vec", dir + "/m.bin", "--format", "fasttext-bin"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertEqual(refused.stderr, "embed: --format fasttext-bin needs a fastText model as input: \(dir)/out.vec holds plain vectors (word2vec), which have no n-grams\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m.bin"))
        let cut = try EmbedBinary.run(["convert", Self.model, dir + "/m.bin", "--format", "fasttext-bin", "--limit", "3"])
        XCTAssertEqual(cut.status, 2, cut.stderr)
    }

    func testEvalWithOOVSubwordsAddsKeys() throws {
        let q = dir + "/q.txt", ws = dir + "/ws.tsv"
        try ": family\nstate states society societies\nanarchism anarchisms state states\n: gram1-x\nthe of and nothere\n"
            .write(toFile: q, atomically: true, encoding: .utf8)
        try "state\tsociety\t5\nanarchism\tanarchisms\t9\nthe\tzzzzqqq\t1\n".write(toFile: ws, atomically: true, encoding: .utf8)
        let run = try EmbedBinary.run(["eval", Self.model, "--questions", q, "--similarity", ws, "--oov", "subwords", "--json", "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let analogy = try XCTUnwrap(object["analogy"] as? [String: Any])
        XCTAssertTrue(Set(analogy.keys).isSuperset(of: ["total", "semantic", "syntactic", "sections", "skipped", "restrict",
                                                        "method", "questions", "file", "case_sensitive", "oov_subwords"]))
        let subwords = try XCTUnwrap(analogy["oov_subwords"] as? [String: Any])
        XCTAssertEqual(Set(subwords.keys), ["total", "semantic", "syntactic", "sections", "skipped", "subword_words"])
        XCTAssertEqual(analogy["skipped"] as? Int, 3, "without n-grams: every question has a word outside the vocabulary")
        XCTAssertEqual(subwords["skipped"] as? Int, 2, "with them, the two whose expected word (societies, nothere) is outside the vocabulary stay skipped")
        let similarity = try XCTUnwrap((object["similarity"] as? [[String: Any]])?.first)
        XCTAssertEqual(similarity["pairs"] as? Int, 1)
        let pairs = try XCTUnwrap(similarity["oov_subwords"] as? [String: Any])
        XCTAssertEqual(pairs["pairs"] as? Int, 3)
        XCTAssertEqual(pairs["subword_pairs"] as? Int, 2)

        let table = try EmbedBinary.run(["eval", Self.model, "--questions", q, "--similarity", ws, "--oov", "subwords", "--quiet"])
        XCTAssertTrue(table.stdout.contains("total, subwords"), table.stdout)
        XCTAssertTrue(table.stdout.contains("Spearman, subwords"), table.stdout)
        let analogyTable = try EmbedBinary.run(["analogy", Self.model, q, "--oov", "subwords", "--quiet"])
        XCTAssertTrue(analogyTable.stdout.contains("(--oov subwords)"), analogyTable.stdout)
        let similarityTable = try EmbedBinary.run(["similarity", Self.model, ws, "--oov", "subwords", "--quiet"])
        XCTAssertTrue(similarityTable.stdout.contains("+ subwords"), similarityTable.stdout)

        // Plain vectors: a usage error; an unknown policy too.
        try "state 1 0\nsociety 0 1\n".write(toFile: dir + "/plain.txt", atomically: true, encoding: .utf8)
        let plain = try EmbedBinary.run(["similarity", dir + "/plain.txt", ws, "--oov", "subwords"])
        XCTAssertEqual(plain.status, 2)
        XCTAssertEqual(plain.stderr, "embed: --oov subwords needs a fastText model (a .bin with n-grams): \(dir)/plain.txt holds plain vectors\n")
        XCTAssertEqual(try EmbedBinary.run(["eval", Self.model, "--oov", "ngrams"]).status, 2)
    }

    func testDamagedAndQuantizedModelsExit1WithOneLine() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.model))
        let cut = dir + "/cut.bin"
        try bytes.prefix(9000).write(to: URL(fileURLWithPath: cut))   // inside the dictionary
        for command in [["vector", cut, "the"], ["neighbors", cut, "the"], ["convert", cut, dir + "/x.vec"], ["eval", cut]] {
            let run = try EmbedBinary.run(command)
            XCTAssertEqual(run.status, 1, "\(command): \(run.stderr)")
            XCTAssertEqual(run.stderr, "embed: \(cut): truncated fastText model: the count of entry 555 at byte 8998 needs 8 bytes, 2 left\n")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/x.vec"))
        let ftz = Self.fixtures + "/feelings-sup-d4.ftz"
        let quantized = try EmbedBinary.run(["vector", ftz, "food"])
        XCTAssertEqual(quantized.status, 1)
        XCTAssertEqual(quantized.stderr, "embed: \(ftz): quantized models are not supported (a .ftz model): use the unquantized .bin\n")
    }

    func testTrainersRefuseTheModelFormatBeforeTraining() throws {
        let corpus = dir + "/c.txt"
        try String(repeating: "a b c d e f\n", count: 20).write(toFile: corpus, atomically: true, encoding: .utf8)
        for trainer in ["skipgram", "glove"] {
            let run = try EmbedBinary.run(["train", trainer, corpus, "-o", dir + "/m.bin", "--format", "fasttext-bin",
                                           "--min-count", "1"])
            XCTAssertEqual(run.status, 2, run.stderr)
            XCTAssertTrue(run.stderr.contains("--format fasttext-bin writes a fastText model"), run.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m.bin"))
        }
    }

    func testHelpNamesTheNewCommandAndFormat() {
        XCTAssertTrue(EmbedBinary.helpText([]).contains("vector"))
        XCTAssertTrue(EmbedBinary.helpText(["convert"]).contains("fasttext-bin"))
        XCTAssertTrue(EmbedBinary.helpText(["eval"]).contains("--oov"))
    }
}
