// Role: a trained skip-gram/CBOW model as a fastText model (FastTextModel, written as fastText's `.bin`):
// args from the settings, the vocabulary as the dictionary, the word and bucket rows as the input matrix and
// the output rows (for hierarchical softmax padded to one row per word, as fastText sizes it).
import EmbedCore
import EmbedVectors

extension SkipGramModel {
    /// The model in fastText's terms; `minCount` is recorded in the args (fastText's -minCount).
    /// Throws InputError when the vocabulary cannot be a fastText dictionary (an empty or NUL-holding word).
    public func fastTextModel(minCount: Int = 5) throws -> FastTextModel {
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
        let v = vocabulary.size
        let dictionary = try FastTextDictionary(entries: vocabulary.words, counts: vocabulary.counts,
                                                tokenCount: vocabulary.totalCount)
        var outputValues = output.unpadded()
        if outputValues.count < v * o.dimension { outputValues += [Float](repeating: 0, count: v * o.dimension - outputValues.count) }
        return try FastTextModel(args: args, dictionary: dictionary, input: input.unpadded(), output: outputValues)
    }
}
