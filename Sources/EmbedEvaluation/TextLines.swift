// Role: reads a small text file (evaluation sets) as UTF-8 lines with their line numbers, through Streams
// (plain, zstd or "-"), so a bad byte is reported as path:line; the test-set types are built from such lines.
import EmbedCore
import EmbedStreams

/// A test set parsed from numbered text lines.
public protocol TextSetFile {
    /// `path` names the text in errors (`path:line: message`).
    init(lines: [(number: Int, text: String)], path: String) throws
}

extension TextSetFile {
    /// Reads a file (plain, zstd or "-"). Throws `InputError` for an unreadable file, invalid UTF-8 or a bad line.
    public static func read(path: String) throws -> Self { try Self(lines: TextLines.read(path: path), path: path) }

    /// Parses an in-memory text. Throws `InputError` naming the line that does not fit the set's layout.
    public init(text: String, path: String = "<text>") throws { try self.init(lines: TextLines.split(text), path: path) }
}

enum TextLines {
    /// Every line of the file, numbered from 1.
    static func read(path: String) throws -> [(number: Int, text: String)] {
        let reader = try LineReader(path: path)
        var lines: [(number: Int, text: String)] = []
        while let line = try reader.nextLine() {
            guard let text = String(validating: line, as: UTF8.self) else {
                throw InputError("invalid UTF-8", path: path, line: reader.lineNumber)
            }
            lines.append((reader.lineNumber, text))
        }
        return lines
    }

    /// Lines of an in-memory text (tests, stdin already read), numbered from 1.
    static func split(_ text: String) -> [(number: Int, text: String)] {
        // "\r\n" is one Character, a newline like "\n".
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.enumerated().map { ($0.offset + 1, $0.element) }
    }

    /// Whitespace-separated fields (Python's str.split()); ASCII lines take a byte-level fast path.
    static func fields(_ text: String) -> [Substring] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isWhitespace) }
        return text.utf8.split(whereSeparator: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) || ($0 >= 0x1C && $0 <= 0x1F) })
            .map { Substring($0) }
    }

    /// The last component of a path, for tables.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
