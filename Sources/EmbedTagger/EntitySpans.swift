// Role: tags <-> entities. Entities are read from tags by the rules of the CoNLL `conlleval` script (so the
// scores are the script's), extended with `S-` for IOBES; entities are written back as tags in any scheme.
import EmbedCore

/// An entity: tokens start..<end of a sentence, of one type.
public struct EntitySpan: Hashable, Sendable, Codable {
    /// The entity type (`PER`, `destination`).
    public var type: String
    /// First token.
    public var start: Int
    /// One past the last token.
    public var end: Int

    /// The tokens start..<end as an entity of `type`.
    public init(type: String, start: Int, end: Int) {
        self.type = type
        self.start = start
        self.end = end
    }
}

/// Entity extraction and tag writing.
public enum EntitySpans {
    /// Whether an entity open before `tag` ends before it (conlleval's endOfChunk, plus `S-`): after `E-`/`S-`;
    /// before `B-`, `S-` or `O` following `B-`/`I-`; and whenever the type changes.
    @inline(__always)
    static func ends(after previous: ChunkTag, before tag: ChunkTag) -> Bool {
        switch previous.kind {
        case .outside: return false
        case .end, .single: return true
        case .begin, .inside:
            if tag.kind == .begin || tag.kind == .single || tag.kind == .outside { return true }
            return previous.type != tag.type
        }
    }

    /// Whether `tag` starts an entity (conlleval's startOfChunk, plus `S-`): `B-` and `S-` always; `I-`/`E-`
    /// after `O`, `E-` or `S-` (so an `I-X` after `O` starts an entity, as the script counts it); and whenever
    /// the type changes.
    @inline(__always)
    static func starts(after previous: ChunkTag, at tag: ChunkTag) -> Bool {
        switch tag.kind {
        case .outside: return false
        case .begin, .single: return true
        case .inside, .end:
            if previous.kind == .outside || previous.kind == .end || previous.kind == .single { return true }
            return previous.type != tag.type
        }
    }

    /// The entities of one sentence's tags, in order.
    public static func spans(_ tags: [ChunkTag]) -> [EntitySpan] {
        var spans: [EntitySpan] = []
        var previous = ChunkTag.outside
        var open: (type: String, start: Int)? = nil
        for (i, tag) in tags.enumerated() {
            if let o = open, ends(after: previous, before: tag) {
                spans.append(EntitySpan(type: o.type, start: o.start, end: i))
                open = nil
            }
            if starts(after: previous, at: tag) { open = (tag.type, i) }
            previous = tag
        }
        if let o = open { spans.append(EntitySpan(type: o.type, start: o.start, end: tags.count)) }
        return spans
    }

    /// `length` tags writing `spans` (ordered, not overlapping) in `scheme`.
    public static func tags(_ spans: [EntitySpan], length: Int, scheme: TagScheme) -> [ChunkTag] {
        var tags = [ChunkTag](repeating: .outside, count: length)
        var previousEnd = -1, previousType = ""
        for span in spans {
            for i in span.start..<span.end {
                let kind: ChunkKind
                switch scheme {
                case .iob2: kind = i == span.start ? .begin : .inside
                case .iobes:
                    if span.end - span.start == 1 { kind = .single }
                    else { kind = i == span.start ? .begin : i == span.end - 1 ? .end : .inside }
                case .iob1:
                    // B- only where the entity directly follows another of the same type.
                    kind = i == span.start && previousEnd == span.start && previousType == span.type ? .begin : .inside
                }
                tags[i] = ChunkTag(kind: kind, type: span.type)
            }
            previousEnd = span.end
            previousType = span.type
        }
        return tags
    }

    /// Rewrites tags in another scheme (through their entities).
    public static func convert(_ tags: [ChunkTag], to scheme: TagScheme) -> [ChunkTag] {
        self.tags(spans(tags), length: tags.count, scheme: scheme)
    }
}
