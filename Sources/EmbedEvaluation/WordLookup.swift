// Role: finds the row of a test-set word among the first N rows of a vector file, either exactly or
// case-folded (upper-cased, the first - most frequent - row of a folded form wins), as gensim's `ok_vocab`.
import EmbedCore
import EmbedVectors

/// Finds the row of a test-set word among the first rows of the vectors, exactly or by upper-cased form
/// (the first, most frequent, row of a form wins), as gensim's `ok_vocab`.
public struct WordLookup {
    /// Rows that may be looked up and proposed as answers: the first `rows` of the file.
    public let rows: Int
    /// True when words are matched exactly; false when compared by their upper-cased forms.
    public let caseSensitive: Bool
    private let table: [String: Int]

    /// `restrict`: only the first `restrict` rows (file order) take part; nil for all of them.
    /// `only`: when given, just these words (in key form) are indexed - a much smaller table for a test set.
    public init(words: [String], restrict: Int? = nil, caseSensitive: Bool = false, only: Set<String>? = nil) {
        let n = min(words.count, max(0, restrict ?? words.count))
        var table = [String: Int](minimumCapacity: only?.count ?? n)
        for i in 0..<n {
            let key = caseSensitive ? words[i] : Self.upperCased(words[i])
            if let only, !only.contains(key) { continue }
            if table[key] == nil { table[key] = i }
        }
        self.rows = n
        self.caseSensitive = caseSensitive
        self.table = table
    }

    /// A lookup over the words of `embeddings`, indexing only the keys of `words` when given (see the other init).
    public init(_ embeddings: WordVectors, restrict: Int? = nil, caseSensitive: Bool = false, only words: [String]? = nil) {
        let keys = words.map { Set($0.map { caseSensitive ? $0 : Self.upperCased($0) }) }
        self.init(words: embeddings.words, restrict: restrict, caseSensitive: caseSensitive, only: keys)
    }

    /// The form words are compared in: the word itself, or its upper-case form (Unicode full mapping,
    /// as Python's str.upper()).
    public func key(_ word: String) -> String { caseSensitive ? word : Self.upperCased(word) }

    /// Row of a word already in key form.
    public func row(forKey key: String) -> Int? { table[key] }

    /// Row of a word (folded first unless case-sensitive), nil when outside the first `rows`.
    public func row(of word: String) -> Int? { table[key(word)] }

    static func upperCased(_ word: String) -> String { CaseFolding.key(word) }
}
