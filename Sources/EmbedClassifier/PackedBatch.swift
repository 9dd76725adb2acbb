// Role: a mini-batch of token sequences packed time-major without padding (PyTorch's PackedSequence idea):
// sequences sorted by length, step t holds the rows of the sequences still running, so padded steps cost
// nothing and cannot change any state or loss (that is the masking).
import EmbedCore

/// A mini-batch of token sequences packed time-major without padding: sorted by length, step t holds the rows
/// of the sequences still running (PyTorch's PackedSequence), so padding never changes a state or the loss.
public struct PackedBatch {
    /// Number of sequences.
    public let count: Int
    /// order[b] = the caller's index of packed sequence b (packed order is by descending length, stable).
    public let order: [Int]
    /// Length of packed sequence b (descending, every length >= 1).
    public let lengths: [Int]
    /// Steps = the longest length.
    public var steps: Int { lengths.first ?? 0 }
    /// stepSizes[t] = sequences with length > t (non-increasing).
    public let stepSizes: [Int]
    /// stepOffsets[t] = first row of step t; stepOffsets[steps] = rows.
    public let stepOffsets: [Int]
    /// Token ids, one per row: row stepOffsets[t] + b holds token t of packed sequence b.
    public let ids: [Int32]
    /// Row of the last token of packed sequence b.
    public let lastRows: [Int32]
    /// reversedRows[row(t, b)] = row(length_b - 1 - t, b): the same rows for the sequence read backwards.
    public let reversedRows: [Int32]

    /// The number of rows in all: the batch's total number of tokens.
    public var rows: Int { stepOffsets[steps] }

    /// Packs sequences (each non-empty). `indices` selects which of `sequences` form the batch.
    public init(sequences: [[Int32]], indices: [Int]) {
        precondition(!indices.isEmpty, "empty batch")
        let sorted = indices.enumerated().sorted { l, r in
            let a = sequences[l.element].count, b = sequences[r.element].count
            return a != b ? a > b : l.offset < r.offset
        }
        order = sorted.map { $0.offset }
        lengths = sorted.map { sequences[$0.element].count }
        precondition(lengths.last! > 0, "every sequence needs at least one token")
        count = indices.count
        let steps = lengths[0]
        var sizes = [Int](repeating: 0, count: steps)
        for len in lengths { for t in 0..<len { sizes[t] += 1 } }
        var offsets = [Int](repeating: 0, count: steps + 1)
        for t in 0..<steps { offsets[t + 1] = offsets[t] + sizes[t] }
        var ids = [Int32](repeating: 0, count: offsets[steps])
        var last = [Int32](repeating: 0, count: count)
        var reversed = [Int32](repeating: 0, count: offsets[steps])
        for (b, entry) in sorted.enumerated() {
            let seq = sequences[entry.element]
            let len = seq.count
            for t in 0..<len {
                ids[offsets[t] + b] = seq[t]
                reversed[offsets[t] + b] = Int32(offsets[len - 1 - t] + b)
            }
            last[b] = Int32(offsets[len - 1] + b)
        }
        stepSizes = sizes
        stepOffsets = offsets
        self.ids = ids
        lastRows = last
        reversedRows = reversed
    }
}
