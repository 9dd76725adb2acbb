// Role: the mergeable word counts of one part of a corpus (`embed vocab --partial`): raw counts sorted by word
// bytes under a header with the part's token count, and the merge of such files into the vocabulary that
// counting the whole corpus at once gives (same counts, same order, same <UNK>).
import EmbedCore
import EmbedStreams
import Foundation

/// The mergeable counts file of one corpus part: a header line
/// `embed-partial-counts 1 tokens=T words=W pruned=P`, then W lines `word count` sorted by the word's bytes.
/// T counts every token of the part; P > 0 says the counting table was pruned (counts at most P may be low).
public enum PartialCounts {
    /// The first word of the header line.
    public static let magic = "embed-partial-counts"
    /// The format version written and read.
    public static let version = 1

    /// Writes the counts of `counter` to `path` (plain, or zstd for a .zst name), sorted by word bytes, atomically.
    /// Throws `InputError` when the file cannot be written.
    public static func save(_ counter: WordCounter, path: String) throws {
        let table = counter.table
        var order = Array(0..<table.count)
        order.sort { table.bytes($0).lexicographicallyPrecedes(table.bytes($1)) }
        let out = try AtomicOutput(path: path)
        try out.write("\(magic) \(version) tokens=\(counter.totalTokens) words=\(table.count) pruned=\(counter.prunedBelow)\n")
        let space = UInt8(ascii: " ")
        for e in order {
            try out.write(UnsafeRawBufferPointer(table.bytes(e)))
            try withUnsafeBytes(of: space) { try out.write($0) }
            try out.write("\(counter.counts[e])\n")
        }
        try out.commit()
    }

    /// What merging partial counts files found.
    public struct Merged {
        /// The summed counts of every word of every part.
        public var counter: WordCounter
        /// Files whose counting table was pruned (their rare counts may be low).
        public var prunedParts: [String]
    }

    /// Sums the counts of `paths` (files written by `save`) into one counter. Throws `SettingError` for no file
    /// and `InputError` naming file and line for a file that is not a partial counts file, is damaged or
    /// truncated, or lists words out of order.
    public static func merge(_ paths: [String], observer: WorkObserver = SilentObserver.shared) throws -> Merged {
        guard !paths.isEmpty else { throw SettingError("partial counts", "needs at least one file") }
        var counter = WordCounter(maxEntries: Int.max, observer: observer)
        var pruned: [String] = []
        for path in paths {
            if try read(path, into: &counter) { pruned.append(path) }
            if observer.shouldStop { throw Stopped(task: "vocabulary merge") }
        }
        return Merged(counter: counter, prunedParts: pruned)
    }

    /// Adds one file's counts to `counter`; returns whether the part was pruned.
    private static func read(_ path: String, into counter: inout WordCounter) throws -> Bool {
        let reader = try LineReader(path: path)
        guard let first = try reader.nextLine() else {
            throw InputError("empty file: not a partial counts file", path: path)
        }
        let header = try Header(String(decoding: first, as: UTF8.self), path: path)
        var previous: [UInt8] = []
        var words = 0
        var sum: Int64 = 0
        while let line = try reader.nextLine() {
            let n = reader.lineNumber
            guard let space = line.lastIndex(of: UInt8(ascii: " ")), space > 0 else {
                throw InputError("expected `word count`", path: path, line: n)
            }
            let word = UnsafeBufferPointer(rebasing: line[..<space])
            guard let count = Int64(String(decoding: UnsafeBufferPointer(rebasing: line[(space + 1)...]), as: UTF8.self)),
                  count >= 1 else {
                throw InputError("count is not a positive integer", path: path, line: n)
            }
            if words > 0 && !previous.lexicographicallyPrecedes(word) {
                throw InputError("words are not in increasing byte order (damaged, or not a partial counts file)",
                                 path: path, line: n)
            }
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: word)
            let (sumNext, overflow) = sum.addingReportingOverflow(count)
            guard !overflow, sumNext <= header.tokens else {
                throw InputError("counts add up to more than the header's tokens=\(header.tokens)", path: path, line: n)
            }
            sum = sumNext
            counter.add(word, count: count)
            words += 1
        }
        guard words == header.words else {
            throw InputError("holds \(words) words, its header says \(header.words) (truncated?)", path: path)
        }
        guard header.pruned > 0 || sum == header.tokens else {
            throw InputError("counts add up to \(sum), its header says tokens=\(header.tokens) (damaged?)", path: path)
        }
        counter.addTokens(header.tokens - sum)
        return header.pruned > 0
    }

    private struct Header {
        var tokens: Int64 = 0, words = 0, pruned: Int64 = 0

        init(_ text: String, path: String) throws {
            let fields = text.split(separator: " ")
            guard fields.count == 5, fields[0] == PartialCounts.magic else {
                throw InputError("not a partial counts file (the counts of one part of a corpus): the first line should start with \(PartialCounts.magic)",
                                 path: path, line: 1)
            }
            guard fields[1] == "\(PartialCounts.version)" else {
                throw InputError("partial counts format version \(fields[1]) is not known (this tool reads \(PartialCounts.version))",
                                 path: path, line: 1)
            }
            func value(_ field: Substring, _ name: String) throws -> Int64 {
                guard field.hasPrefix(name + "="), let v = Int64(field.dropFirst(name.count + 1)), v >= 0 else {
                    throw InputError("damaged header: expected \(name)=N, found \"\(field)\"", path: path, line: 1)
                }
                return v
            }
            tokens = try value(fields[2], "tokens")
            words = Int(try value(fields[3], "words"))
            pruned = try value(fields[4], "pruned")
        }
    }
}
