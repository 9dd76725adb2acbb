// Role: the vocabulary: words ordered by count (descending, ties by word), min-count and max-size cuts,
// and the <UNK> entry standing for every dropped or unseen word. Maps token bytes to ids for later stages.
import EmbedCore
import EmbedCorpus
import EmbedStreams

/// The words kept from a corpus, most frequent first (ties by word), with their counts; `<UNK>` stands for every
/// dropped or unseen word and takes the id after the last word. Maps token bytes to ids for the later stages.
public struct Vocabulary {
    /// The token standing for every word the vocabulary does not keep: `<UNK>`.
    public static let unknownToken = "<UNK>"

    /// Kept words, most frequent first, WITHOUT <UNK>. 0-based id = index; file id = index + 1.
    public let words: [String]
    /// Corpus counts of `words`, in the same order (so never increasing).
    public let counts: [Int64]
    /// Total count of every token the vocabulary does not keep.
    public let unknownCount: Int64
    private let lookup: ByteStringTable

    /// Builds from explicit words and counts (kept in the given order).
    /// Throws `InputError` naming the 1-based position of a duplicated word.
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

    /// Number of kept words (without <UNK>).
    public var size: Int { words.count }
    /// 0-based id of <UNK>, one past the last word.
    public var unknownID: Int32 { Int32(words.count) }
    /// All tokens of the corpus the vocabulary was built from.
    public var totalCount: Int64 { counts.reduce(0, +) + unknownCount }

    /// The 0-based id of the token's bytes, `unknownID` when the word is not kept.
    @inline(__always)
    public func id(of token: UnsafeBufferPointer<UInt8>) -> Int32 { lookup.find(token) ?? unknownID }

    /// The 0-based id of `word`, `unknownID` when it is not kept.
    public func id(of word: String) -> Int32 {
        var w = word
        return w.withUTF8 { id(of: $0) }
    }

    /// Ids of the tokenizer's current tokens, unknown ones dropped (so distances are counted without them).
    /// Returns how many ids were written to the front of `ids` (which grows as needed).
    @inline(__always)
    public func encodeKnown(_ tokenizer: Tokenizer, into ids: inout [Int32]) -> Int {
        if ids.count < tokenizer.count { ids = [Int32](repeating: 0, count: Swift.max(tokenizer.count, ids.count * 2)) }
        var n = 0
        let unk = unknownID
        ids.withUnsafeMutableBufferPointer { out in
            for t in 0..<tokenizer.count {
                let id = lookup.find(tokenizer.token(t)) ?? unk
                if id != unk { out[n] = id; n += 1 }
            }
        }
        return n
    }

    /// Ids of the tokenizer's current tokens with unknown ones mapped to `unknownID`.
    /// Returns how many ids were written to the front of `ids` (the tokenizer's count; `ids` grows as needed).
    public func encode(_ tokenizer: Tokenizer, into ids: inout [Int32]) -> Int {
        if ids.count < tokenizer.count { ids = [Int32](repeating: 0, count: Swift.max(tokenizer.count, ids.count * 2)) }
        for t in 0..<tokenizer.count { ids[t] = id(of: tokenizer.token(t)) }
        return tokenizer.count
    }

    /// Keeps the words counted at least `minCount` times, at most `maxSize` of them, by count then word.
    /// A literal `<UNK>` token in the corpus counts as unknown. Throws `InputError` on a duplicated word.
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

    /// Counts a corpus and builds its vocabulary. Throws `InputError` for an empty corpus or unreadable input,
    /// and `Stopped` when the observer asks to stop.
    public static func build(from corpus: CorpusReader, minCount: Int = 5, maxSize: Int? = nil,
                             maxEntries: Int = 20_000_000, observer: WorkObserver = SilentObserver.shared) throws -> Vocabulary {
        let counter = try WordCounter.count(corpus, maxEntries: maxEntries, observer: observer)
        guard counter.totalTokens > 0 else {
            throw InputError("corpus is empty (no tokens)", path: corpus.files.count == 1 ? corpus.files[0] : nil)
        }
        return try Vocabulary(counter: counter, minCount: minCount, maxSize: maxSize)
    }
}
