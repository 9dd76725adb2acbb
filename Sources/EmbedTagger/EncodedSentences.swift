// Role: tagged sentences in model terms (word-table rows, casing classes, distinct token spellings as
// character ids, gold class ids), and the batches the network runs on: sentences packed by length plus the
// batch's distinct spellings packed for the character encoder, each token pointing at its spelling.
import EmbedClassifier
import EmbedCore

/// Sentences encoded for one tagger.
public struct EncodedSentences: Sendable {
    /// Word-table row of each token, per sentence.
    public var words: [[Int32]]
    /// Casing class of each token, per sentence.
    public var casing: [[Int32]]
    /// Spelling id of each token (an index into `spellings`), per sentence.
    public var spellingIds: [[Int32]]
    /// The character ids of each distinct spelling.
    public var spellings: [[Int32]]
    /// Gold class id of each token, per sentence (empty when the sentences have no gold tags).
    public var tags: [[Int32]]

    /// Sentences (`words`, `casing`, `spellingIds`, `tags` of equal shapes; `tags` may be empty).
    public init(words: [[Int32]], casing: [[Int32]], spellingIds: [[Int32]], spellings: [[Int32]], tags: [[Int32]]) {
        precondition(words.count == casing.count && words.count == spellingIds.count && (tags.isEmpty || tags.count == words.count))
        self.words = words
        self.casing = casing
        self.spellingIds = spellingIds
        self.spellings = spellings
        self.tags = tags
    }

    /// Number of sentences.
    public var count: Int { words.count }
    /// Number of tokens.
    public var tokenCount: Int { words.reduce(0) { $0 + $1.count } }
    /// Whether gold class ids are present.
    public var hasTags: Bool { !tags.isEmpty }
}

/// One mini-batch: the sentences `indices` of a set, packed by length.
public struct TaggerBatch {
    /// The sentences packed by length; `ids` are word-table rows.
    public let words: PackedBatch
    /// Casing class per packed row.
    public let casing: [Int32]
    /// Gold class per packed row (empty without gold tags).
    public let tags: [Int32]
    /// The batch's distinct spellings packed by length (nil when the encoder is off).
    public let characters: PackedBatch?
    /// Per packed row: the packed index (in `characters`) of its token's spelling.
    public let spellingSlots: [Int32]

    /// Packs sentences `indices` of `set` (each non-empty); `withCharacters` also packs their spellings.
    public init(_ set: EncodedSentences, indices: [Int], withCharacters: Bool) {
        let words = PackedBatch(sequences: set.words, indices: indices)
        self.words = words
        let rows = words.rows
        var casing = [Int32](repeating: 0, count: rows)
        var tags = [Int32](repeating: 0, count: set.hasTags ? rows : 0)
        var spellings = [Int32](repeating: 0, count: rows)
        for b in 0..<words.count {
            let s = indices[words.order[b]]
            for t in 0..<words.lengths[b] {
                let r = words.stepOffsets[t] + b
                casing[r] = set.casing[s][t]
                spellings[r] = set.spellingIds[s][t]
                if set.hasTags { tags[r] = set.tags[s][t] }
            }
        }
        self.casing = casing
        self.tags = tags
        guard withCharacters else {
            characters = nil
            spellingSlots = []
            return
        }
        // Distinct spellings in order of first use; each row points at its spelling's packed index.
        var slotOfSpelling: [Int32: Int32] = [:]
        var distinct: [Int] = []
        var local = [Int32](repeating: 0, count: rows)
        for r in 0..<rows {
            let id = spellings[r]
            if let slot = slotOfSpelling[id] {
                local[r] = slot
            } else {
                let slot = Int32(distinct.count)
                slotOfSpelling[id] = slot
                distinct.append(Int(id))
                local[r] = slot
            }
        }
        let packed = PackedBatch(sequences: set.spellings, indices: distinct)
        var packedIndex = [Int32](repeating: 0, count: distinct.count)
        for (b, k) in packed.order.enumerated() { packedIndex[k] = Int32(b) }
        for r in 0..<rows { local[r] = packedIndex[Int(local[r])] }
        characters = packed
        spellingSlots = local
    }

    /// Tokens in the batch.
    public var tokens: Int { words.rows }
}
