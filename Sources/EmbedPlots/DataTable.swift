// Role: a CSV table of numbers as the trainers' --log files hold them (header row, then one row per step or
// epoch), read column-wise; malformed rows are InputErrors naming the file and line.
import EmbedCore
import Foundation
import EmbedStreams

/// A CSV table of numbers as the trainers' `--log` files hold them (a header row, then one row per step or
/// epoch), read column by column.
public struct DataTable {
    /// The file read ("-" for standard input).
    public let path: String
    /// Column names from the header row.
    public let columns: [String]
    /// values[c][r]: row r of column c; NaN where the cell is empty or not a number.
    public let values: [[Double]]
    /// For each column, the first line (1-based, in the file) whose cell is neither empty nor a number.
    public let firstNonNumericLine: [Int?]
    /// The file line of each data row.
    public let lineNumbers: [Int]

    /// The number of data rows.
    public var rowCount: Int { lineNumbers.count }

    /// A column is numeric when every non-empty cell parses as a number and at least one does.
    public func isNumeric(_ c: Int) -> Bool {
        firstNonNumericLine[c] == nil && values[c].contains { !$0.isNaN }
    }

    /// Reads a comma-separated file (plain or zstd, "-" for stdin). Blank lines and lines starting with '#'
    /// are skipped; fields may be double-quoted. Throws InputError on a missing or duplicated header name,
    /// a row whose field count differs from the header's, or a file without data rows.
    public static func readCSV(path: String) throws -> DataTable {
        let reader = try LineReader(path: path)
        var columns: [String]? = nil
        var cells: [[Double]] = [], bad: [Int?] = [], lines: [Int] = []
        while let raw = try reader.nextLine() {
            let line = String(decoding: raw, as: UTF8.self)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = try splitFields(line, path: path, line: reader.lineNumber)
            guard let header = columns else {
                for (i, name) in fields.enumerated() where name.isEmpty {
                    throw InputError("header column \(i + 1) has no name", path: path, line: reader.lineNumber)
                }
                if let dup = fields.enumerated().first(where: { fields.firstIndex(of: $0.element)! != $0.offset }) {
                    throw InputError("header names column \"\(dup.element)\" twice", path: path, line: reader.lineNumber)
                }
                columns = fields
                cells = fields.map { _ in [] }
                bad = fields.map { _ in nil }
                continue
            }
            guard fields.count == header.count else {
                throw InputError("\(fields.count) fields, the header has \(header.count) (\(header.joined(separator: ",")))",
                                 path: path, line: reader.lineNumber)
            }
            for (c, f) in fields.enumerated() {
                if let v = Double(f) {
                    cells[c].append(v)
                } else {
                    cells[c].append(.nan)
                    if !f.isEmpty && bad[c] == nil { bad[c] = reader.lineNumber }
                }
            }
            lines.append(reader.lineNumber)
        }
        guard let header = columns else { throw InputError("empty file: expected a header row of column names", path: path) }
        guard !lines.isEmpty else { throw InputError("no data rows after the header", path: path, line: 1) }
        return DataTable(path: path, columns: header, values: cells, firstNonNumericLine: bad, lineNumbers: lines)
    }

    /// Index of the column named `name`, or an InputError listing the header.
    public func column(named name: String) throws -> Int {
        guard let c = columns.firstIndex(of: name) else {
            throw InputError("no column \"\(name)\" (columns: \(columns.joined(separator: ", ")))", path: path)
        }
        return c
    }

    /// The values of a column that must be numeric: an InputError names the first line that is not.
    public func numbers(_ c: Int) throws -> [Double] {
        if let line = firstNonNumericLine[c] {
            throw InputError("column \"\(columns[c])\" is not a number here", path: path, line: line)
        }
        guard values[c].contains(where: { !$0.isNaN }) else {
            throw InputError("column \"\(columns[c])\" holds no numbers", path: path)
        }
        return values[c]
    }

    /// Splits one CSV line: commas separate, spaces around fields are dropped, "..." quotes (with "" inside).
    static func splitFields(_ line: String, path: String, line number: Int) throws -> [String] {
        var fields: [String] = []
        var current = "", quoted = false, wasQuoted = false
        var chars = line.makeIterator()
        while let ch = chars.next() {
            if quoted {
                if ch == "\"" {
                    var lookahead = chars
                    if lookahead.next() == "\"" { current.append("\""); chars = lookahead } else { quoted = false }
                } else {
                    current.append(ch)
                }
            } else if ch == "," {
                fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
                current = ""; wasQuoted = false
            } else if ch == "\"" && current.trimmingCharacters(in: .whitespaces).isEmpty {
                current = ""; quoted = true; wasQuoted = true
            } else {
                current.append(ch)
            }
        }
        if quoted { throw InputError("unterminated quoted field", path: path, line: number) }
        fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
