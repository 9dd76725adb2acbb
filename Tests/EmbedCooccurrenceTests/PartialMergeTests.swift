// Role: tests sharded co-occurrence counting: partial counts of parts merged equal one count of the whole
// corpus byte for byte (1, 2, 7 parts, a part without a known word, a one-line part, spilled runs, rounds of
// merges), row ranges concatenate into the whole file, and damaged or mismatched parts are clear errors.
import EmbedCore
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedCooccurrence
import EmbedCorpus
import EmbedStreams
import EmbedVocabulary

final class PartialMergeTests: XCTestCase {
    private static let lines: [String] = {
        var lines = Fixtures.topicCorpus(lines: 30, length: 14, seed: 9).split(separator: "\n").map(String.init)
        lines.insert("unseen words only", at: 12)          // no vocabulary word: a part of its own below
        lines[5] += " cat car cat road"                      // pairs across the topics
        return lines
    }()

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The whole corpus, its vocabulary (min-count 2, so "unseen words only" has no known word), its sorted X.
    private func single(_ dir: TestFolder, settings: CooccurrenceSettings) throws -> (Vocabulary, String) {
        let whole = try dir.write(Self.lines.map { $0 + "\n" }.joined(), to: "whole.txt")
        let vocab = try Vocabulary.build(from: try CorpusReader(inputs: [whole]), minCount: 2)
        let counter = try CooccurrenceCounter(vocabulary: vocab, settings: settings)
        try counter.count(corpus: try CorpusReader(inputs: [whole]))
        _ = try counter.finish(sorted: dir.file("single.bin"))
        return (vocab, dir.file("single.bin"))
    }

    /// Partial files of the corpus cut at `cuts` (line indices where a new part starts).
    private func partials(_ cuts: [Int], vocab: Vocabulary, settings: CooccurrenceSettings, dir: TestFolder,
                          tag: String) throws -> [String] {
        let bounds = [0] + cuts + [Self.lines.count]
        return try (0..<(bounds.count - 1)).map { p in
            let text = Self.lines[bounds[p]..<bounds[p + 1]].map { $0 + "\n" }.joined()
            let part = try dir.write(text, to: "\(tag)-\(p).txt")
            let counter = try CooccurrenceCounter(vocabulary: vocab, settings: settings)
            try counter.count(corpus: try CorpusReader(inputs: [part]), allowEmpty: true)
            let out = dir.file("\(tag)-\(p).cooc")
            _ = try counter.finish(partial: out)
            return out
        }
    }

    func testPartialsMergeToTheSingleCountBytes() throws {
        let dir = try TestFolder()
        var spilling = CooccurrenceSettings(window: 4, memoryBytes: 1 << 16, temporaryParent: dir.path, threads: 1)
        spilling.denseBytes = 64                          // almost everything through runs spilled to disk
        for settings in [CooccurrenceSettings(window: 5, threads: 2), spilling] {
            let (vocab, single) = try self.single(dir, settings: settings)
            let expected = try bytes(single)
            // The reference count by hand agrees with the single count (so the bytes compared are X).
            XCTAssertGreaterThan(expected.count, 16 * 20)
            let splits: [(String, [Int])] = [("one", []), ("two", [15]), ("seven", [3, 7, 12, 13, 20, 29]),
                                             ("oneline", [1])]
            for (tag, cuts) in splits {
                let parts = try partials(cuts, vocab: vocab, settings: settings, dir: dir, tag: tag)
                var merge = settings
                merge.maxOpenFiles = 4                    // fan-in 2: seven parts merge in rounds
                let summary = try CooccurrenceMerge.merge(parts: parts.shuffled(), sorted: dir.file("merged.bin"), settings: merge)
                XCTAssertEqual(try bytes(dir.file("merged.bin")), expected, "\(tag), window \(settings.window)")
                XCTAssertEqual(summary.records, Int64(expected.count / 16))
                if parts.count > 2 { XCTAssertGreaterThan(summary.intermediateMerges, 0) }
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("embed-cooccur") }, [],
                       "scratch folders removed")
    }

    func testPartOfOneLineByHand() throws {
        // "a b a" with window 2, harmonic, symmetric: X(a,b) = X(b,a) = 1 + 1 = 2, X(a,a) = 2 * 1/2 = 1.
        let dir = try TestFolder()
        let part = try dir.write("a b a\n", to: "p.txt")
        let vocab = try Vocabulary(words: ["a", "b"], counts: [2, 1], unknownCount: 0)
        let counter = try CooccurrenceCounter(vocabulary: vocab, settings: CooccurrenceSettings(window: 2, threads: 1))
        try counter.count(corpus: try CorpusReader(inputs: [part]))
        _ = try counter.finish(partial: dir.file("p.cooc"))
        _ = try CooccurrenceMerge.merge(parts: [dir.file("p.cooc")], sorted: dir.file("x.bin"))
        assertMatches(try Records.read(dir.file("x.bin")), [Pair(i: 1, j: 1): 1, Pair(i: 1, j: 2): 2, Pair(i: 2, j: 1): 2])
        XCTAssertEqual(try bytes(dir.file("p.cooc")).count, 64 + 3 * 16 + 16, "header, 3 entries, trailer")
    }

    func testRowRangesConcatenateToTheWhole() throws {
        let dir = try TestFolder()
        let settings = CooccurrenceSettings(window: 5, threads: 1)
        let (vocab, single) = try self.single(dir, settings: settings)
        let parts = try partials([10, 20], vocab: vocab, settings: settings, dir: dir, tag: "p")
        let v = vocab.size
        for ranges in [[1...v], [1...1, 2...5, 6...v], [1...3, 4...(v - 1), v...Int(Int32.max)]] {
            var joined = Data()
            for r in ranges {
                _ = try CooccurrenceMerge.merge(parts: parts, rows: r, sorted: dir.file("r.bin"))
                let piece = try Records.read(dir.file("r.bin"))
                XCTAssertTrue(piece.allSatisfy { r.contains(Int($0.i)) }, "only rows \(r)")
                joined += try bytes(dir.file("r.bin"))
            }
            XCTAssertEqual(joined, try bytes(single), "\(ranges)")
        }
        // A range past the vocabulary is empty, not an error (a reducer may get no row).
        let past = try CooccurrenceMerge.merge(parts: parts, rows: (v + 1)...(v + 9), sorted: dir.file("e.bin"))
        XCTAssertEqual(past.records, 0)
        // The shuffled copy holds the same records.
        _ = try CooccurrenceMerge.merge(parts: parts, sorted: nil, shuffled: dir.file("s.bin"), seed: 3)
        let shuffled = try Records.read(dir.file("s.bin"))
        XCTAssertEqual(Records.dictionary(shuffled), Records.dictionary(try Records.read(single)))
        XCTAssertEqual(shuffled.count, try Records.read(single).count)
    }

    func testZeroDamagedAndMismatchedPartsAreClearErrors() throws {
        let dir = try TestFolder()
        let settings = CooccurrenceSettings(window: 3, threads: 1)
        let (vocab, _) = try self.single(dir, settings: settings)
        let good = try partials([], vocab: vocab, settings: settings, dir: dir, tag: "g")[0]
        let data = try bytes(good)
        assertSettingError("partial co-occurrence files", "at least one") {
            _ = try CooccurrenceMerge.merge(parts: [], sorted: dir.file("x.bin"))
        }
        func check(_ name: String, _ content: Data, _ fragment: String) throws {
            let path = try dir.write(content, to: name)
            assertInputError(path, line: nil, fragment) { _ = try CooccurrenceMerge.merge(parts: [good, path], sorted: dir.file("x.bin")) }
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.file("x.bin")), "\(name): nothing written")
        }
        try check("empty.cooc", Data(), "empty file")
        try check("short.cooc", data.prefix(40), "shorter than its header")
        try check("records.cooc", data.dropFirst(64), "not a partial co-occurrence file")
        try check("truncated.cooc", data.dropLast(20), "truncated")
        var swapped = data                                  // two entries swapped: same size, same trailer
        let a = swapped.subdata(in: 64..<80), b = swapped.subdata(in: 80..<96)
        swapped.replaceSubrange(64..<80, with: b)
        swapped.replaceSubrange(80..<96, with: a)
        try check("swapped.cooc", swapped, "entry 2 is out of order")
        var window = data
        window[24] = 7
        try check("window.cooc", window, "window 7, not 3")

        let other = try Vocabulary(words: vocab.words.reversed(), counts: vocab.counts, unknownCount: 0)
        let foreign = try partials([], vocab: other, settings: settings, dir: dir, tag: "f")[0]
        assertInputError(foreign, line: nil, "another vocabulary") {
            _ = try CooccurrenceMerge.merge(parts: [good, foreign], sorted: dir.file("x.bin"))
        }
        // Parts without a known word are fine, but X of nothing but them is empty.
        let none = try dir.write("unseen words only\n", to: "none.txt")
        let counter = try CooccurrenceCounter(vocabulary: vocab, settings: settings)
        try counter.count(corpus: try CorpusReader(inputs: [none]), allowEmpty: true)
        _ = try counter.finish(partial: dir.file("none.cooc"))
        assertInputError(dir.file("none.cooc"), line: nil, "X would be empty") {
            _ = try CooccurrenceMerge.merge(parts: [dir.file("none.cooc")], sorted: dir.file("x.bin"))
        }
    }
}
