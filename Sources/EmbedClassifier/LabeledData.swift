// Role: reads labelled sentences from the two layouts classification sets come in: CSV `"sentence",label`
// (quotes optional, "" escapes, tabs and commas inside quotes) and `label sentence` lines (SST-2); plain or
// zstd, "-" for stdin. A malformed row is an InputError naming the file and line.
import EmbedCore
import EmbedStreams

/// One labelled row of a classification set: the sentence, its label, and the line it came from.
public struct LabeledSentence: Equatable, Sendable {
    /// The sentence, as read (quotes and CSV escapes removed).
    public var text: String
    /// The label as written in the file (a class index is assigned by `LabelSet`).
    public var label: String
    /// Line of the file the row came from.
    public var line: Int
    /// A row of `text` labelled `label`, read from line `line`.
    public init(text: String, label: String, line: Int) { self.text = text; self.label = label; self.line = line }
}

/// The layout of a labelled-sentence file.
public enum LabeledFormat: String, CaseIterable, Sendable {
    /// CSV when the file name ends in .csv (optionally .zst/.gz after it) or the first row starts with a quote,
    /// else `label sentence` lines.
    case auto
    /// CSV rows: `"sentence",label` (quotes optional, "" escapes a quote, commas and tabs allowed inside quotes).
    case csv
    /// `label sentence`: the label is the first whitespace-separated field.
    case lines
}

/// A labelled-sentence file read whole: its rows in file order and the layout they were read in.
public struct LabeledData {
    /// The file read ("-" for standard input).
    public let path: String
    /// The layout actually read (never `.auto`).
    public let format: LabeledFormat
    /// The non-blank rows, in file order.
    public let sentences: [LabeledSentence]

    /// Reads every non-blank line. Throws InputError for invalid UTF-8, an unterminated quote, a row without
    /// a label or without a sentence, or a file without rows.
    public init(path: String, format: LabeledFormat = .auto) throws {
        self.path = path
        let reader = try LineReader(path: path)
        var sentences: [LabeledSentence] = []
        var chosen: LabeledFormat? = format == .auto ? nil : format
        while let raw = try reader.nextLine() {
            let line = reader.lineNumber
            guard var text = String(validating: raw, as: UTF8.self) else {
                throw InputError("invalid UTF-8", path: path, line: line)
            }
            if sentences.isEmpty && text.hasPrefix("\u{FEFF}") { text.removeFirst() }   // byte-order mark
            if text.allSatisfy(\.isWhitespace) { continue }
            let layout = chosen ?? LabeledData.detect(path: path, firstRow: text)
            chosen = layout
            let (sentence, label) = layout == .csv
                ? try LabeledData.parseCSV(text, path: path, line: line)
                : try LabeledData.parseLine(text, path: path, line: line)
            guard !sentence.allSatisfy(\.isWhitespace) else { throw InputError("empty sentence", path: path, line: line) }
            sentences.append(LabeledSentence(text: sentence, label: label, line: line))
        }
        guard !sentences.isEmpty else { throw InputError("no labelled sentences", path: path) }
        self.format = chosen ?? .lines
        self.sentences = sentences
    }

    static func detect(path: String, firstRow: String) -> LabeledFormat {
        var name = path.lowercased()
        for suffix in [".zst", ".gz"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
        if name.hasSuffix(".csv") || firstRow.drop(while: { $0 == " " }).first == "\"" { return .csv }
        return .lines
    }

    /// `label sentence`: label up to the first space or tab, the rest (trimmed) is the sentence.
    static func parseLine(_ text: String, path: String, line: Int) throws -> (String, String) {
        let trimmed = text.trimmingWhitespace()
        guard let split = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
            throw InputError("expected `label sentence`, found one field", path: path, line: line)
        }
        let sentence = trimmed[split...].trimmingWhitespace()
        return (sentence, String(trimmed[..<split]))
    }

    /// One CSV row: the sentence field, then the label field, then only empty fields. An unquoted sentence
    /// may hold commas: its label is then the last non-empty field.
    static func parseCSV(_ text: String, path: String, line: Int) throws -> (String, String) {
        var fields: [(value: String, quoted: Bool)] = []
        var bytes = Substring(text).utf8[...]
        while true {
            let fieldStart = bytes
            while let b = bytes.first, b == 0x20 { bytes.removeFirst() }
            var value: [UInt8] = []
            var quoted = false
            if bytes.first == 0x22 {
                quoted = true
                bytes.removeFirst()
                var closed = false
                while let b = bytes.popFirst() {
                    if b == 0x22 {
                        if bytes.first == 0x22 { value.append(0x22); bytes.removeFirst(); continue }
                        closed = true
                        break
                    }
                    value.append(b)
                }
                guard closed else {
                    throw InputError("unterminated quoted field (a sentence must stay on one line)", path: path, line: line)
                }
                while let b = bytes.first, b == 0x20 || b == 0x09 { bytes.removeFirst() }
                if let b = bytes.first, b != 0x2C {
                    throw InputError("unexpected text after a closing quote", path: path, line: line)
                }
            } else {
                bytes = fieldStart          // an unquoted field keeps its spaces ("you, really" stays one sentence)
                while let b = bytes.first, b != 0x2C { value.append(b); bytes.removeFirst() }
            }
            fields.append((String(decoding: value, as: UTF8.self), quoted))
            if bytes.popFirst() == nil { break }         // consumed the comma, or reached the end
        }
        var filled = fields.map { $0.value.trimmingWhitespace() }
        while filled.count > 2, filled.last!.isEmpty { filled.removeLast() }
        if filled.count > 2 && !fields[0].quoted {
            let label = filled.removeLast()
            let sentence = fields.dropLast(fields.count - filled.count).map(\.value).joined(separator: ",")
            filled = [sentence.trimmingWhitespace(), label]
        }
        guard filled.count == 2 else {
            throw InputError(filled.count < 2 ? "expected `\"sentence\",label`, found one field"
                                              : "expected 2 fields, found \(filled.count)", path: path, line: line)
        }
        guard !filled[1].isEmpty else { throw InputError("empty label", path: path, line: line) }
        let sentence = filled[0]
        return (fields[0].quoted ? fields[0].value : sentence, filled[1])
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, CR).
    func trimmingWhitespace() -> String {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return String(self[start...end])
    }
}
