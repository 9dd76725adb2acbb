// Role: the label map stored with a model: label strings <-> class indices (integers in numeric order,
// otherwise sorted as text), with optional display names (a symbol and a name per class, from data).
import EmbedCore
import EmbedStreams

/// The classes of a classifier: label strings mapped to class indices (integers in numeric order, otherwise
/// sorted as text), with optional display names; stored in the model file.
public struct LabelSet: Codable, Equatable, Sendable {
    /// Class i's label as it appears in the data.
    public private(set) var labels: [String]
    /// Optional display for class i (a symbol and a name), used by predict and the reports.
    public var display: [LabelDisplay]?

    /// The distinct labels of `sentences`: numeric order when all are integers, else text order.
    public init(of sentences: [LabeledSentence]) {
        let distinct = Set(sentences.map(\.label))
        if distinct.allSatisfy({ Int($0) != nil }) {
            labels = distinct.sorted { Int($0)! < Int($1)! }
        } else {
            labels = distinct.sorted()
        }
    }

    /// The classes `labels`, in class order, with optional display names.
    public init(labels: [String], display: [LabelDisplay]? = nil) {
        self.labels = labels
        self.display = display
    }

    /// The number of classes.
    public var count: Int { labels.count }

    /// Class index of a label, or nil.
    public func index(of label: String) -> Int? {
        if let i = labels.firstIndex(of: label) { return i }
        // "3" and "03" or "+3" name the same integer class.
        if let n = Int(label) { return labels.firstIndex { Int($0) == n } }
        return nil
    }

    /// Class indices of `sentences`; a label the set does not know is an InputError at its line.
    /// `path` names the file in that error.
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

    /// What to print for class i: "label" or "label symbol name".
    public func display(_ i: Int) -> String {
        guard let e = display?[i] else { return labels[i] }
        return "\(labels[i]) \(e.symbol) \(e.name)"
    }

    /// Attaches display names by label: `names[label]` for each class; throws SettingError (setting `labelNames`)
    /// when a class has none.
    public mutating func attach(_ names: [String: LabelDisplay]) throws {
        display = try labels.map { label in
            guard let d = names[label] ?? Int(label).flatMap({ n in names.first { Int($0.key) == n }?.value }) else {
                throw SettingError("labelNames", "give no name for the label \"\(label)\"")
            }
            return d
        }
    }
}

/// How a class is shown: a symbol (an emoji, say) and a name.
public struct LabelDisplay: Codable, Equatable, Sendable {
    /// The class's symbol (an emoji, say).
    public var symbol: String
    /// The class's name in words.
    public var name: String
    /// A display of `symbol` followed by `name`.
    public init(symbol: String, name: String) { self.symbol = symbol; self.name = name }
}
