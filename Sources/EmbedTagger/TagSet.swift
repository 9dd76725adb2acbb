// Role: the model's output classes: the entity types of the training set written in the internal encoding
// (BIO or IOBES), tag ids <-> entities, and which tag may follow which (so no decoded path has an `I-X`
// after `O` or after another type, nor, in IOBES, an unfinished entity).
import EmbedCore

/// How the model writes entities as per-token classes.
public enum TagEncoding: String, Codable, CaseIterable, Sendable {
    /// `O`, `B-X`, `I-X`: 2 classes per type + 1.
    case bio
    /// `O`, `B-X`, `I-X`, `E-X`, `S-X`: 4 classes per type + 1 (marks entity ends too).
    case iobes

    /// The file scheme that writes tags the same way.
    public var scheme: TagScheme { self == .bio ? .iob2 : .iobes }
}

/// Entity types and their tag ids: 0 is `O`, then each type's tags in the order of `kinds`.
public struct TagSet: Codable, Equatable, Sendable {
    /// Entity types, sorted.
    public private(set) var types: [String]
    /// The internal encoding.
    public let encoding: TagEncoding

    /// The types seen in `spans` (sorted), in `encoding`.
    public init<S: Sequence>(spans: S, encoding: TagEncoding) where S.Element == [EntitySpan] {
        var seen = Set<String>()
        for sentence in spans { for s in sentence { seen.insert(s.type) } }
        self.init(types: seen.sorted(), encoding: encoding)
    }

    /// The distinct `types` (sorted), in `encoding`.
    public init(types: [String], encoding: TagEncoding) {
        self.types = Array(Set(types)).sorted()
        self.encoding = encoding
    }

    /// Tag prefixes per type, in id order.
    public var kinds: [ChunkKind] { encoding == .bio ? [.begin, .inside] : [.begin, .inside, .end, .single] }
    /// Number of classes.
    public var count: Int { 1 + types.count * kinds.count }

    /// The tag of class `id`.
    public func tag(_ id: Int) -> ChunkTag {
        guard id > 0 else { return .outside }
        let k = kinds.count
        return ChunkTag(kind: kinds[(id - 1) % k], type: types[(id - 1) / k])
    }

    /// Class names in id order (`O`, `B-LOC`, `I-LOC`, ...).
    public var names: [String] { (0..<count).map { tag($0).text } }

    /// Index of `type`, or nil when the training set did not have it.
    public func typeIndex(_ type: String) -> Int? {
        var lo = 0, hi = types.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if types[mid] < type { lo = mid + 1 } else { hi = mid }
        }
        return lo < types.count && types[lo] == type ? lo : nil
    }

    /// The class ids writing `spans` over `length` tokens; entities of unknown types are left as `O`.
    public func encode(_ spans: [EntitySpan], length: Int) -> [Int32] {
        let known = spans.filter { typeIndex($0.type) != nil }
        let k = kinds.count
        return EntitySpans.tags(known, length: length, scheme: encoding.scheme).map { tag in
            guard tag.kind != .outside, let t = typeIndex(tag.type), let slot = kinds.firstIndex(of: tag.kind) else { return 0 }
            return Int32(1 + t * k + slot)
        }
    }

    /// The entities of a sequence of class ids.
    public func spans(_ ids: [Int32]) -> [EntitySpan] { EntitySpans.spans(ids.map { tag(Int($0)) }) }

    /// Whether class `j` may follow class `i`: in BIO an `I-X` only after `B-X` or `I-X`; in IOBES also
    /// `B-X`/`I-X` only before `I-X` or `E-X`, and `O`, `B-`, `S-` only after `O`, `E-`, `S-`.
    public func allows(_ i: Int, _ j: Int) -> Bool {
        let from = tag(i), to = tag(j)
        let open = from.kind == .begin || from.kind == .inside          // an entity continues after `from`
        let continues = to.kind == .inside || to.kind == .end           // `to` continues an entity
        switch encoding {
        case .bio: return to.kind != .inside || (open && from.type == to.type)
        case .iobes: return open ? (continues && from.type == to.type) : !continues
        }
    }

    /// Whether a sentence may start with class `j` (not inside an entity).
    public func allowsStart(_ j: Int) -> Bool {
        let kind = tag(j).kind
        return kind != .inside && kind != .end
    }

    /// Whether a sentence may end with class `i` (IOBES: no entity left open).
    public func allowsEnd(_ i: Int) -> Bool {
        let kind = tag(i).kind
        return encoding == .bio || !(kind == .begin || kind == .inside)
    }
}
