// Role: tests sharded word counting: the partial counts file's layout (by hand), partial + merge equal to one
// count of the whole corpus (1, 2, 7 parts, a part without a kept word, a one-line part), and clear errors.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedVocabulary
import EmbedCorpus
import EmbedStreams

final class PartialCountsTests: XCTestCase {
    private func count(_ paths: [String]) throws -> WordCounter {
        try WordCounter.count(try CorpusReader(inputs: paths))
    }

    func testPartialFileLayoutByHand() throws {
        let dir = try TestFolder()
        let part = try dir.write("b a b\nc <UNK> a b\n", to: "p.txt")
        try PartialCounts.save(try count([part]), path: dir.file("p.counts"))
        // 7 tokens, lower-cased; sorted by bytes: "<unk>" (0x3C) before the letters.
        XCTAssertEqual(try String(contentsOfFile: dir.file("p.counts"), encoding: .utf8),
                       "embed-partial-counts 1 tokens=7 words=4 pruned=0\n<unk> 1\na 2\nb 3\nc 1\n")
    }

    /// Lines split into parts at `cuts` (line indices where a new part starts), each written to its own file.
    private func parts(_ lines: [String], cuts: [Int], in dir: TestFolder, tag: String) throws -> [String] {
        let bounds = [0] + cuts + [lines.count]
        return try (0..<(bounds.count - 1)).map { p in
            let text = lines[bounds[p]..<bounds[p + 1]].map { $0 + "\n" }.joined()
            return try dir.write(text, to: "\(tag)-\(p).txt")
        }
    }

    func testPartialAndMergeEqualOneCount() throws {
        let dir = try TestFolder()
        // Topic words, ties (rare words seen the same number of times), the literal <UNK>, and a last line of
        // words seen once only (a part without a kept word at min-count 2).
        var lines = Fixtures.topicCorpus(lines: 40, length: 9).split(separator: "\n").map(String.init)
        lines[3] += " zeta eta <UNK> theta"
        lines[17] += " eta zeta iota"
        lines[30] += " <UNK> theta kappa"
        lines.append("only once here")
        let whole = try dir.write(lines.map { $0 + "\n" }.joined(), to: "whole.txt")
        for (minCount, maxSize) in [(1, nil), (2, nil), (2, 9), (3, 5)] as [(Int, Int?)] {
            let single = try Vocabulary.build(from: try CorpusReader(inputs: [whole]), minCount: minCount, maxSize: maxSize)
            try single.save(path: dir.file("single.txt"))
            let expected = try Data(contentsOf: URL(fileURLWithPath: dir.file("single.txt")))
            let splits: [(String, [Int])] = [("one", []), ("two", [20]), ("seven", [1, 2, 9, 16, 25, 33]),
                                             ("lastline", [40])]
            for (tag, cuts) in splits {
                let files = try parts(lines, cuts: cuts, in: dir, tag: tag)
                let partials = try files.enumerated().map { k, f -> String in
                    let out = dir.file("\(tag)-\(k).counts")
                    try PartialCounts.save(try count([f]), path: out)
                    return out
                }
                let merged = try PartialCounts.merge(partials.reversed())   // order of parts does not matter
                XCTAssertEqual(merged.prunedParts, [])
                let vocab = try Vocabulary(checked: merged.counter, minCount: minCount, maxSize: maxSize, source: "parts")
                try vocab.save(path: dir.file("merged.txt"))
                XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.file("merged.txt"))), expected,
                               "\(tag) parts, min-count \(minCount), max \(String(describing: maxSize))")
            }
        }
    }

    func testPrunedPartIsReported() throws {
        let dir = try TestFolder()
        let part = try dir.write("a a a b c d e f\n", to: "p.txt")
        try PartialCounts.save(try WordCounter.count(try CorpusReader(inputs: [part]), maxEntries: 3), path: dir.file("p.counts"))
        let merged = try PartialCounts.merge([dir.file("p.counts")])
        XCTAssertEqual(merged.prunedParts, [dir.file("p.counts")])
        XCTAssertEqual(merged.counter.totalTokens, 8, "pruned tokens still count (they go to <UNK>)")
    }

    func testZeroFilesAndDamagedFilesAreClearErrors() throws {
        let dir = try TestFolder()
        assertSettingError("partial counts", "at least one") { _ = try PartialCounts.merge([]) }
        let header = "embed-partial-counts 1 tokens=3 words=2 pruned=0\n"
        let cases: [(String, String, Int?, String)] = [
            ("empty", "", nil, "empty file"),
            ("vocab", "the 10\nof 5\n", 1, "not a partial counts file"),
            ("version", "embed-partial-counts 9 tokens=3 words=2 pruned=0\na 1\nb 2\n", 1, "version 9"),
            ("header", "embed-partial-counts 1 tokens=x words=2 pruned=0\na 1\nb 2\n", 1, "tokens=N"),
            ("truncated", header + "a 1\n", nil, "holds 1 words, its header says 2"),
            ("unsorted", header + "b 2\na 1\n", 3, "increasing byte order"),
            ("duplicate", header + "a 1\na 2\n", 3, "increasing byte order"),
            ("count", header + "a 1\nb x\n", 3, "positive integer"),
            ("sum", header + "a 1\nb 1\n", nil, "add up to 2"),
            ("over", header + "a 1\nb 9\n", 3, "more than the header's tokens=3"),
        ]
        for (name, text, line, fragment) in cases {
            let path = try dir.write(text, to: name + ".counts")
            assertInputError(path, line: line, fragment) { _ = try PartialCounts.merge([path]) }
        }
        assertInputError(dir.file("missing.counts"), line: nil, "no such file") { _ = try PartialCounts.merge([dir.file("missing.counts")]) }
    }
}
