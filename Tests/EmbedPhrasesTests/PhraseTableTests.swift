// Role: tests the phrase table file: round trip, `apply` of a saved table reproducing the learnt output
// (and leaving its own output unchanged), the pass count inferred from the longest phrase, file:line errors.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedPhrases
import EmbedCorpus
import EmbedStreams

final class PhraseTableTests: XCTestCase {
    private var folder: TestFolder!
    override func setUpWithError() throws { folder = try TestFolder(prefix: "embed-phrase-table") }

    private func apply(_ table: PhraseTable, connectors: ConnectorSet, to input: String, _ name: String) throws -> String {
        let corpus = try CorpusReader(inputs: [input])
        let stages = PhrasePipeline.stages(for: table, connectors: connectors)
        _ = try PhrasePipeline.write(corpus: corpus, tables: Array(repeating: table, count: stages),
                                     connectors: connectors, to: folder.file(name))
        return try String(contentsOfFile: folder.file(name), encoding: .utf8)
    }

    private func checkApplyReproduces(_ text: String, _ settings: PhraseSettings) throws {
        let input = try folder.write(text, to: "c.txt")
        let corpus = try CorpusReader(inputs: [input])
        let connectors = ConnectorSet(settings.connectorWords)
        let learnt = try PhrasePipeline.learn(corpus: corpus, settings: settings)
        _ = try PhrasePipeline.write(corpus: corpus, tables: learnt.tables, connectors: connectors,
                                     to: folder.file("learnt.txt"))
        let learntText = try String(contentsOfFile: folder.file("learnt.txt"), encoding: .utf8)
        try PhrasePipeline.merged(learnt.tables, delimiter: settings.delimiter).save(path: folder.file("t.tsv"))
        let saved = try PhraseTable.load(path: folder.file("t.tsv"), delimiter: settings.delimiter)
        XCTAssertGreaterThan(saved.count, 0)
        XCTAssertEqual(PhrasePipeline.stages(for: saved, connectors: connectors), learnt.tables.count)
        let applied = try apply(saved, connectors: connectors, to: input, "applied.txt")
        XCTAssertEqual(applied, learntText)
        let again = try apply(saved, connectors: connectors, to: folder.file("applied.txt"), "again.txt")
        XCTAssertEqual(again, applied)
    }

    /// Lookups behind the bit filter agree with a Set through the filter's rebuilds, for members and non-members.
    func testLookupsAgreeWithASet() {
        let table = PhraseTable(delimiter: "_")
        var members = Set<String>()
        var rng = FastRandom(seed: 3)
        func phrase() -> String { "w\(rng.next(below: 300))_w\(rng.next(below: 300))" }
        for round in 0..<6 {
            for _ in 0..<(50 << round) {
                let p = phrase()
                var bytes = p
                let added = bytes.withUTF8 { table.add($0, count: 1, score: 1) }
                XCTAssertEqual(added, members.insert(p).inserted)
            }
            for _ in 0..<2000 {
                let p = phrase()
                XCTAssertEqual(table.contains(p), members.contains(p), p)
            }
        }
        XCTAssertEqual(table.count, members.count)
    }

    func testApplyReproducesOnePass() throws {
        try checkApplyReproduces(PhraseDetectionTests.small, PhraseSettings(minCount: 1, threshold: 1.5))
    }

    func testApplyReproducesTwoPassesWithConnectors() throws {
        let text = PhraseDetectionTests.trigrams + String(repeating: "the bank of america here\n", count: 5)
        try checkApplyReproduces(text, PhraseSettings(minCount: 2, threshold: 5, passes: 2, connectorWords: ["of", "the"]))
    }

    func testRoundTripKeepsCountsAndScores() throws {
        let table = PhraseTable(delimiter: "+")
        for (p, c, s) in [("new+york", Int64(12), 250.5), ("los+angeles", 7, 1e-3), ("a+b+c", 3, -0.25)] {
            var bytes = Array(p.utf8)
            _ = bytes.withUnsafeMutableBufferPointer { table.add(UnsafeBufferPointer($0), count: c, score: s) }
        }
        try table.save(path: folder.file("t.tsv.zst"))
        let back = try PhraseTable.load(path: folder.file("t.tsv.zst"), delimiter: "+")
        XCTAssertEqual(back.count, 3)
        XCTAssertEqual(back.count(of: "los+angeles"), 7)
        XCTAssertEqual(back.score(of: "los+angeles"), 1e-3)
        XCTAssertEqual(back.score(of: "a+b+c"), -0.25)
        XCTAssertEqual(back.phrase(back.sortedEntries[0]), "new+york")   // highest score first
        XCTAssertEqual(PhrasePipeline.stages(for: back, connectors: ConnectorSet([])), 2)   // three words
    }

    func testBadLinesNameFileAndLine() throws {
        let cases: [(String, Int, String)] = [
            ("new_york\t3\t10\nlos angeles\t2\t5\n", 2, "whitespace"),
            ("new_york\t3\n", 1, "field"),
            ("new_york\t3\t10\nnewyork\t2\t5\n", 2, "joined"),
            ("new_york\t-1\t10\n", 1, "positive integer"),
            ("new_york\t3\tnan\n", 1, "finite"),
            ("new_york\t3\t10\n_york\t3\t10\n", 2, "joined"),
            ("new_york\t3\t10\nnew_york\t4\t1\n", 2, "twice"),
        ]
        for (i, (text, line, words)) in cases.enumerated() {
            let path = try folder.write(text, to: "bad\(i).tsv")
            XCTAssertThrowsError(try PhraseTable.load(path: path, delimiter: "_"), text) { error in
                guard let e = error as? InputError else { return XCTFail("\(error)") }
                XCTAssertEqual(e.path, path)
                XCTAssertEqual(e.line, line, text)
                XCTAssertTrue(e.message.contains(words), "\(e.message) for \(text)")
            }
        }
    }

    func testConnectorWordsFile() throws {
        let path = try folder.write("# connectors\nof the\n\tand of\n", to: "common.txt")
        XCTAssertEqual(try ConnectorWords.load(path: path), ["of", "the", "and"])
        XCTAssertThrowsError(try ConnectorWords.load(path: try folder.write("# none\n\n", to: "empty.txt")))
        XCTAssertEqual(Set(ConnectorWords.english).count, 15)
    }
}
