// Role: parses the words given to `embed neighbors`: separate words (one query each) or one expression
// such as `king - man + woman` (standalone + and - tokens; gensim's positive / negative lists).
import EmbedCore

/// One nearest-neighbour query: words added and words subtracted, as gensim's most_similar takes them.
public struct NeighborQuery: Equatable {
    /// The words whose unit vectors are added (`king`, `woman` in `king - man + woman`).
    public var positive: [String]
    /// The words whose unit vectors are subtracted (`man` in `king - man + woman`).
    public var negative: [String]

    /// As the user wrote it, e.g. `king - man + woman`.
    public var text: String

    /// A query adding `positive` and subtracting `negative`; `text` defaults to `a + b - c` built from them.
    public init(positive: [String], negative: [String] = [], text: String? = nil) {
        self.positive = positive
        self.negative = negative
        self.text = text ?? (positive.joined(separator: " + ") + negative.map { " - \($0)" }.joined())
    }

    /// Arguments are split on whitespace (so a quoted "king - man + woman" works too). Without a standalone
    /// `+` or `-` every word is its own query; with one, the whole is a single expression. Throws `InputError`
    /// for no words, two operators in a row, a missing operator between words, or a trailing operator.
    public static func parse(_ arguments: [String]) throws -> [NeighborQuery] {
        let tokens = arguments.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        guard !tokens.isEmpty else { throw InputError("give at least one word") }
        guard tokens.contains(where: { $0 == "+" || $0 == "-" }) else {
            return tokens.map { NeighborQuery(positive: [$0]) }
        }
        var query = NeighborQuery(positive: [], text: tokens.joined(separator: " "))
        var sign: String? = nil
        for (i, token) in tokens.enumerated() {
            if token == "+" || token == "-" {
                if sign != nil { throw InputError("two operators in a row in \"\(tokens.joined(separator: " "))\"") }
                sign = token
                continue
            }
            if i > 0 && sign == nil {
                throw InputError("missing + or - before \"\(token)\" in \"\(tokens.joined(separator: " "))\"")
            }
            if sign == "-" { query.negative.append(token) } else { query.positive.append(token) }
            sign = nil
        }
        if sign != nil { throw InputError("expression ends with an operator: \"\(tokens.joined(separator: " "))\"") }
        return [query]
    }
}
