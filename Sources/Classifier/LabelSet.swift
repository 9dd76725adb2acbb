// Role: the label map stored with a model: label strings <-> class indices (integers in numeric order,
// otherwise sorted as text), with optional emoji display names for the lecture's emoji set.
import Streams

public struct LabelSet: Codable, Equatable, Sendable {
    /// Class i's label as it appears in the data.
    public private(set) var labels: [String]
    /// Optional display for class i (e.g. "❤️" and "heart"), used by predict and the reports.
    public var emoji: [EmojiLabel]?

    /// The distinct labels of `sentences`: numeric order when all are integers, else text order.
    public init(of sentences: [LabeledSentence]) {
        let distinct = Set(sentences.map(\.label))
        if distinct.allSatisfy({ Int($0) != nil }) {
            labels = distinct.sorted { Int($0)! < Int($1)! }
        } else {
            labels = distinct.sorted()
        }
    }

    public init(labels: [String], emoji: [EmojiLabel]? = nil) {
        self.labels = labels
        self.emoji = emoji
    }

    public var count: Int { labels.count }

    /// Class index of a label, or nil.
    public func index(of label: String) -> Int? {
        if let i = labels.firstIndex(of: label) { return i }
        // "3" and "03" or "+3" name the same integer class.
        if let n = Int(label) { return labels.firstIndex { Int($0) == n } }
        return nil
    }

    /// Class indices of `sentences`; a label the set does not know is an InputError at its line.
    public func indices(of sentences: [LabeledSentence], path: String) throws -> [Int32] {
        let exact = Dictionary(labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return try sentences.map { s in
            guard let i = exact[s.label] ?? index(of: s.label) else {
                throw InputError("label \"\(s.label)\" is not one of the model's labels (\(labels.joined(separator: ", ")))",
                                 path: path, line: s.line)
            }
            return Int32(i)
        }
    }

    /// What to print for class i: "label" or "label emoji name".
    public func display(_ i: Int) -> String {
        guard let e = emoji?[i] else { return labels[i] }
        return "\(labels[i]) \(e.symbol) \(e.name)"
    }

    /// True for the lecture's emoji set: exactly the labels 0...4.
    public var looksLikeEmojiSet: Bool { labels == ["0", "1", "2", "3", "4"] }

    /// Adds the emoji display names (labels must be 0...4).
    public mutating func attachEmoji() { emoji = EmojiLabel.lectureSet }
}

public struct EmojiLabel: Codable, Equatable, Sendable {
    public var symbol: String
    public var name: String

    /// The lecture's five classes: 0 heart, 1 baseball, 2 smile, 3 disappointed, 4 fork_and_knife.
    public static let lectureSet = [
        EmojiLabel(symbol: "❤️", name: "heart"), EmojiLabel(symbol: "⚾", name: "baseball"),
        EmojiLabel(symbol: "😊", name: "smile"), EmojiLabel(symbol: "😔", name: "disappointed"),
        EmojiLabel(symbol: "🍴", name: "fork_and_knife"),
    ]
}
