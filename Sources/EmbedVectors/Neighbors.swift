// Role: nearest neighbours by cosine, of a word or of a combination of words, as gensim's most_similar:
// unit input vectors weighted +1 / -1, averaged and normalised, scored against unit candidates (one gemv
// and a top-k scan, no sort of the vocabulary); the input words themselves are never listed.
import EmbedCore
import EmbedKernels

/// A word and its cosine to the query.
public struct Neighbor: Equatable, Sendable {
    /// The neighbour.
    public var word: String
    /// Its cosine similarity to the query.
    public var cosine: Float
    /// A neighbour `word` at `cosine`.
    public init(word: String, cosine: Float) { self.word = word; self.cosine = cosine }
}

extension WordVectors {
    /// The words of `positive` and `negative` that have no vector (`vector(for:)`), in order.
    public func unknownWords(positive: [String], negative: [String] = []) -> [String] {
        (positive + negative).filter { !knows($0) }
    }

    /// The `k` rows nearest to mean(unit(positive)) - mean(unit(negative)) (gensim's most_similar), best first,
    /// among the first `restrict` rows (all when nil), the query words' own rows excluded. A query word is
    /// looked up as `vector(for:)`: with a fastText model, a word outside the rows gets its vector from its
    /// n-grams (fastText's nn). Nil when a query word has no vector; empty when the query is a zero vector
    /// (`king - king`), which has no direction.
    public func mostSimilar(positive: [String], negative: [String] = [], k: Int = 10, restrict: Int? = nil) -> [Neighbor]? {
        var inputs: [(vector: [Float], row: Int?, weight: Float)] = []
        for w in positive { guard let q = queryVector(for: w) else { return nil }; inputs.append((q.vector, q.row, 1)) }
        for w in negative { guard let q = queryVector(for: w) else { return nil }; inputs.append((q.vector, q.row, -1)) }
        let unit = unitVectors(rows: restrict)
        guard !inputs.isEmpty, k > 0, unit.rows > 0 else { return [] }
        let d = dimension

        // mean = sum(weight * unit(v)) / n, then unit length.
        var mean = [Float](repeating: 0, count: d)
        for (row, _, weight) in inputs {
            let length = row.withUnsafeBufferPointer { VectorMath.norm($0.baseAddress!, d) }
            if length > 0 { mean.withUnsafeMutableBufferPointer { VectorMath.axpy(weight / length, row, $0.baseAddress!, d) } }
        }
        let length = mean.withUnsafeBufferPointer { VectorMath.norm($0.baseAddress!, d) }
        guard length > 1e-6 * Float(inputs.count) else { return [] }
        mean.withUnsafeMutableBufferPointer { VectorMath.scale($0.baseAddress!, 1 / length, d) }

        // Keep enough candidates that k remain once the inputs are removed (k is at most the rows).
        let keep = min(k, unit.rows) + inputs.count
        var cosines = [Float](repeating: 0, count: unit.rows)
        var topScores = [Float](repeating: -.infinity, count: keep)
        var topRows = [Int32](repeating: -1, count: keep)
        unit.values.withUnsafeBufferPointer { v in
            cosines.withUnsafeMutableBufferPointer { c in
                Matrix.gemv(m: unit.rows, n: d, a: v.baseAddress!, x: mean, y: c.baseAddress!)
                TopK.scan(c.baseAddress!, n: unit.rows, firstRow: 0, scores: &topScores, rows: &topRows, k: keep)
            }
        }
        let excluded = Set(inputs.compactMap(\.row))
        return zip(topRows, topScores)
            .filter { $0.0 >= 0 && !excluded.contains(Int($0.0)) }
            .prefix(k)
            .map { Neighbor(word: words[Int($0.0)], cosine: $0.1) }
    }
}
