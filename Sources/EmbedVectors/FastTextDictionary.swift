// Role: a fastText model's dictionary: its entries (words first, then labels) with their counts and types,
// the token count, the pruning-table size field, and the lookup from a word to its id (its input row).
import EmbedCore

/// The entries of a fastText model, as its file stores them. Ids are positions: words take 0..<wordCount
/// (their input and output rows), labels follow.
public struct FastTextDictionary: Equatable, Sendable {
    /// What an entry is (stored as one byte).
    public enum EntryType: UInt8, Sendable {
        /// A word of the text.
        case word = 0
        /// A supervised label (`__label__...`).
        case label = 1
    }

    /// fastText's end-of-line token: in the vocabulary like a word, but never split into n-grams.
    public static let endOfSentence = "</s>"

    /// Every entry, words first (by descending count, as fastText sorts them), then labels.
    public let entries: [String]
    /// The count of each entry.
    public let counts: [Int64]
    /// The type of each entry.
    public let types: [EntryType]
    /// Entries of type word (fastText's nwords): ids 0..<wordCount.
    public let wordCount: Int
    /// Tokens read in training (fastText's ntokens).
    public var tokenCount: Int64
    /// fastText's pruneidx_size: -1 for a model that was never pruned (every unquantized model).
    public let pruneIndexSize: Int64
    /// Entry -> id.
    let index: [String: Int]

    /// Builds a dictionary; throws InputError when an entry is empty, contains a NUL byte, is repeated, or
    /// a word follows a label, or when the lists differ in length.
    public init(entries: [String], counts: [Int64], types: [EntryType]? = nil, tokenCount: Int64? = nil) throws {
        let types = types ?? [EntryType](repeating: .word, count: entries.count)
        guard counts.count == entries.count, types.count == entries.count else {
            throw InputError("\(entries.count) dictionary entries but \(counts.count) counts and \(types.count) types")
        }
        var index = [String: Int](minimumCapacity: entries.count)
        for (i, entry) in entries.enumerated() {
            if entry.isEmpty { throw InputError("dictionary entry \(i + 1) is empty") }
            if entry.utf8.contains(0) { throw InputError("dictionary entry \(i + 1) contains a NUL byte") }
            if index.updateValue(i, forKey: entry) != nil { throw InputError("duplicated dictionary entry \"\(entry)\"") }
        }
        self.init(checkedEntries: entries, counts: counts, types: types, index: index,
                  tokenCount: tokenCount ?? counts.reduce(0, &+), pruneIndexSize: -1)
        if let i = types.indices.first(where: { $0 >= wordCount && types[$0] == .word }) {
            throw InputError("dictionary entry \(i + 1) (\"\(entries[i])\") is a word after the labels: words come first")
        }
    }

    /// Builds from parts a reader has checked (entries unique and non-empty, words before labels).
    init(checkedEntries entries: [String], counts: [Int64], types: [EntryType], index: [String: Int],
         tokenCount: Int64, pruneIndexSize: Int64) {
        self.entries = entries
        self.counts = counts
        self.types = types
        self.index = index
        self.tokenCount = tokenCount
        self.pruneIndexSize = pruneIndexSize
        wordCount = types.firstIndex(of: .label) ?? types.count
    }

    /// Entries in all (fastText's size).
    public var count: Int { entries.count }
    /// Entries of type label (fastText's nlabels).
    public var labelCount: Int { entries.count - wordCount }
    /// The words (entries of type word), in id order.
    public var words: ArraySlice<String> { entries[..<wordCount] }

    /// The id of `entry` (exact match), nil when absent.
    public func id(of entry: String) -> Int? { index[entry] }

    /// The id of `word` when it is an entry of type word.
    public func wordID(of word: String) -> Int? {
        guard let i = index[word], i < wordCount else { return nil }
        return i
    }

    /// Same entries, counts, types, token count and pruning field.
    public static func == (a: FastTextDictionary, b: FastTextDictionary) -> Bool {
        a.entries == b.entries && a.counts == b.counts && a.types == b.types && a.tokenCount == b.tokenCount
            && a.pruneIndexSize == b.pruneIndexSize
    }
}
