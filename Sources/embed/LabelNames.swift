// Role: display names for class labels: the lecture's emoji set (data the tool ships, attached automatically
// to a CSV training set with exactly the labels 0...4) or a user's `label<TAB>symbol<TAB>name` file.
import EmbedKit
import Foundation

enum LabelNames {
    /// The emoji set of the lecture's lab: 0 heart, 1 baseball, 2 smile, 3 disappointed, 4 fork_and_knife.
    static let emoji: [String: LabelDisplay] = [
        "0": LabelDisplay(symbol: "❤️", name: "heart"), "1": LabelDisplay(symbol: "⚾", name: "baseball"),
        "2": LabelDisplay(symbol: "😊", name: "smile"), "3": LabelDisplay(symbol: "😔", name: "disappointed"),
        "4": LabelDisplay(symbol: "🍴", name: "fork_and_knife"),
    ]

    /// True for labels that are exactly the emoji set's.
    static func looksLikeEmoji(_ labels: LabelSet) -> Bool { labels.labels == ["0", "1", "2", "3", "4"] }

    /// Reads `label<TAB>symbol<TAB>name` lines (`#` comments and blank lines skipped).
    static func read(path: String) throws -> [String: LabelDisplay] {
        let reader = try LineReader(path: path)
        var names: [String: LabelDisplay] = [:]
        while let raw = try reader.nextLine() {
            guard let line = String(validating: raw, as: UTF8.self) else {
                throw InputError("invalid UTF-8", path: path, line: reader.lineNumber)
            }
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, !fields[0].isEmpty else {
                throw InputError("expected label<TAB>symbol<TAB>name", path: path, line: reader.lineNumber)
            }
            names[fields[0]] = LabelDisplay(symbol: fields[1], name: fields[2])
        }
        guard !names.isEmpty else { throw InputError("no label names", path: path) }
        return names
    }
}
