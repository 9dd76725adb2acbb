// Role: the ids of a corpus line read in pieces (very long lines): each piece's known ids come after the last
// `window` ids of the line so far, marked as context, so windows reach across pieces and no pair is counted twice.
import EmbedCorpus
import EmbedVocabulary

struct LineContext {
    let window: Int
    /// The context ids then the piece's ids, from index 0.
    private(set) var ids: [Int32] = []
    /// How many leading ids of `ids` are context from earlier pieces of the line.
    private(set) var context = 0
    /// Ids in `ids` (context included).
    private(set) var count = 0

    init(window: Int) { self.window = window }

    /// Encodes the tokenizer's tokens after the context kept from the previous piece (none at a line start).
    mutating func encode(_ tokenizer: Tokenizer, vocabulary: Vocabulary) {
        let n = vocabulary.encodeKnown(tokenizer, into: &ids, at: context)
        count = context + n
    }

    /// Call after the piece was counted: keeps the last `window` ids as context when the line goes on.
    mutating func advance(endsLine: Bool) {
        guard !endsLine, count > 0 else { context = 0; count = 0; return }
        let keep = min(window, count)
        if keep < count {
            ids.withUnsafeMutableBufferPointer { p in
                for k in 0..<keep { p[k] = p[count - keep + k] }
            }
        }
        context = keep
        count = keep
    }

    /// The ids as a pointer for counting (valid while `self` is not changed).
    func withIDs<R>(_ body: (UnsafePointer<Int32>) throws -> R) rethrows -> R {
        try ids.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }
}
