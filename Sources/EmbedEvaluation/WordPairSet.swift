// Role: a word-similarity test set: `word1<TAB>word2<TAB>score` lines, `#` lines are comments
// (WordSim-353, SimLex-999 as gensim ships them).
import EmbedCore
import EmbedStreams

/// A word-similarity test set: `word1<TAB>word2<TAB>score` lines, `#` lines being comments (WordSim-353,
/// SimLex-999 as gensim ships them).
public struct WordPairSet: TextSetFile {
    /// One pair of words and the similarity people gave it.
    public struct Pair: Equatable {
        /// The two words, in file order, and their human similarity score (on the set's own scale).
        public var first: String, second: String, score: Double
        /// A pair of `first` and `second` with human score `score`.
        public init(_ first: String, _ second: String, _ score: Double) {
            self.first = first; self.second = second; self.score = score
        }
    }

    /// The file the set was read from (`<text>` for an in-memory text).
    public var path: String
    /// The pairs, in file order.
    public var pairs: [Pair]

    /// The file's name without folders, for tables.
    public var name: String { TextLines.fileName(path) }

    /// Fields are split on tabs (as gensim); a line without a tab may use spaces instead. Blank lines are skipped.
    /// Throws `InputError` naming the line for a line without three fields or a score that is not a number, and
    /// for a set without pairs.
    public init(lines: [(number: Int, text: String)], path: String) throws {
        self.path = path
        pairs = []
        for (number, text) in lines where !text.hasPrefix("#") {
            if text.allSatisfy(\.isWhitespace) { continue }
            let fields = text.contains("\t")
                ? text.split(separator: "\t", omittingEmptySubsequences: false)
                : text.split(whereSeparator: \.isWhitespace)
            guard fields.count == 3 else {
                throw InputError("expected word1<TAB>word2<TAB>score, found \(fields.count) fields", path: path, line: number)
            }
            let scoreText = fields[2].trimmingWhitespace()
            guard let score = Double(scoreText), score.isFinite else {
                throw InputError("score is not a number: \"\(scoreText)\"", path: path, line: number)
            }
            pairs.append(Pair(String(fields[0]), String(fields[1]), score))
        }
        if pairs.isEmpty { throw InputError("no word pairs found", path: path) }
    }
}
