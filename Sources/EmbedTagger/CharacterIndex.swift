// Role: token -> character ids for the character encoder: the Unicode scalars seen at least `minCount` times
// in the training tokens get rows 1...n of the character table, every other scalar row 0 (unknown); long
// tokens keep their first and last `maxLength / 2` characters.
import EmbedCore

/// The character alphabet of a tagger.
public struct CharacterIndex: Sendable {
    /// The characters of rows 1...count, one string (of one scalar) each.
    public let characters: [String]
    private let rows: [Unicode.Scalar: Int32]
    /// Characters per token at most (the middle of longer tokens is dropped).
    public static let maxLength = 64

    /// The scalars of `tokens` seen at least `minCount` times, most frequent first (ties by scalar value).
    public init<S: Sequence>(tokens: S, minCount: Int = 2) where S.Element == String {
        var counts: [Unicode.Scalar: Int] = [:]
        for token in tokens { for scalar in token.unicodeScalars { counts[scalar, default: 0] += 1 } }
        let kept = counts.filter { $0.value >= minCount }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.value < $1.key.value }
        self.init(characters: kept.map { String($0.key) })
    }

    /// Exactly `characters` (single scalars) for rows 1...count, as stored in a model.
    public init(characters: [String]) {
        self.characters = characters
        var rows: [Unicode.Scalar: Int32] = [:]
        for (i, c) in characters.enumerated() {
            if let s = c.unicodeScalars.first, rows[s] == nil { rows[s] = Int32(i + 1) }
        }
        self.rows = rows
    }

    /// Rows of the character table: the unknown row 0 and one per character.
    public var tableRows: Int { characters.count + 1 }

    /// The character ids of `token` (at least one: an empty token reads as one unknown character).
    public func encode(_ token: String) -> [Int32] {
        var ids = token.unicodeScalars.map { rows[$0] ?? 0 }
        if ids.count > CharacterIndex.maxLength {
            let half = CharacterIndex.maxLength / 2
            ids = Array(ids.prefix(half) + ids.suffix(half))
        }
        return ids.isEmpty ? [0] : ids
    }
}
