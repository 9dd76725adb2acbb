// Role: the phrases found (or loaded): each joined phrase with its count and score, a byte-string lookup for
// the joiner (behind a bit filter, as most pairs asked for are no phrase), and the table file (`phrase<TAB>count<TAB>score` lines; bad lines are errors naming file:line).
import EmbedCore
import EmbedStreams
import EmbedVocabulary
import Foundation

/// Phrases (words joined with the delimiter, `new_york`) with the count and score each was found with.
public final class PhraseTable {
    /// Written between the words of a phrase.
    public let delimiter: String
    private let index = ByteStringTable(capacity: 1 << 10)
    private var filter = HashFilter()
    /// The count of each phrase (how often its words were seen together), by entry.
    public private(set) var counts: [Int64] = []
    /// The score of each phrase, by entry.
    public private(set) var scores: [Double] = []

    /// An empty table of phrases joined with `delimiter`.
    public init(delimiter: String) { self.delimiter = delimiter }

    /// Number of phrases.
    public var count: Int { index.count }

    /// Phrase `i` as text.
    public func phrase(_ i: Int) -> String { index.string(i) }

    /// True when `bytes` is a phrase of the table.
    @inline(__always)
    public func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let h = ByteStringTable.hash(bytes)
        return filter.mayContain(h) && index.find(bytes, hash: h) != nil
    }

    /// True when `phrase` is in the table.
    public func contains(_ phrase: String) -> Bool {
        var p = phrase
        return p.withUTF8 { contains($0) }
    }

    /// Adds a phrase; returns false (and keeps the first) when it is already there.
    @discardableResult
    public func add(_ bytes: UnsafeBufferPointer<UInt8>, count: Int64, score: Double) -> Bool {
        guard index.insert(bytes).inserted else { return false }
        if filter.isFull(members: index.count) {
            filter = HashFilter(members: index.count)
            for i in 0..<index.count { filter.insert(ByteStringTable.hash(index.bytes(i))) }
        } else {
            filter.insert(ByteStringTable.hash(bytes))
        }
        counts.append(count)
        scores.append(score)
        return true
    }

    /// Adds every phrase of `other` not already here.
    public func merge(_ other: PhraseTable) {
        for i in 0..<other.count { add(other.index.bytes(i), count: other.counts[i], score: other.scores[i]) }
    }

    /// The score of `phrase`, when present.
    public func score(of phrase: String) -> Double? {
        var p = phrase
        return p.withUTF8 { index.find($0).map { scores[Int($0)] } }
    }

    /// The count of `phrase`, when present.
    public func count(of phrase: String) -> Int64? {
        var p = phrase
        return p.withUTF8 { index.find($0).map { counts[Int($0)] } }
    }

    /// Entries from the highest score down (ties by phrase), the order of the table file.
    public var sortedEntries: [Int] {
        (0..<count).sorted { a, b in
            scores[a] != scores[b] ? scores[a] > scores[b] : phrase(a) < phrase(b)
        }
    }

    /// The most words (parts between delimiters, connector words left out) in one phrase.
    public func longestPhrase(connectors: ConnectorSet) -> Int {
        let d = Array(delimiter.utf8)
        var longest = 0
        for i in 0..<count {
            var parts = 0
            for part in PhraseTable.split(Array(index.bytes(i)), by: d) {
                if part.withUnsafeBufferPointer({ connectors.index($0) }) == nil { parts += 1 }
            }
            longest = max(longest, parts)
        }
        return longest
    }

    private static func split(_ bytes: [UInt8], by d: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = [], current: [UInt8] = [], i = 0
        while i < bytes.count {
            if i + d.count <= bytes.count && Array(bytes[i..<(i + d.count)]) == d {
                parts.append(current); current = []; i += d.count
            } else {
                current.append(bytes[i]); i += 1
            }
        }
        parts.append(current)
        return parts
    }

    /// Writes `phrase<TAB>count<TAB>score` lines, highest score first, atomically to `path` (`.zst`: compressed).
    public func save(path: String) throws {
        let out = try AtomicOutput(path: path)
        do {
            for i in sortedEntries {
                try out.write(index.bytes(i).withMemoryRebound(to: UInt8.self) { UnsafeRawBufferPointer($0) })
                try out.write("\t\(counts[i])\t\(scores[i])\n")
            }
            try out.commit()
        } catch { out.abort(); throw error }
    }

    /// Reads a table file: `phrase<TAB>count<TAB>score` lines, the phrase holding `delimiter` between words.
    /// Throws InputError naming the file and line for a line of another shape, a count that is not a positive
    /// integer, a score that is not a finite number, a phrase without the delimiter, or a phrase given twice.
    public static func load(path: String, delimiter: String) throws -> PhraseTable {
        let table = PhraseTable(delimiter: delimiter)
        let reader = try LineReader(path: path)
        let d = Array(delimiter.utf8)
        while let line = try reader.nextLine() {
            let n = reader.lineNumber
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw InputError("expected `phrase<TAB>count<TAB>score`, found \(fields.count) field(s)", path: path, line: n)
            }
            let phrase = Array(fields[0])
            if phrase.contains(where: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) {
                throw InputError("a phrase holds no whitespace", path: path, line: n)
            }
            let parts = split(phrase, by: d)
            guard parts.count >= 2, !parts.contains(where: \.isEmpty) else {
                throw InputError("phrase `\(String(decoding: phrase, as: UTF8.self))` is not words joined with `\(delimiter)`",
                                 path: path, line: n)
            }
            guard let count = Int64(String(decoding: fields[1], as: UTF8.self)), count >= 1 else {
                throw InputError("count `\(String(decoding: fields[1], as: UTF8.self))` is not a positive integer",
                                 path: path, line: n)
            }
            guard let score = Double(String(decoding: fields[2], as: UTF8.self)), score.isFinite else {
                throw InputError("score `\(String(decoding: fields[2], as: UTF8.self))` is not a finite number",
                                 path: path, line: n)
            }
            let added = phrase.withUnsafeBufferPointer { table.add($0, count: count, score: score) }
            if !added {
                throw InputError("phrase `\(String(decoding: phrase, as: UTF8.self))` is given twice", path: path, line: n)
            }
        }
        return table
    }
}
