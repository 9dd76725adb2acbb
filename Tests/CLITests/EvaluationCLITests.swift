// Role: command-line tests of `embed analogy`, `similarity`, `neighbors` and `eval` on a hand-made vector file
// whose answers are worked out by hand: tables, --json keys, default sets found next to the vectors, errors.
import Foundation
import XCTest

final class EvaluationCLITests: XCTestCase {
    // Unit-length rows with exact entries. For a:b :: c:? the direction is b - a + c = (-1, 1, 1, 0):
    // 3CosAdd scores p 1.5, m 1, q .5 (p wins); 3CosMul: m 250000, p 2.25, q .75 (m wins).
    static let vectors = """
    a 1 0 0 0
    b 0 1 0 0
    c 0 0 1 0
    q 0.5 0.5 0.5 0.5
    p -0.5 0.5 0.5 0.5
    m -1 0 0 0

    """
    static let questions = ": family\na b c p\na b c m\n: gram1-x\na b c nothere\n"
    // cos: (a,b) 0, (a,q) .5, (b,p) .5; human 1, 3, 2 -> Spearman = Pearson = sqrt(3)/2 = 0.866; 1 pair of 4 unknown.
    static let pairs = "# word1\tword2\tscore\nA\tb\t1\na\tq\t3\nb\tp\t2\na\tzzz\t4\n"

    var dir = ""
    override func setUpWithError() throws {
        dir = try EmbedBinary.temporaryFolder()
        try Self.vectors.write(toFile: dir + "/vec.txt", atomically: true, encoding: .utf8)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ text: String, _ name: String) throws -> String {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    func json(_ run: EmbedRun) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], run.stdout)
    }

    func testAnalogyTableAndJSON() throws {
        let q = try write(Self.questions, "q.txt")
        let table = try EmbedBinary.run(["analogy", dir + "/vec.txt", q, "--quiet"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertEqual(table.stderr, "")
        let lines = table.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertEqual(lines[1], "family 1 2 50.00%")
        XCTAssertEqual(lines[2], "gram1-x 0 0 0.00%")
        XCTAssertEqual(lines[4], "semantic 1 2 50.00%")
        XCTAssertEqual(lines[6], "total 1 2 50.00%")
        XCTAssertTrue(lines[7].contains("skipped 1 of 3 questions"), lines[7])

        let mul = try json(EmbedBinary.run(["analogy", dir + "/vec.txt", q, "--method", "mul", "--json", "--quiet"]))
        XCTAssertEqual(Set(mul.keys).intersection(["total", "semantic", "syntactic", "sections", "skipped", "restrict", "method"]).count, 7)
        let total = try XCTUnwrap(mul["total"] as? [String: Any])
        XCTAssertEqual(total["correct"] as? Int, 1)
        XCTAssertEqual(total["seen"] as? Int, 2)
        XCTAssertEqual(total["accuracy"] as? Double, 0.5)
        XCTAssertEqual(mul["method"] as? String, "mul")
        XCTAssertEqual(mul["skipped"] as? Int, 1)
        XCTAssertEqual(mul["restrict"] as? Int, 6, "restrict is the number of rows actually searched")
        let sections = try XCTUnwrap(mul["sections"] as? [[String: Any]])
        XCTAssertEqual(sections.map { $0["name"] as? String }, ["family", "gram1-x"])
        XCTAssertEqual(sections.map { $0["correct"] as? Int }, [1, 0])

        // --restrict 4 leaves p and m out: the answer is q, and the questions naming p or m are skipped.
        let restricted = try json(EmbedBinary.run(["analogy", dir + "/vec.txt", q, "--restrict", "4", "--json", "--quiet"]))
        XCTAssertEqual(restricted["skipped"] as? Int, 3)
    }

    func testAnalogyFindsQuestionsNextToTheVectorsAndReportsBadLines() throws {
        _ = try write(Self.questions, "questions-words.txt")
        let found = try EmbedBinary.run(["analogy", dir + "/vec.txt", "--json", "--quiet"])
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertEqual(try json(found)["file"] as? String, dir + "/questions-words.txt")

        let bad = try write(": s\na b c\n", "bad.txt")
        let run = try EmbedBinary.run(["analogy", dir + "/vec.txt", bad])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "embed: \(bad):2: expected 4 words (a b c d) or a `: section` line, found 3 words\n")
        XCTAssertEqual(try EmbedBinary.run(["analogy", dir + "/vec.txt", bad, "--restrict", "0"]).status, 2)
        XCTAssertEqual(try EmbedBinary.run(["analogy", dir + "/vec.txt", bad, "--method", "sub"]).status, 2)
    }

    func testSimilarityTableJSONAndCaseSensitivity() throws {
        let p = try write(Self.pairs, "ws.tsv")
        let table = try EmbedBinary.run(["similarity", dir + "/vec.txt", p])
        XCTAssertEqual(table.status, 0, table.stderr)
        let row = table.stdout.split(separator: "\n")[1].split(separator: " ").joined(separator: " ")
        XCTAssertEqual(row, "ws.tsv 0.866 0.866 3 25.0%")

        let object = try json(EmbedBinary.run(["similarity", dir + "/vec.txt", p, "--json", "--case-sensitive"]))
        let result = try XCTUnwrap((object["similarity"] as? [[String: Any]])?.first)
        XCTAssertEqual(result["pairs"] as? Int, 2, "\"A\" is unknown when case matters")
        XCTAssertEqual(result["oov"] as? Int, 2)
        XCTAssertEqual(result["oov_ratio"] as? Double, 0.5)

        let bad = try write("a\tb\tsimilar\n", "bad.tsv")
        let run = try EmbedBinary.run(["similarity", dir + "/vec.txt", bad])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "embed: \(bad):1: score is not a number: \"similar\"\n")
    }

    func testNeighborsWordsExpressionAndUnknownWords() throws {
        let words = try EmbedBinary.run(["neighbors", dir + "/vec.txt", "a", "-k", "2"])
        XCTAssertEqual(words.status, 0, words.stderr)
        // cos with a: q .5, then b and c 0 (tie: the earlier row), p -.5, m -1.
        XCTAssertEqual(words.stdout, "a\n  q  0.5000\n  b  0.0000\n")

        // b - a + c: p 1.5/sqrt3 = 0.8660, m 1/sqrt3 = 0.5774; the inputs are not listed.
        let expression = try EmbedBinary.run(["neighbors", dir + "/vec.txt", "b", "-", "a", "+", "c", "-k", "2"])
        XCTAssertEqual(expression.stdout, "b - a + c\n  p  0.8660\n  m  0.5774\n")
        XCTAssertEqual(try EmbedBinary.run(["neighbors", dir + "/vec.txt", "b - a + c", "-k", "2"]).stdout, expression.stdout)

        let partly = try EmbedBinary.run(["neighbors", dir + "/vec.txt", "zzz", "A", "-k", "1"])
        XCTAssertEqual(partly.status, 0)
        XCTAssertEqual(partly.stdout, "A\n  q  0.5000\n")
        XCTAssertEqual(partly.stderr, "embed: \(dir)/vec.txt: unknown word \"zzz\"\n")

        let none = try EmbedBinary.run(["neighbors", dir + "/vec.txt", "b", "-", "zzz"])
        XCTAssertEqual(none.status, 1)
        XCTAssertEqual(none.stdout, "")
        XCTAssertEqual(none.stderr, "embed: \(dir)/vec.txt: unknown word \"zzz\" in \"b - zzz\"\n")
        XCTAssertEqual(try EmbedBinary.run(["neighbors", dir + "/vec.txt", "b", "-"]).status, 2)
    }

    func testEvalFindsSetsNextToTheVectorsAndPrintsOneReport() throws {
        _ = try write(Self.questions, "questions-words.txt")
        _ = try write(Self.pairs, "wordsim353.tsv")
        _ = try write(Self.pairs, "simlex999.txt")
        let table = try EmbedBinary.run(["eval", dir + "/vec.txt", "--quiet"])
        XCTAssertEqual(table.status, 0, table.stderr)
        let lines = table.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertEqual(lines[0], "\(dir)/vec.txt: 6 rows of dimension 4 read")
        XCTAssertTrue(lines[2].hasPrefix("questions-words.txt 3CosAdd total 50.00% 1/2, 1 skipped"), lines[2])
        XCTAssertEqual(lines[5], "wordsim353.tsv Spearman 0.866 3 pairs, 25.0% OOV")
        XCTAssertEqual(lines[7], "simlex999.txt Spearman 0.866 3 pairs, 25.0% OOV")

        // Given sets only: no analogies here.
        let object = try json(EmbedBinary.run(["eval", dir + "/vec.txt", "--similarity", dir + "/wordsim353.tsv", "--json", "--quiet"]))
        XCTAssertTrue(object["analogy"] is NSNull)
        XCTAssertEqual(object["rows"] as? Int, 6)
        XCTAssertEqual(object["dimension"] as? Int, 4)
        XCTAssertEqual((object["similarity"] as? [[String: Any]])?.count, 1)

        let missing = try EmbedBinary.run(["eval", dir + "/nope.txt", "--questions", dir + "/questions-words.txt"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("embed: \(dir)/nope.txt: "), missing.stderr)
    }
}
