// Role: nearest neighbours by cosine, of a word or of a combination of words, as gensim's most_similar:
// unit input vectors weighted +1 / -1, averaged and normalised, scored against unit candidates; inputs excluded.
import Embeddings
import Kernels

public struct Neighbor: Equatable {
    public var word: String
    public var cosine: Float
}

public struct NeighborSearch {
    public let embeddings: Embeddings
    /// Candidates: the first `unit.rows` rows.
    public let unit: UnitVectors

    /// `restrict`: only the first rows are proposed (inputs may be any word).
    public init(_ embeddings: Embeddings, restrict: Int? = nil) {
        self.embeddings = embeddings
        unit = UnitVectors(embeddings, rows: restrict)
    }

    /// The row of a word: exact match first, else the first row equal to it up to case (upper-cased).
    public func row(of word: String) -> Int? {
        if let exact = embeddings.index(of: word) { return exact }
        let key = word.uppercased()
        return embeddings.words.firstIndex { $0.uppercased() == key }
    }

    /// Words of the query not found, in order.
    public func unknownWords(_ query: NeighborQuery) -> [String] {
        (query.positive + query.negative).filter { row(of: $0) == nil }
    }

    /// The k nearest candidates to the query, best first; nil when a word of the query is unknown.
    public func nearest(_ query: NeighborQuery, k: Int) -> [Neighbor]? {
        var inputs: [(row: Int, weight: Float)] = []
        for w in query.positive { guard let r = row(of: w) else { return nil }; inputs.append((r, 1)) }
        for w in query.negative { guard let r = row(of: w) else { return nil }; inputs.append((r, -1)) }
        guard !inputs.isEmpty, k > 0, unit.rows > 0 else { return [] }
        let d = embeddings.dimension

        // mean = sum(weight * unit(v)) / sum|weight|, then unit length.
        var mean = [Float](repeating: 0, count: d)
        var row = [Float](repeating: 0, count: d)
        embeddings.withMatrix { m in
            for (r, weight) in inputs {
                for i in 0..<d { row[i] = m[r * d + i] }
                let length = row.withUnsafeBufferPointer { VectorMath.norm($0.baseAddress!, d) }
                if length > 0 { mean.withUnsafeMutableBufferPointer { VectorMath.axpy(weight / length, row, $0.baseAddress!, d) } }
            }
        }
        let scale = Float(inputs.count)
        mean.withUnsafeMutableBufferPointer { m in
            VectorMath.scale(m.baseAddress!, 1 / scale, d)
            VectorMath.normalizeRows(m.baseAddress!, rows: 1, d)
        }

        var cosines = [Float](repeating: 0, count: unit.rows)
        let keep = k + inputs.count
        var topScores = [Float](repeating: -.infinity, count: keep)
        var topRows = [Int32](repeating: -1, count: keep)
        unit.values.withUnsafeBufferPointer { v in
            cosines.withUnsafeMutableBufferPointer { c in
                Matrix.gemv(m: unit.rows, n: d, a: v.baseAddress!, x: mean, y: c.baseAddress!)
                TopK.scan(c.baseAddress!, n: unit.rows, firstRow: 0, scores: &topScores, rows: &topRows, k: keep)
            }
        }
        let excluded = Set(inputs.map(\.row))
        return zip(topRows, topScores)
            .filter { $0.0 >= 0 && !excluded.contains(Int($0.0)) }
            .prefix(k)
            .map { Neighbor(word: embeddings.words[Int($0.0)], cosine: $0.1) }
    }
}
