// Role: the vectors themselves and every query on them (gensim's KeyedVectors): words, dimension and a
// row-major Float matrix; exact and case-folded lookup through tables; a word's vector (through the fastText
// model they came from, when they did: any string then has one); cosine similarity.
// File formats, nearest neighbours and evaluation live in their own files as extensions of this type.
import EmbedCore
import Foundation

/// Words and their vectors, with lookups and queries (a value: copies share the storage until changed).
public struct WordVectors {
    /// Words in file order (for trained vectors: by descending frequency, `<UNK>` last when present).
    public private(set) var words: [String]
    /// Vector length.
    public let dimension: Int
    /// count x dimension values, row i is the vector of words[i].
    public private(set) var vectors: [Float]
    private var index: [String: Int]
    /// The case-folded table and the unit-length rows, built on first use and shared by copies (words and
    /// values never change after init).
    private let folded = FoldedIndex()
    private let units = UnitCache()
    /// The fastText model the vectors were computed from (read from a fastText `.bin`), nil for plain vectors.
    /// With it, `vector(for:)` and the queries give any string a vector from its character n-grams.
    public private(set) var subwords: FastTextModel?

    /// Builds from words and a row-major matrix. Throws InputError on a duplicated word or a size mismatch.
    public init(words: [String], dimension: Int, vectors: [Float]) throws {
        guard dimension > 0 else { throw InputError("vector dimension must be positive") }
        guard vectors.count == words.count * dimension else {
            throw InputError("\(words.count) words but \(vectors.count) values for dimension \(dimension)")
        }
        var index = [String: Int](minimumCapacity: words.count)
        for (i, w) in words.enumerated() {
            if index.updateValue(i, forKey: w) != nil { throw InputError("duplicated word \"\(w)\"") }
        }
        self.words = words
        self.dimension = dimension
        self.vectors = vectors
        self.index = index
    }

    /// Builds from parts already checked (a reader validated sizes and refused duplicates).
    init(checkedWords words: [String], dimension: Int, vectors: [Float], index: [String: Int],
         subwords: FastTextModel? = nil) {
        assert(vectors.count == words.count * dimension && index.count == words.count)
        assert(subwords.map { $0.dimension == dimension } ?? true)
        self.words = words
        self.dimension = dimension
        self.vectors = vectors
        self.index = index
        self.subwords = subwords
    }

    /// Number of rows (words).
    public var count: Int { words.count }

    /// Row of `word`, or nil when absent (exact, case-sensitive match).
    public func index(of word: String) -> Int? { index[word] }

    /// Row of `word`: the exact match, else the first (most frequent) row equal to it up to case
    /// (Unicode upper-casing, as Python's str.upper()). A table lookup, not a scan.
    public func row(of word: String) -> Int? {
        if let exact = index[word] { return exact }
        return folded.table(for: words)[CaseFolding.key(word)]
    }

    /// A copy of row i.
    public func vector(at i: Int) -> [Float] { Array(vectors[i * dimension ..< (i + 1) * dimension]) }

    /// The vector of `word`: its row (exact match); else, with a fastText model, fastText's vector for it (a
    /// vocabulary word beyond the rows kept, or the mean of its n-gram rows); else the row equal to it up to
    /// case. Nil when none of these exists.
    public func vector(for word: String) -> [Float]? { queryVector(for: word)?.vector }

    /// The vector `vector(for:)` gives and the row it is (nil when it came from the fastText model).
    func queryVector(for word: String) -> (vector: [Float], row: Int?)? {
        if let exact = index[word] { return (vector(at: exact), exact) }
        if let model = subwords, let v = model.meanVector(for: word) { return (v, nil) }
        return row(of: word).map { (vector(at: $0), $0) }
    }

    /// True when `vector(for:)` has a vector for `word` (a row, or the fastText model's vector).
    public func knows(_ word: String) -> Bool { queryVector(for: word) != nil }

    /// The first `rows` rows (all when nil) at unit length, computed once per row count and kept.
    public func unitVectors(rows: Int? = nil) -> UnitVectors {
        units.vectors(rows: min(count, max(0, rows ?? count))) { UnitVectors(self, rows: $0) }
    }

    /// Read-only pointer access to the whole matrix.
    public func withMatrix<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try vectors.withUnsafeBufferPointer(body)
    }

    /// Cosine of rows a and b in double precision (0 when either is a zero vector).
    public func cosine(rows a: Int, _ b: Int) -> Double {
        let d = dimension
        var ab = 0.0, aa = 0.0, bb = 0.0
        withMatrix { m in
            for i in 0..<d {
                let x = Double(m[a * d + i]), y = Double(m[b * d + i])
                ab += x * y; aa += x * x; bb += y * y
            }
        }
        return aa > 0 && bb > 0 ? ab / (aa.squareRoot() * bb.squareRoot()) : 0
    }

    /// Cosine similarity of two words (looked up as `vector(for:)`), nil when either is unknown.
    public func similarity(_ first: String, _ second: String) -> Double? {
        guard let a = queryVector(for: first), let b = queryVector(for: second) else { return nil }
        if let i = a.row, let j = b.row { return cosine(rows: i, j) }
        return Self.cosine(a.vector, b.vector)
    }

    /// Cosine of two vectors of the same length in double precision (0 when either is zero).
    public static func cosine(_ x: [Float], _ y: [Float]) -> Double {
        precondition(x.count == y.count)
        var ab = 0.0, aa = 0.0, bb = 0.0
        for i in x.indices {
            let a = Double(x[i]), b = Double(y[i])
            ab += a * b; aa += a * a; bb += b * b
        }
        return aa > 0 && bb > 0 ? ab / (aa.squareRoot() * bb.squareRoot()) : 0
    }

    /// The first `limit` rows as a new WordVectors (file order: the most frequent words); the fastText
    /// model, if any, is kept, so words beyond the rows still have their vectors.
    public func prefix(_ limit: Int) -> WordVectors {
        let n = min(max(0, limit), count)
        guard n < count else { return self }
        var index = self.index
        index = index.filter { $0.value < n }
        return WordVectors(checkedWords: Array(words[..<n]), dimension: dimension,
                           vectors: Array(vectors[..<(n * dimension)]), index: index, subwords: subwords)
    }
}

/// The form case-insensitive lookups compare words in.
public enum CaseFolding {
    /// The upper-case form (Unicode full case mapping, like Python's str.upper()), with a fast path for ASCII.
    public static func key(_ word: String) -> String {
        let original = word
        var word = word
        return word.withUTF8 { bytes in
            var lower = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte &- 0x61 < 26 { lower = true }
            }
            guard lower else { return original }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0..<bytes.count { out[i] = bytes[i] &- 0x61 < 26 ? bytes[i] - 0x20 : bytes[i] }
                return bytes.count
            }
        } ?? word.uppercased()
    }
}

/// Folded key -> first row with that key, built once on first use (thread-safe).
private final class FoldedIndex: @unchecked Sendable {
    private var built: [String: Int]?
    private let lock = NSLock()

    func table(for words: [String]) -> [String: Int] {
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        var table = [String: Int](minimumCapacity: words.count)
        for (i, w) in words.enumerated() {
            let key = CaseFolding.key(w)
            if table[key] == nil { table[key] = i }
        }
        built = table
        return table
    }
}

/// The last unit-length matrix computed, by row count (thread-safe).
private final class UnitCache: @unchecked Sendable {
    private var cached: UnitVectors?
    private let lock = NSLock()

    func vectors(rows: Int, make: (Int) -> UnitVectors) -> UnitVectors {
        lock.lock(); defer { lock.unlock() }
        if let cached, cached.rows == rows { return cached }
        let made = make(rows)
        cached = made
        return made
    }
}
