// Role: the vectors themselves (like gensim's KeyedVectors): words, dimension and a row-major Float matrix.
// File formats live in their own files; trainers produce an Embeddings, evaluation and the classifier consume one.
import Foundation

public struct Embeddings {
    /// Words in file order (for trained vectors: by descending frequency, `<UNK>` last when present).
    public private(set) var words: [String]
    /// Vector length.
    public let dimension: Int
    /// count x dimension values, row i is the vector of words[i].
    public var vectors: [Float]
    private var index: [String: Int]

    /// Builds from words and a row-major matrix. Throws on a duplicated word or a size mismatch.
    public init(words: [String], dimension: Int, vectors: [Float]) throws {
        guard dimension > 0 else { throw EmbeddingsError.invalid("dimension must be positive") }
        guard vectors.count == words.count * dimension else {
            throw EmbeddingsError.invalid("\(words.count) words but \(vectors.count) values for dimension \(dimension)")
        }
        var index = [String: Int](minimumCapacity: words.count)
        for (i, w) in words.enumerated() {
            if index.updateValue(i, forKey: w) != nil { throw EmbeddingsError.invalid("duplicated word \"\(w)\"") }
        }
        self.words = words
        self.dimension = dimension
        self.vectors = vectors
        self.index = index
    }

    /// Builds from parts already checked (a reader validated sizes and refused duplicates).
    init(checkedWords words: [String], dimension: Int, vectors: [Float], index: [String: Int]) {
        assert(vectors.count == words.count * dimension && index.count == words.count)
        self.words = words
        self.dimension = dimension
        self.vectors = vectors
        self.index = index
    }

    public var count: Int { words.count }

    /// Row of `word`, or nil when absent (exact, case-sensitive match).
    public func index(of word: String) -> Int? { index[word] }

    /// A copy of row i.
    public func vector(at i: Int) -> [Float] { Array(vectors[i * dimension ..< (i + 1) * dimension]) }

    public func vector(for word: String) -> [Float]? { index[word].map { vector(at: $0) } }

    /// Read-only pointer access to the whole matrix.
    public func withMatrix<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try vectors.withUnsafeBufferPointer(body)
    }
}

public enum EmbeddingsError: Error, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let m): return m }
    }
}
