// Role: helpers for the co-occurrence tests: a naive reference count (a dictionary, pair by pair), record files
// read back, scratch folders, and counting a text through the real corpus reader and vocabulary.
import EmbedCore
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedCooccurrence
import EmbedCorpus
import EmbedStreams
import EmbedVocabulary

struct Pair: Hashable, Comparable {
    var i: Int32, j: Int32
    static func < (a: Pair, b: Pair) -> Bool { (a.i, a.j) < (b.i, b.j) }
}

enum Reference {
    /// X by definition, 1-based keys: for each word, each word within `window` to its left adds weight(d) to
    /// X[word][left word], and (symmetric) to X[left word][word].
    static func count(_ lines: [[Int32]], window: Int, weighting: CooccurrenceWeighting = .harmonic,
                      symmetric: Bool = true) -> [Pair: Double] {
        var x: [Pair: Double] = [:]
        for line in lines where line.count > 1 {
            for p in 1..<line.count {
                for q in max(0, p - window)..<p {
                    let w = weighting == .harmonic ? 1.0 / Double(p - q) : 1.0
                    x[Pair(i: line[p] + 1, j: line[q] + 1), default: 0] += w
                    if symmetric { x[Pair(i: line[q] + 1, j: line[p] + 1), default: 0] += w }
                }
            }
        }
        return x
    }
}

enum Records {
    static func read(_ path: String) throws -> [CooccurrenceRecord] {
        let reader = try CooccurrenceFile.Reader(path: path, chunkRecords: 7)
        var out: [CooccurrenceRecord] = []
        while let chunk = try reader.next() { out.append(contentsOf: chunk) }
        return out
    }

    static func dictionary(_ records: [CooccurrenceRecord]) -> [Pair: Double] {
        var d: [Pair: Double] = [:]
        for r in records { d[Pair(i: r.i, j: r.j)] = r.x }
        return d
    }

    static func write(_ records: [CooccurrenceRecord], to path: String) throws {
        let w = try CooccurrenceFile.Writer(path: path)
        for r in records { try w.append(r) }
        try w.commit()
    }
}

/// Asserts that `records` is X, sorted by (i, j), one record per nonzero, values within 1e-12 relative.
func assertMatches(_ records: [CooccurrenceRecord], _ expected: [Pair: Double], file: StaticString = #filePath, line: UInt = #line) {
    let keys = records.map { Pair(i: $0.i, j: $0.j) }
    XCTAssertEqual(keys, expected.keys.sorted(), "keys (sorted by i, j)", file: file, line: line)
    for r in records {
        guard let e = expected[Pair(i: r.i, j: r.j)] else { continue }
        XCTAssertEqual(r.x, e, accuracy: 1e-12 * max(1, e), "X[\(r.i)][\(r.j)]", file: file, line: line)
    }
}

/// Counts `lines` of 0-based ids with the library and returns the sorted records.
func countLines(_ lines: [[Int32]], vocabularySize: Int, settings: CooccurrenceSettings,
                folder: TestFolder, name: String = "x.bin") throws -> (records: [CooccurrenceRecord], summary: CooccurrenceSummary) {
    let counter = try CooccurrenceCounter(vocabularySize: vocabularySize, settings: settings)
    for l in lines { try counter.add(line: l) }
    let summary = try counter.finish(sorted: folder.file(name))
    return (try Records.read(folder.file(name)), summary)
}

/// Random lines of ids with a skewed (roughly Zipf) distribution, so some pairs are frequent and many rare.
func randomLines(count: Int, vocabularySize v: Int, maxLength: Int, seed: UInt64) -> [[Int32]] {
    var state = seed
    func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 11
    }
    return (0..<count).map { _ in
        let n = Int(next() % UInt64(maxLength + 1))
        return (0..<n).map { _ in
            let u = Double(next() % 1_000_000 + 1) / 1_000_001
            return Int32(min(Double(v - 1), (pow(Double(v), u) - 1)))
        }
    }
}
