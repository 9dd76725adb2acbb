// Role: the chunk tags of CoNLL files (`O`, `B-X`, `I-X`, `E-X`, `S-X`) and the three schemes they come in
// (IOB1, IOB2 = BIO, IOBES): parsing a tag, and telling the scheme of a file from its tags.
import EmbedCore

/// How a file marks entity boundaries.
public enum TagScheme: String, Codable, CaseIterable, Sendable {
    /// `I-X` everywhere; `B-X` only for an entity right after another of the same type (CoNLL-2003's original).
    case iob1
    /// `B-X` at the start of every entity, `I-X` inside (BIO).
    case iob2
    /// `S-X` for one-token entities, else `B-X`, `I-X`..., `E-X`.
    case iobes

    /// The scheme a file's tags are written in: IOBES when any `E-`/`S-` tag appears, IOB2 when some entity
    /// starts with `B-X` where IOB1 would write `I-X` (after `O`, another type, or at a sentence start), IOB1
    /// when some entity starts with `I-X` and none that way with `B-X`; IOB2 when nothing tells.
    public static func detect<S: Sequence>(_ sentences: S) -> TagScheme where S.Element == [ChunkTag] {
        var bStarts = false, iStarts = false
        for tags in sentences {
            var previous = ChunkTag.outside
            for tag in tags {
                switch tag.kind {
                case .end, .single: return .iobes
                case .begin where previous.kind == .outside || previous.type != tag.type: bStarts = true
                case .inside where previous.kind == .outside || previous.type != tag.type: iStarts = true
                default: break
                }
                previous = tag
            }
        }
        return iStarts && !bStarts ? .iob1 : .iob2
    }

    /// Whether a tag of `kind` may appear in a file of this scheme.
    public func allows(_ kind: ChunkKind) -> Bool {
        self == .iobes || kind == .outside || kind == .begin || kind == .inside
    }
}

/// The prefix of a chunk tag.
public enum ChunkKind: UInt8, Codable, Sendable {
    /// `O`: outside any entity.
    case outside
    /// `B-`: begins an entity.
    case begin
    /// `I-`: inside an entity.
    case inside
    /// `E-`: ends an entity (IOBES).
    case end
    /// `S-`: a one-token entity (IOBES).
    case single

    /// The letter written before the type.
    public var letter: String {
        switch self {
        case .outside: return "O"
        case .begin: return "B"
        case .inside: return "I"
        case .end: return "E"
        case .single: return "S"
        }
    }
}

/// One tag of a file: its prefix and entity type (empty for `O`).
public struct ChunkTag: Hashable, Sendable {
    /// The prefix.
    public var kind: ChunkKind
    /// The entity type (`PER`, `destination`); empty for `O`.
    public var type: String

    /// `O`.
    public static let outside = ChunkTag(kind: .outside, type: "")

    /// A tag of `kind` and `type`.
    public init(kind: ChunkKind, type: String) {
        self.kind = kind
        self.type = type
    }

    /// Parses `O`, `B-X`, `I-X`, `E-X` or `S-X` (X not empty); nil for anything else.
    public init?(_ text: Substring) {
        if text == "O" { self = .outside; return }
        let scalars = text.unicodeScalars
        guard scalars.count >= 3, let first = scalars.first else { return nil }
        let dash = scalars.index(after: scalars.startIndex)
        guard scalars[dash] == "-" else { return nil }
        let kind: ChunkKind
        switch first {
        case "B": kind = .begin
        case "I": kind = .inside
        case "E": kind = .end
        case "S": kind = .single
        default: return nil
        }
        self.init(kind: kind, type: String(text[text.index(text.startIndex, offsetBy: 2)...]))
    }

    /// `B-PER`, `O`.
    public var text: String { kind == .outside ? "O" : "\(kind.letter)-\(type)" }
}
