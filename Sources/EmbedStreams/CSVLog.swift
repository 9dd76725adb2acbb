// Role: the one CSV log writer of training runs: a header, then rows; the whole file is rewritten atomically at
// each `save` (every epoch or checkpoint), and a resumed run starts from the rows already in the file, so an
// interrupted and resumed run leaves one log with every row.
import EmbedCore
import Foundation

/// A training log in CSV: a header, then one row per epoch or checkpoint, rewritten whole at each `save`;
/// a resumed run starts from the rows already in the file.
public final class CSVLog {
    /// The CSV file the log is saved to.
    public let path: String
    /// The header's column names, in order.
    public let columns: [String]
    /// The rows so far (fields already formatted), oldest first.
    public private(set) var rows: [[String]] = []

    /// A log at `path` with these columns. With `resuming`, the rows of an existing file with the same header
    /// are kept (see `dropRows` for those written after the checkpoint being resumed). Throws `InputError` when the
    /// existing file cannot be read or has another header.
    public init(path: String, columns: [String], resuming: Bool = false) throws {
        self.path = path
        self.columns = columns
        guard resuming, FileManager.default.fileExists(atPath: path) else { return }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header.split(separator: ",", omittingEmptySubsequences: false).map(String.init) == columns else {
            throw InputError("the log to continue has another header (expected \(columns.joined(separator: ",")))", path: path)
        }
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == columns.count else { continue }
            rows.append(fields)
        }
    }

    /// Adds a row (one field per column; nil fields are left empty).
    public func append(_ fields: [String?]) {
        precondition(fields.count == columns.count, "one field per column")
        rows.append(fields.map { $0 ?? "" })
    }

    /// Removes the rows `drop` selects (rows of an earlier run past the point being resumed from).
    public func dropRows(where drop: ([String]) -> Bool) {
        rows.removeAll(where: drop)
    }

    /// Writes the header and every row so far to `path` (temporary file renamed into place).
    /// Throws `InputError` when the file cannot be written.
    public func save() throws {
        let out = try AtomicOutput(path: path)
        do {
            var text = columns.joined(separator: ",") + "\n"
            for r in rows { text += r.joined(separator: ",") + "\n" }
            try out.write(text)
            try out.commit()
        } catch {
            out.abort()
            throw error
        }
    }

    /// `%.6f`-style formatting of an optional number ("" when nil or not finite).
    public static func field(_ value: Double?, _ format: String) -> String? {
        guard let v = value, v.isFinite else { return nil }
        return String(format: format, v)
    }
}
