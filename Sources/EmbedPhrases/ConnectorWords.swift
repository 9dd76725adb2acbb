// Role: connector words (`of`, `the`) allowed inside a phrase: gensim 4's English list and a reader for a
// user's list (whitespace-separated words, `#` comment lines).
import EmbedCore
import EmbedStreams

/// Lists of connector words.
public enum ConnectorWords {
    /// gensim 4's `ENGLISH_CONNECTOR_WORDS`: articles, common prepositions and conjunctions.
    public static let english = ["a", "an", "the", "for", "of", "with", "without", "at", "from", "to", "in", "on",
                                 "by", "and", "or"]

    /// The words of the file at `path` (plain or zstd): whitespace-separated, lines starting with `#` skipped.
    /// Throws InputError naming the file for a read error or a file holding no word.
    public static func load(path: String) throws -> [String] {
        let reader = try LineReader(path: path)
        var words: [String] = []
        var seen = Set<String>()
        while let line = try reader.nextLine() {
            let text = String(decoding: line, as: UTF8.self)
            if text.hasPrefix("#") { continue }
            for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                let w = String(word)
                if seen.insert(w).inserted { words.append(w) }
            }
        }
        if words.isEmpty { throw InputError("holds no connector word", path: path) }
        return words
    }
}
