// Role: reads CoNLL column files: one token per line, columns separated by spaces or tabs, a blank line
// between sentences, `-DOCSTART-` lines skipped; the token is the first column, the tag the last (or
// `tagColumn`). Tags must be `O`, `B-X`, `I-X`, `E-X` or `S-X`; the scheme (IOB1, IOB2, IOBES) is detected or
// given. A malformed line is an InputError naming the file and line. Plain or zstd, "-" for stdin.
import EmbedCore
import EmbedStreams

/// One sentence of a CoNLL file.
public struct TaggedSentence: Equatable, Sendable {
    /// The tokens as written.
    public var tokens: [String]
    /// The gold tag of each token.
    public var tags: [ChunkTag]
    /// The file line of each token (1-based).
    public var lines: [Int]

    /// A sentence of `tokens` tagged `tags` (one each), read from `lines`.
    public init(tokens: [String], tags: [ChunkTag], lines: [Int]) {
        precondition(tokens.count == tags.count && tokens.count == lines.count)
        self.tokens = tokens
        self.tags = tags
        self.lines = lines
    }
}

/// The sentences of one CoNLL file.
public struct TaggedData: Sendable {
    /// The file read.
    public let path: String
    /// The scheme its tags are written in (detected unless given).
    public let scheme: TagScheme
    /// The sentences, in file order.
    public let sentences: [TaggedSentence]
    /// Every line of the file, when read with `keepingLines` (to write it back with a predicted column).
    public let rawLines: [String]?
    /// The 1-based column of the tags (nil: the last one of each line).
    public let tagColumn: Int?

    /// Reads `path`. `tagColumn` (1-based, at least 2) picks the tag column, else the last one; `scheme` nil
    /// detects it. Throws InputError for invalid UTF-8, a line without the tag column, a tag that is not
    /// `O`/`B-X`/`I-X`/`E-X`/`S-X` (or not of the scheme given) and a file without sentences.
    public init(path: String, tagColumn: Int? = nil, scheme: TagScheme? = nil, keepingLines: Bool = false) throws {
        if let c = tagColumn, c < 2 { throw SettingError("tagColumn", "must be at least 2 (column 1 is the token)") }
        self.path = path
        self.tagColumn = tagColumn
        let reader = try LineReader(path: path)
        var sentences: [TaggedSentence] = []
        var raw: [String] = []
        var tokens: [String] = [], tags: [ChunkTag] = [], lines: [Int] = []
        func flush() {
            if !tokens.isEmpty { sentences.append(TaggedSentence(tokens: tokens, tags: tags, lines: lines)) }
            tokens.removeAll(keepingCapacity: true); tags.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
        }
        while let bytes = try reader.nextLine() {
            let number = reader.lineNumber
            guard let line = String(validating: bytes, as: UTF8.self) else {
                throw InputError("invalid UTF-8", path: path, line: number)
            }
            if keepingLines { raw.append(line) }
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if columns.isEmpty { flush(); continue }
            if columns[0] == "-DOCSTART-" { flush(); continue }
            let index = (tagColumn ?? columns.count) - 1
            guard columns.count >= 2 else {
                throw InputError("expected a token and a tag separated by spaces or tabs, found one column",
                                 path: path, line: number)
            }
            guard index < columns.count else {
                throw InputError("the tag column \(index + 1) is missing (the line has \(columns.count) columns)",
                                 path: path, line: number)
            }
            guard let tag = ChunkTag(columns[index]) else {
                throw InputError("\"\(columns[index])\" is not a tag (O, B-X, I-X, E-X or S-X)", path: path, line: number)
            }
            if let s = scheme, !s.allows(tag.kind) {
                throw InputError("\"\(columns[index])\" is not an \(s.rawValue.uppercased()) tag", path: path, line: number)
            }
            tokens.append(String(columns[0]))
            tags.append(tag)
            lines.append(number)
        }
        flush()
        guard !sentences.isEmpty else { throw InputError("no tagged sentences", path: path) }
        self.sentences = sentences
        self.scheme = scheme ?? TagScheme.detect(sentences.lazy.map(\.tags))
        rawLines = keepingLines ? raw : nil
    }

    /// Sentences given in memory (no file), in `scheme`.
    public init(sentences: [TaggedSentence], scheme: TagScheme, path: String = "-") {
        self.path = path
        self.scheme = scheme
        self.sentences = sentences
        rawLines = nil
        tagColumn = nil
    }

    /// Tokens in all sentences.
    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.tokens.count } }

    /// The gold entities of every sentence.
    public var spans: [[EntitySpan]] { sentences.map { EntitySpans.spans($0.tags) } }

    /// The file's lines with `predicted[s][i]` (the tag of token i of sentence s, written in the file's
    /// scheme) inserted as a column after the tag column, separated by the line's own separator (a tab when
    /// the line has one, else a space): the input of the `conlleval` script. Needs `keepingLines`.
    public func linesWithPredictions(_ predicted: [[ChunkTag]]) -> [String] {
        guard let raw = rawLines else { preconditionFailure("read the file with keepingLines: true") }
        var out = raw
        for (s, sentence) in sentences.enumerated() {
            for (i, number) in sentence.lines.enumerated() {
                out[number - 1] = TaggedData.insert(predicted[s][i].text, into: raw[number - 1], after: tagColumn)
            }
        }
        return out
    }

    /// `line` with `value` as a new column after column `column` (nil: at the end).
    static func insert(_ value: String, into line: String, after column: Int?) -> String {
        let separator: Character = line.contains("\t") ? "\t" : " "
        var trimmed = Substring(line)
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        guard let column else { return trimmed + String(separator) + value }
        let columns = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard column < columns.count else { return trimmed + String(separator) + value }
        var fields = columns.map(String.init)
        fields.insert(value, at: column)
        return fields.joined(separator: String(separator))
    }
}
