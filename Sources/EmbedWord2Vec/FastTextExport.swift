// Role: a trained skip-gram/CBOW model as a fastText model (FastTextModel, written as fastText's `.bin`):
// args from the settings, the vocabulary as the dictionary, the word and bucket rows as the input matrix and
// the output rows (for hierarchical softmax padded to one row per word, as fastText sizes it).
import EmbedCore
import EmbedKernels
import EmbedVectors

extension SkipGramModel {
    /// The model in fastText's terms; `minCount` is recorded in the args (fastText's -minCount).
    /// Throws InputError when the vocabulary cannot be a fastText dictionary (an empty or NUL-holding word).
    public func fastTextModel(minCount: Int = 5) throws -> FastTextModel {
        let (args, dictionary) = try fastTextHeader(minCount: minCount)
        var outputValues = output.unpadded()
        let v = vocabulary.size, d = settings.dimension
        if outputValues.count < v * d { outputValues += [Float](repeating: 0, count: v * d - outputValues.count) }
        return try FastTextModel(args: args, dictionary: dictionary, input: input.unpadded(), output: outputValues)
    }

    /// Writes the model as fastText's `.bin` straight from the weights (no copy of the matrices), atomically.
    /// Throws InputError as `fastTextModel(minCount:)` does, or when the file cannot be written.
    public func writeFastText(to path: String, minCount: Int = 5) throws {
        let (args, dictionary) = try fastTextHeader(minCount: minCount)
        let d = settings.dimension
        let zeros = [Float](repeating: 0, count: d)
        func rows(_ m: WeightMatrix, count: Int) -> FastTextRows {
            FastTextRows(count: count) { i, body in
                if i < m.rows { try body(UnsafeRawBufferPointer(start: m.row(i), count: d * 4)) }
                else { try zeros.withUnsafeBytes { try body($0) } }   // hierarchical softmax: fastText's last row
            }
        }
        try FastTextModel.write(to: path, args: args, dictionary: dictionary, input: rows(input, count: input.rows),
                                output: rows(output, count: vocabulary.size))
    }

    /// The vocabulary's vectors without the model: for a subword model each word's mean of its rows (as
    /// fastText's getWordVector), for a word-only model its row.
    public func vocabularyVectors() throws -> WordVectors {
        guard let subwords else { return try wordVectors() }
        let v = vocabulary.size, d = settings.dimension
        var values = [Float](repeating: 0, count: v * d)
        values.withUnsafeMutableBufferPointer { out in
            for w in 0..<v {
                let row = out.baseAddress! + w * d
                let first = Int(subwords.offsets[w]), end = Int(subwords.offsets[w + 1])
                for k in first..<end { VectorMath.axpy(1, input.row(Int(subwords.rows[k])), row, d) }
                VectorMath.scale(row, Float(1.0 / Double(end - first)), d)
            }
        }
        return try WordVectors(words: vocabulary.words, dimension: d, vectors: values)
    }

    /// fastText's args and dictionary for this model.
    private func fastTextHeader(minCount: Int) throws -> (FastTextArgs, FastTextDictionary) {
        let o = settings
        var args = FastTextArgs()
        args.dim = o.dimension
        args.ws = o.window
        args.epoch = o.epochs
        args.minCount = minCount
        args.neg = o.negative
        args.loss = o.loss == .ns ? .ns : o.loss == .hs ? .hs : .softmax
        args.model = o.cbow ? .cbow : .sg
        args.bucket = o.ngrams?.buckets ?? 0
        args.minn = o.ngrams?.minn ?? 0
        args.maxn = o.ngrams?.maxn ?? 0
        args.t = o.sample
        args.lr = Double(o.startingAlpha)
        let dictionary = try FastTextDictionary(entries: vocabulary.words, counts: vocabulary.counts,
                                                tokenCount: vocabulary.totalCount)
        return (args, dictionary)
    }
}
