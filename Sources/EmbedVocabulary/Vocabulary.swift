// Role: the vocabulary: words ordered by count (descending, ties by word), min-count and max-size cuts,
// and the <UNK> entry standing for every dropped or unseen word. Maps token bytes to ids for later stages.
import EmbedCore
import EmbedCorpus
import EmbedStreams

/// The kept words of a corpus with their counts, their ids, and the `<UNK>` entry for every other token.
public struct Vocabulary {
    /// The name of the entry standing for every dropped or unseen word.
    public static let unknownToken = "<UNK>"

    /// Kept words, most frequent first, WITHOUT <UNK>. 0-based id = index; file id = index + 1.
    public let words: [String]
    /// How often each kept word occurs, in the order of `words`.
    public let counts: [Int64]
    /// Total count of every token the vocabulary does not keep.
    public let unknownCount: Int64
    private let lookup: ByteStringTable

    /// Builds from explicit words and counts (kept in the given order). Throws on duplicates.
    public init(words: [String], counts: [Int64], unknownCount: Int64) throws {
        precondition(words.count == counts.count)
        let table = ByteStringTable(capacity: words.count)
        for (i, w) in words.enumerated() {
            var w = w
            let inserted = w.withUTF8 { table.insert($0).inserted }
            if !inserted { throw InputError("duplicated word \"\(w)\"", line: i + 1) }
        }
        self.words = words
        self.counts = counts
        self.unknownCount = unknownCount
        lookup = table
    }

    /// A 64-bit FNV-1a hash of the kept words in order (each followed by a newline): two files counted with
    /// vocabularies of different words or order have different fingerprints (but for a 2^-64 chance).
    public var fingerprint: UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for w in words {
            for b in w.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0x0A) &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// Number of kept words (without <UNK>).
    public var size: Int { words.count }
    /// 0-based id of <UNK>, one past the last word.
    public var unknownID: Int32 { Int32(words.count) }
    /// All tokens of the corpus the vocabulary was built from.
    public var totalCount: Int64 { counts.reduce(0, +) + unknownCount }

    @inline(__always)
    /// The 0-based id of a token's bytes, or `unknownID` when the word is not kept.
    public func id(of token: UnsafeBufferPointer<UInt8>) -> Int32 { lookup.find(token) ?? unknownID }

    /// The 0-based id of `word`, or `unknownID` when it is not kept.
    public func id(of word: String) -> Int32 {
        var w = word
        return w.withUTF8 { id(of: $0) }
    }

    /// Ids of the tokenizer's current tokens, unknown ones dropped (so distances are counted without them),
    /// written to `ids` from index `offset` on (the array grows as needed, keeping what is before `offset`).
    /// Returns how many ids were written.
    @inline(__always)
    public func encodeKnown(_ tokenizer: Tokenizer, into ids: inout [Int32], at offset: Int = 0) -> Int {
        let line = tokenizer.line
        if ids.count < offset + line.count {
            ids += [Int32](repeating: 0, count: Swift.max(offset + line.count, ids.count * 2) - ids.count)
        }
        var n = 0
        let unk = unknownID
        ids.withUnsafeMutableBufferPointer { out in
            let o = out.baseAddress! + offset
            for t in 0..<line.count {
                let id = lookup.find(line[t]) ?? unk
                if id != unk { o[n] = id; n &+= 1 }
            }
        }
        return n
    }

    /// Ids of the tokenizer's current tokens with unknown ones mapped to `unknownID`.
    public func encode(_ tokenizer: Tokenizer, into ids: inout [Int32]) -> Int {
        let line = tokenizer.line
        if ids.count < line.count { ids = [Int32](repeating: 0, count: Swift.max(line.count, ids.count * 2)) }
        for t in 0..<line.count { ids[t] = id(of: line[t]) }
        return line.count
    }

    /// Keeps the words counted at least `minCount` times, at most `maxSize` of them, by count then word.
    public init(counter: WordCounter, minCount: Int = 5, maxSize: Int? = nil) throws {
        var kept: [(word: [UInt8], count: Int64)] = []
        let table = counter.table
        for e in 0..<table.count where counter.counts[e] >= Int64(minCount) {
            let bytes = Array(table.bytes(e))
            if bytes.elementsEqual(Vocabulary.unknownToken.utf8) { continue }   // the literal token joins <UNK>
            kept.append((bytes, counter.counts[e]))
        }
        kept.sort { $0.count != $1.count ? $0.count > $1.count : $0.word.lexicographicallyPrecedes($1.word) }
        if let m = maxSize, kept.count > m { kept.removeSubrange(m...) }
        let keptTotal = kept.reduce(Int64(0)) { $0 + $1.count }
        try self.init(words: kept.map { String(decoding: $0.word, as: UTF8.self) },
                      counts: kept.map(\.count),
                      unknownCount: counter.totalTokens - keptTotal)
    }

    /// Counts a corpus and builds its vocabulary. Throws InputError naming the corpus when it holds no token
    /// or no word reaches `minCount`.
    /// `threads` above 1 counts on that many threads (the same vocabulary).
    public static func build(from corpus: CorpusReader, minCount: Int = 5, maxSize: Int? = nil,
                             maxEntries: Int = 20_000_000, observer: WorkObserver = SilentObserver.shared,
                             threads: Int = 1) throws -> Vocabulary {
        let counter = try WordCounter.count(corpus, maxEntries: maxEntries, observer: observer, threads: threads)
        return try Vocabulary(checked: counter, minCount: minCount, maxSize: maxSize, source: corpus.name)
    }

    /// The vocabulary of finished counts (of a corpus, or merged partial counts named `source`). Throws
    /// InputError naming `source` when the counts hold no token or no word reaches `minCount`.
    public init(checked counter: WordCounter, minCount: Int, maxSize: Int?, source: String) throws {
        guard counter.totalTokens > 0 else { throw InputError("the corpus is empty (no tokens)", path: source) }
        try self.init(counter: counter, minCount: minCount, maxSize: maxSize)
        guard size > 0 else {
            throw InputError("no word occurs at least \(minCount) times (\(counter.totalTokens) tokens, "
                + "\(counter.table.count) distinct): lower the minimum count", path: source)
        }
    }
}
