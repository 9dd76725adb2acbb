// Role: a unit-length copy of the first N rows of an embedding matrix, the form every cosine search uses
// (normalised once; zero rows stay zero and score 0 against everything).
import EmbedCore
import EmbedKernels

/// The first rows of a `WordVectors` matrix scaled to length 1 (zero rows stay zero), the form cosine searches use.
public struct UnitVectors {
    /// The number of rows copied (the first `rows` words of the vectors).
    public let rows: Int
    /// The number of values per row.
    public let dimension: Int
    /// rows x dimension, each row of length 1 (or 0).
    public private(set) var values: [Float]

    /// The first `rows` rows of `embeddings` (all when nil), each scaled to length 1.
    public init(_ embeddings: WordVectors, rows: Int? = nil) {
        let n = min(embeddings.count, max(0, rows ?? embeddings.count))
        let d = embeddings.dimension
        var values = Array(embeddings.vectors[0 ..< n * d])
        if n > 0 { values.withUnsafeMutableBufferPointer { VectorMath.normalizeRows($0.baseAddress!, rows: n, d) } }
        self.rows = n
        self.dimension = d
        self.values = values
    }

    /// Calls body with a pointer to row i.
    public func withRow<R>(_ i: Int, _ body: (UnsafePointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer { try body($0.baseAddress! + i * dimension) }
    }
}
