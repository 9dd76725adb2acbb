// Role: a labelled set in model terms (embedding rows per sentence, class per sentence), batched inference
// over it, and the scores: mean cross-entropy, accuracy, confusion matrix (rows = true class).
import EmbedCore

/// A labelled set in model terms: the embedding rows of each sentence and its class index.
public struct EncodedSet: Sendable {
    /// The embedding rows of each sentence's tokens (see `WordIndex.encode`).
    public var sequences: [[Int32]]
    /// The class index of each sentence, aligned with `sequences`.
    public var labels: [Int32]
    /// A set of `sequences` with one class in `labels` each (the counts must match).
    public init(sequences: [[Int32]], labels: [Int32]) {
        precondition(sequences.count == labels.count)
        self.sequences = sequences
        self.labels = labels
    }
    /// The number of sentences.
    public var count: Int { sequences.count }
    /// The number of rows over all sentences (tokens, plus padding when sentences are padded).
    public var tokenCount: Int { sequences.reduce(0) { $0 + $1.count } }
}

/// Scores of a classifier on a labelled set.
public struct ClassifierScores: Sendable, Equatable {
    /// The mean cross-entropy over the set, in nats.
    public var loss: Double
    /// The number of sentences whose most probable class is the true one.
    public var correct: Int
    /// The number of sentences scored.
    public var count: Int
    /// confusion[true][predicted].
    public var confusion: [[Int]]
    /// `correct` / `count`, in 0...1 (0 for an empty set).
    public var accuracy: Double { count == 0 ? 0 : Double(correct) / Double(count) }
}

extension Network {
    /// Probabilities of every sequence (input order), in inference mode, `batchSize` at a time.
    public func probabilities(of sequences: [[Int32]], batchSize: Int = 256) -> [[T]] {
        var out = [[T]](repeating: [], count: sequences.count)
        let k = shape.classes
        // Batches of similar lengths waste less work: go through the sequences by length.
        let byLength = sequences.indices.sorted { sequences[$0].count < sequences[$1].count }
        var start = 0
        while start < byLength.count {
            let indices = Array(byLength[start..<min(start + batchSize, byLength.count)])
            let batch = PackedBatch(sequences: sequences, indices: indices)
            let p = forward(batch, training: false)
            for b in 0..<batch.count {
                out[indices[batch.order[b]]] = Array(UnsafeBufferPointer(start: p + b * k, count: k))
            }
            start += batchSize
        }
        return out
    }

    /// Loss, accuracy and confusion matrix on a labelled set (inference mode).
    public func evaluate(_ set: EncodedSet, batchSize: Int = 256) -> ClassifierScores {
        let k = shape.classes
        var result = ClassifierScores(loss: 0, correct: 0, count: set.count,
                                confusion: [[Int]](repeating: [Int](repeating: 0, count: k), count: k))
        for (i, p) in probabilities(of: set.sequences, batchSize: batchSize).enumerated() {
            let truth = Int(set.labels[i])
            let predicted = p.indices.max { p[$0] < p[$1] }!
            result.confusion[truth][predicted] += 1
            if predicted == truth { result.correct += 1 }
            result.loss -= Double(T.log(max(p[truth], T.leastNormalMagnitude)))
        }
        if set.count > 0 { result.loss /= Double(set.count) }
        return result
    }
}
