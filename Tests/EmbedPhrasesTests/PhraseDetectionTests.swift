// Role: tests phrase detection against hand-computed counts and scores: both score formulas, line boundaries
// (never joined; pieces of one long line are), connector words, pruning under a tiny memory bound, passes.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedPhrases
import EmbedCorpus
import EmbedStreams

final class PhraseDetectionTests: XCTestCase {
    private var folder: TestFolder!
    override func setUpWithError() throws { folder = try TestFolder(prefix: "embed-phrases") }

    private func reader(_ text: String, name: String = "c.txt") throws -> CorpusReader {
        try CorpusReader(inputs: [try folder.write(text, to: name)])
    }

    /// Learns and writes; returns the tables and the written text.
    private func run(_ text: String, _ settings: PhraseSettings, observer: WorkObserver = SilentObserver.shared,
                     maxTokenBytes: Int? = nil) throws -> (tables: [PhraseTable], passes: [PhrasePassReport], output: String) {
        let corpus = try reader(text)
        if let maxTokenBytes { corpus.maxTokenBytes = maxTokenBytes }
        let learnt = try PhrasePipeline.learn(corpus: corpus, settings: settings, observer: observer)
        let out = folder.file("out.txt")
        _ = try PhrasePipeline.write(corpus: corpus, tables: learnt.tables,
                                     connectors: ConnectorSet(settings.connectorWords), to: out)
        return (learnt.tables, learnt.passes, try String(contentsOfFile: out, encoding: .utf8))
    }

    // new 3, york 4, is 2, big 1, city 1, i 1, love 1, old 1: N = 14 tokens.
    static let small = "new york is big\nnew york city\ni love new york\nyork is old\n"

    func testDefaultScoresByHand() throws {
        let counter = PhraseCounter(connectors: ConnectorSet([]), memoryBytes: 1 << 24)
        let head = counter as TokenSink
        try PhrasePipeline.stream(try reader(Self.small), into: head, task: "t", observer: SilentObserver.shared)
        XCTAssertEqual(counter.totalTokens, 14)
        XCTAssertEqual(counter.count(of: "york"), 4)
        XCTAssertEqual(counter.count(of: "new"), 3)
        // 10 adjacent pairs: new_york thrice, york_is twice, the 5 others once: 7 distinct.
        XCTAssertEqual(counter.pairCount, 7)
        let all = counter.phrases(PhraseSettings(minCount: 1, threshold: -1e9))
        XCTAssertEqual(all.count(of: "new_york"), 3)
        XCTAssertEqual(all.score(of: "new_york")!, (3.0 - 1) / (3 * 4) * 14, accuracy: 1e-12)
        XCTAssertEqual(all.score(of: "york_is")!, (2.0 - 1) / (4 * 2) * 14, accuracy: 1e-12)
        XCTAssertEqual(all.score(of: "is_big")!, 0, accuracy: 1e-12)
        // the threshold is strict: above 1.75 only new_york (2.33) stays; minCount 3 leaves (3-3) = 0 for it.
        let kept = counter.phrases(PhraseSettings(minCount: 1, threshold: 1.75))
        XCTAssertEqual((0..<kept.count).map(kept.phrase), ["new_york"])
        XCTAssertEqual(counter.phrases(PhraseSettings(minCount: 3, threshold: 0)).count, 0)
    }

    /// Word and adjacent-pair counts of a random corpus against a Dictionary, fed piece by piece (hashes ahead,
    /// lagging pair adds) and token by token: both give every count exactly.
    func testCountsMatchADictionaryBothWays() throws {
        var rng = FastRandom(seed: 9)
        var lines: [[String]] = []
        for _ in 0..<400 { lines.append((0..<rng.next(below: 30)).map { _ in "w\(rng.next(below: 120))" }) }
        var words: [String: Int64] = [:], pairs: [String: Int64] = [:]
        for line in lines {
            for w in line { words[w, default: 0] += 1 }
            for (a, b) in zip(line, line.dropFirst()) { pairs[a + " " + b, default: 0] += 1 }
        }
        let corpus = try reader(lines.map { $0.joined(separator: " ") }.joined(separator: "\n") + "\n")
        let byPiece = PhraseCounter(connectors: ConnectorSet([]), memoryBytes: 1 << 26)
        try PhrasePipeline.stream(corpus, into: byPiece, task: "t", observer: SilentObserver.shared)
        let byToken = PhraseCounter(connectors: ConnectorSet([]), memoryBytes: 1 << 26)
        try corpus.forEachPiece { tokenizer, endsLine in
            for i in 0..<tokenizer.count { try byToken.token(tokenizer.token(i)) }
            if endsLine { byToken.endLine() }
        }
        for counter in [byPiece, byToken] {
            XCTAssertEqual(counter.totalTokens, words.values.reduce(0, +))
            for (w, c) in words { XCTAssertEqual(counter.count(of: w), c, w) }
            XCTAssertEqual(counter.pairCount, pairs.count)
            func id(_ w: Substring) -> UInt32 {
                var s = String(w)
                return UInt32(s.withUTF8 { counter.words.find($0)! })
            }
            for (p, c) in pairs {
                let ab = p.split(separator: " ")
                XCTAssertEqual(counter.plainPairs.count(of: PairCountTable.key(id(ab[0]), id(ab[1]))), c, p)
            }
        }
    }

    func testNPMIByHand() throws {
        let counter = PhraseCounter(connectors: ConnectorSet([]), memoryBytes: 1 << 24)
        try PhrasePipeline.stream(try reader(Self.small), into: counter, task: "t", observer: SilentObserver.shared)
        let all = counter.phrases(PhraseSettings(minCount: 1, threshold: -1, scoring: .npmi))
        let expected = log((3.0 / 14) / ((3.0 / 14) * (4.0 / 14))) / -log(3.0 / 14)
        XCTAssertEqual(all.score(of: "new_york")!, expected, accuracy: 1e-12)
        // a pair seen once: p(ab) = p(a) = p(b) = 1/14 -> ln(14) / ln(14) = 1.
        XCTAssertEqual(all.score(of: "i_love")!, 1, accuracy: 1e-12)
        // npmi requires the pair count to reach minCount.
        let strict = counter.phrases(PhraseSettings(minCount: 2, threshold: -1, scoring: .npmi))
        XCTAssertNil(strict.score(of: "i_love"))
        XCTAssertNotNil(strict.score(of: "york_is"))
    }

    func testOutputJoinsGreedilyAndKeepsLines() throws {
        let result = try run(Self.small + "\n", PhraseSettings(minCount: 1, threshold: 1.5))
        // new_york 2.33 and york_is 1.75 are phrases; "new york is": new_york wins, then "is" starts again.
        XCTAssertEqual(result.output, "new_york is big\nnew_york city\ni love new_york\nyork_is old\n\n")
    }

    func testLineBoundariesAreNeverJoined() throws {
        // "x" ends every line and "y" starts the next: joined across lines x_y would be the best pair.
        let text = String(repeating: "foo x\ny bar\n", count: 20)
        let result = try run(text, PhraseSettings(minCount: 1, threshold: -1e9))
        let table = result.tables[0]
        XCTAssertNil(table.score(of: "x_y"))
        XCTAssertNil(table.score(of: "bar_foo"))
        XCTAssertNotNil(table.score(of: "foo_x"))
        XCTAssertEqual(result.output, String(repeating: "foo_x\ny_bar\n", count: 20))
    }

    func testPiecesOfALongLineAreOneLine() throws {
        // 16-byte pieces cut at whitespace split "new york" between pieces: the pair still counts and joins.
        // new_york: (4 - 2) / (4 * 4) * 18 = 2.25; every other pair is seen twice: (2 - 2) = 0.
        let line = "aaaa bbbb ccc new york dd eeee new york"
        let result = try run(line + "\n" + line + "\n", PhraseSettings(minCount: 2, threshold: 1), maxTokenBytes: 16)
        XCTAssertEqual(result.tables[0].count(of: "new_york"), 4)
        XCTAssertEqual(result.tables[0].score(of: "new_york")!, 2.25, accuracy: 1e-12)
        XCTAssertEqual(result.tables[0].count, 1)
        XCTAssertEqual(result.passes[0].tokens, 18)
        XCTAssertTrue(result.output.hasPrefix("aaaa"))
        XCTAssertEqual(result.output.split(separator: "\n").count, 2)
        XCTAssertEqual(result.output.components(separatedBy: "new_york").count - 1, 4)
    }

    func testConnectorWordsFormPhrasesInsideOnly() throws {
        let text = String(repeating: "bank of america is big\n", count: 6) + String(repeating: "the end of the day\n", count: 6)
        let settings = PhraseSettings(minCount: 5, threshold: 1, connectorWords: ["of", "the"])
        let counter = PhraseCounter(connectors: ConnectorSet(settings.connectorWords), memoryBytes: 1 << 24)
        try PhrasePipeline.stream(try reader(text), into: counter, task: "t", observer: SilentObserver.shared)
        XCTAssertEqual(counter.totalTokens, 60)          // connectors count in N
        XCTAssertEqual(counter.count(of: "of"), 0)       // but never on their own
        let table = counter.phrases(settings)
        // bank 6, america 6, bank_of_america 6: (6 - 5) / 36 * 60.
        XCTAssertEqual(table.score(of: "bank_of_america")!, 60.0 / 36, accuracy: 1e-12)
        XCTAssertNotNil(table.score(of: "end_of_the_day"))
        XCTAssertNil(table.score(of: "of_the"))
        XCTAssertNil(table.score(of: "the_end"))
        for i in 0..<table.count {
            let parts = table.phrase(i).split(separator: "_").map(String.init)
            XCTAssertFalse(settings.connectorWords.contains(parts.first!) || settings.connectorWords.contains(parts.last!))
        }
        let result = try run(text, settings)
        XCTAssertTrue(result.output.hasPrefix("bank_of_america is_big\n"))   // greedy: is_big after the phrase
        XCTAssertTrue(result.output.hasSuffix("the end_of_the_day\n"))
        // without connector words "of the" is an ordinary pair: of 12, the 12, of_the 6: (6 - 5) / 144 * 60.
        let plain = try run(text, PhraseSettings(minCount: 5, threshold: 0.4))
        XCTAssertEqual(plain.tables[0].score(of: "of_the")!, 60.0 / 144, accuracy: 1e-12)
        XCTAssertNotNil(plain.tables[0].score(of: "of_the"))
        XCTAssertNil(plain.tables[0].score(of: "bank_of_america"))
    }

    func testPruningUnderATinyMemoryBound() throws {
        // 300 lines of "new york" first, then 60,000 words seen once each: far more than 1 MiB of tables.
        var text = String(repeating: "new york\n", count: 300)
        for line in 0..<3_000 { text += (0..<20).map { "w\(line)x\($0)" }.joined(separator: " ") + "\n" }
        let observer = RecordingObserver()
        let bound = 1 << 20
        let counter = PhraseCounter(connectors: ConnectorSet([]), memoryBytes: bound, observer: observer)
        try PhrasePipeline.stream(try reader(text), into: counter, task: "t", observer: SilentObserver.shared)
        XCTAssertGreaterThan(counter.prunedAtMost, 0)
        XCTAssertLessThanOrEqual(counter.bytesUsed, bound)
        XCTAssertLessThan(counter.words.count, 60_000)
        XCTAssertTrue(observer.notices.contains { $0.contains("pruned") && $0.contains("memory bound") })
        // what was frequent before the pruning keeps its exact counts; N counts every token.
        XCTAssertEqual(counter.count(of: "new"), 300)
        XCTAssertEqual(counter.totalTokens, 600 + 60_000)
        XCTAssertEqual(counter.phrases(PhraseSettings(minCount: 5, threshold: 0)).count(of: "new_york"), 300)
        // without the bound nothing is pruned.
        let roomy = PhraseCounter(connectors: ConnectorSet([]), memoryBytes: 1 << 30)
        try PhrasePipeline.stream(try reader(text), into: roomy, task: "t", observer: SilentObserver.shared)
        XCTAssertEqual(roomy.prunedAtMost, 0)
        XCTAssertEqual(roomy.words.count, 60_002)
    }

    /// "new york city" often, "new york" and "city" also alone: pass 1 joins new_york, pass 2 new_york_city.
    static let trigrams = String(repeating: "we saw new york city hall today\n", count: 8)
        + String(repeating: "new york is here\n", count: 4) + String(repeating: "a city hall there\n", count: 4)
        + (0..<30).map { "filler\($0) words\($0) here\($0)\n" }.joined()

    func testSecondPassBuildsLongerPhrases() throws {
        let settings = PhraseSettings(minCount: 2, threshold: 5, passes: 2)
        let result = try run(Self.trigrams, settings)
        XCTAssertEqual(result.tables.count, 2)
        XCTAssertNotNil(result.tables[0].score(of: "new_york"))
        func longest(_ text: String) -> Int {
            text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0.split(separator: "_").count }.max() ?? 0
        }
        XCTAssertGreaterThanOrEqual(longest(result.output), 3)
        XCTAssertTrue((0..<result.tables[1].count).contains { result.tables[1].phrase($0).split(separator: "_").count >= 3 })
        let one = try run(Self.trigrams, PhraseSettings(minCount: 2, threshold: 5, passes: 1))
        XCTAssertEqual(longest(one.output), 2)
    }

    func testSettingsAreChecked() {
        XCTAssertThrowsError(try PhraseSettings(scoring: .npmi).validate()) { error in
            XCTAssertEqual((error as? SettingError)?.setting, "threshold")
        }
        XCTAssertThrowsError(try PhraseSettings(delimiter: " ").validate())
        XCTAssertThrowsError(try PhraseSettings(passes: 0).validate())
        XCTAssertThrowsError(try PhraseSettings(minCount: 0).validate())
        XCTAssertNoThrow(try PhraseSettings(threshold: 0.3, scoring: .npmi).validate())
    }
}
