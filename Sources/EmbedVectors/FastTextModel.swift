// Role: a fastText subword model in memory (args, dictionary, input matrix of word and n-gram-bucket rows,
// output matrix) and its lookups as fastText's getWordVector makes them: a word's input rows are its own row
// (when in the vocabulary) and the rows of its character n-grams; its vector is their mean. The vocabulary's
// vectors as WordVectors carry the model along, so queries on them reach words never seen.
import Dispatch
import EmbedCore
import EmbedKernels

/// A fastText model (`.bin`): read by `FastTextModel.read(path:)`, written by `write(to:)`.
public struct FastTextModel: Sendable {
    /// The settings stored in the file (dimension, n-gram lengths, buckets, ...).
    public let args: FastTextArgs
    /// Words (and labels) with counts.
    public let dictionary: FastTextDictionary
    /// Input matrix, row-major: `dictionary.wordCount + args.bucket` rows of `args.dim` values (words, then buckets).
    public let input: [Float]
    /// Output matrix, row-major: one row per word (per label for supervised models) of `args.dim` values.
    public let output: [Float]
    /// The n-gram settings (`args.minn`, `args.maxn`, `args.bucket`).
    public let ngrams: CharacterNgrams

    /// Checks that the parts fit together: a positive dimension, non-negative n-gram settings, an input matrix
    /// of (words + buckets) x dim values and an output matrix of (words, or labels when supervised) x dim.
    /// Throws InputError naming what does not fit.
    public init(args: FastTextArgs, dictionary: FastTextDictionary, input: [Float], output: [Float]) throws {
        guard args.dim >= 1 else { throw InputError("dimension \(args.dim) must be at least 1") }
        guard args.minn >= 0, args.maxn >= 0 else { throw InputError("n-gram lengths \(args.minn)...\(args.maxn) must not be negative") }
        guard args.bucket >= 0, args.bucket <= Int(Int32.max) else { throw InputError("bucket count \(args.bucket) is out of range") }
        if args.bucket == 0 && args.maxn > 0 && args.minn <= args.maxn {
            throw InputError("maxn \(args.maxn) but no buckets: n-grams would have no rows")
        }
        let rows = dictionary.wordCount + args.bucket
        guard input.count == rows * args.dim else {
            throw InputError("input matrix has \(input.count) values, expected (\(dictionary.wordCount) words + \(args.bucket) buckets) x \(args.dim)")
        }
        let outputRows = Self.outputRows(args: args, dictionary: dictionary)
        guard output.count == outputRows * args.dim else {
            throw InputError("output matrix has \(output.count) values, expected \(outputRows) x \(args.dim)")
        }
        self.init(checkedArgs: args, dictionary: dictionary, input: input, output: output)
    }

    /// Builds from parts a reader has checked.
    init(checkedArgs args: FastTextArgs, dictionary: FastTextDictionary, input: [Float], output: [Float]) {
        self.args = args
        self.dictionary = dictionary
        self.input = input
        self.output = output
        ngrams = args.ngrams
    }

    /// Rows of the output matrix fastText expects: one per label for supervised models, else one per word.
    static func outputRows(args: FastTextArgs, dictionary: FastTextDictionary) -> Int {
        args.model == .sup ? dictionary.labelCount : dictionary.wordCount
    }

    /// Vector length.
    public var dimension: Int { args.dim }
    /// Rows of the input matrix: words, then n-gram buckets.
    public var inputRows: Int { dictionary.wordCount + args.bucket }
    /// Rows of the output matrix.
    public var outputRows: Int { output.count / args.dim }

    /// Calls `body` with each input row of `word`: its own row when it is a word of the vocabulary, then the
    /// rows (word count + bucket) of its n-grams; `</s>` has no n-grams (fastText's getSubwords).
    @inline(__always)
    public func forEachRow(of word: String, _ body: (Int) -> Void) {
        let id = dictionary.wordID(of: word)
        forEachRow(of: word, id: id, body)
    }

    @inline(__always)
    func forEachRow(of word: String, id: Int?, _ body: (Int) -> Void) {
        if let id { body(id) }
        guard !ngrams.isEmpty, word != FastTextDictionary.endOfSentence else { return }
        let offset = dictionary.wordCount
        var word = word
        word.withUTF8 { bytes in ngrams.forEach(in: bytes) { bucket, _ in body(offset + bucket) } }
    }

    /// The input rows of `word` (see `forEachRow(of:_:)`), in fastText's order.
    public func rows(of word: String) -> [Int] {
        var rows: [Int] = []
        forEachRow(of: word) { rows.append($0) }
        return rows
    }

    /// fastText's getWordVector: the mean of `word`'s input rows; zeros when it has none (a word outside the
    /// vocabulary too short for any n-gram, `</s>` outside it, or any unknown word of a model without n-grams).
    public func vector(for word: String) -> [Float] {
        meanVector(for: word) ?? [Float](repeating: 0, count: dimension)
    }

    /// The mean of `word`'s input rows (as `vector(for:)`), nil when it has none.
    public func meanOfRows(for word: String) -> [Float]? { meanVector(for: word) }

    /// The mean of `word`'s input rows, nil when it has none.
    func meanVector(for word: String, id: Int? = nil) -> [Float]? {
        var out = [Float](repeating: 0, count: dimension)
        let rows = out.withUnsafeMutableBufferPointer { mean(of: word, id: id ?? dictionary.wordID(of: word), into: $0.baseAddress!) }
        return rows > 0 ? out : nil
    }

    /// Writes the mean of the rows of `word` (id: its word id or nil) into `out` (zeroed first); returns the
    /// number of rows. Sums in Float in row order, then scales by 1/n, as fastText does.
    @inline(__always)
    func mean(of word: String, id: Int?, into out: UnsafeMutablePointer<Float>) -> Int {
        let d = dimension
        VectorMath.zero(out, d)
        var rows = 0
        input.withUnsafeBufferPointer { m in
            guard let base = m.baseAddress else { return }
            forEachRow(of: word, id: id) { row in
                VectorMath.axpy(1, base + row * d, out, d)
                rows += 1
            }
        }
        if rows > 0 { VectorMath.scale(out, Float(1.0 / Double(rows)), d) }
        return rows
    }

    /// The vectors of the vocabulary's first `limit` words (all when nil), each the mean of its rows, as
    /// WordVectors that keep this model: their `vector(for:)` and queries then reach any string.
    public func wordVectors(limit: Int? = nil) -> WordVectors {
        let n = min(dictionary.wordCount, max(0, limit ?? dictionary.wordCount))
        let d = dimension
        let words = Array(dictionary.entries[..<n])
        var values = [Float](repeating: 0, count: n * d)
        if n > 0 { values.withUnsafeMutableBufferPointer { out in
            let base = out.baseAddress!
            let chunks = n < 4096 ? 1 : 16
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for i in (chunk * n / chunks) ..< ((chunk + 1) * n / chunks) {
                    _ = mean(of: words[i], id: i, into: base + i * d)
                }
            }
        } }
        let index = n == dictionary.count ? dictionary.index : n == 0 ? [:] : dictionary.index.filter { $0.value < n }
        return WordVectors(checkedWords: words, dimension: d, vectors: values, index: index, subwords: self)
    }
}
