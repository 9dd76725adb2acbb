// Role: finds the row of a test-set word among the first N rows of a vector file, either exactly or
// case-folded (upper-cased, the first - most frequent - row of a folded form wins), as gensim's `ok_vocab`.
import Embeddings

public struct WordLookup {
    /// Rows that may be looked up and proposed as answers: the first `rows` of the file.
    public let rows: Int
    public let caseSensitive: Bool
    private let table: [String: Int]

    /// `restrict`: only the first `restrict` rows (file order) take part; nil for all of them.
    public init(words: [String], restrict: Int? = nil, caseSensitive: Bool = false) {
        let n = min(words.count, max(0, restrict ?? words.count))
        var table = [String: Int](minimumCapacity: n)
        for i in 0..<n {
            let key = caseSensitive ? words[i] : words[i].uppercased()
            if table[key] == nil { table[key] = i }
        }
        self.rows = n
        self.caseSensitive = caseSensitive
        self.table = table
    }

    public init(_ embeddings: Embeddings, restrict: Int? = nil, caseSensitive: Bool = false) {
        self.init(words: embeddings.words, restrict: restrict, caseSensitive: caseSensitive)
    }

    /// The form words are compared in: the word itself, or its upper-case form (Unicode full mapping,
    /// as Python's str.upper()).
    public func key(_ word: String) -> String { caseSensitive ? word : word.uppercased() }

    /// Row of a word already in key form.
    public func row(forKey key: String) -> Int? { table[key] }

    /// Row of a word (folded first unless case-sensitive), nil when outside the first `rows`.
    public func row(of word: String) -> Int? { table[key(word)] }
}
