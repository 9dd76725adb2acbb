// Role: saves and loads a vocabulary as `word count` lines (GloVe's vocab.txt layout), <UNK> last;
// a word's id in files is its 1-based line number.
import EmbedCore
import EmbedStreams

extension Vocabulary {
    /// Saves the vocabulary to `path` as `word count` lines, most frequent first, then `<UNK> n`
    /// (plain, or zstd when the path ends in .zst). Throws `InputError` when the file cannot be written.
    public func save(path: String) throws {
        let out = try AtomicOutput(path: path)
        for (w, c) in zip(words, counts) { try out.write("\(w) \(c)\n") }
        try out.write("\(Vocabulary.unknownToken) \(unknownCount)\n")
        try out.commit()
    }

    /// Loads `word count` lines. A final `<UNK> n` line gives the unknown count (files from Stanford's
    /// vocab_count have none: the count is then 0). Counts must not increase down the file.
    /// Throws `InputError` naming the file and line for a malformed, unordered or duplicated entry or an empty file.
    public static func load(path: String) throws -> Vocabulary {
        let reader = try LineReader(path: path)
        var words: [String] = []
        var counts: [Int64] = []
        var unknown: Int64? = nil
        while let line = try reader.nextLine() {
            let n = reader.lineNumber
            guard let text = String(validating: line, as: UTF8.self) else {
                throw InputError("invalid UTF-8", path: path, line: n)
            }
            if text.isEmpty { throw InputError("empty line (expected: word count)", path: path, line: n) }
            guard unknown == nil else {
                throw InputError("\(unknownToken) must be the last line", path: path, line: n)
            }
            guard let space = text.lastIndex(of: " "), space != text.startIndex else {
                throw InputError("expected `word count`", path: path, line: n)
            }
            let word = String(text[..<space])
            guard let count = Int64(text[text.index(after: space)...]), count >= 0 else {
                throw InputError("count is not a non-negative integer: \"\(text[text.index(after: space)...])\"", path: path, line: n)
            }
            if word == unknownToken { unknown = count; continue }
            if let last = counts.last, count > last {
                throw InputError("counts must be in descending order", path: path, line: n)
            }
            words.append(word)
            counts.append(count)
        }
        guard !words.isEmpty else { throw InputError("vocabulary is empty", path: path) }
        do {
            return try Vocabulary(words: words, counts: counts, unknownCount: unknown ?? 0)
        } catch let e as InputError {
            throw InputError(e.message, path: path, line: e.line)
        }
    }
}
