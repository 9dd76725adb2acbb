// Role: the whole sequence tagger as one differentiable function over a packed batch: token inputs (frozen
// word vector | casing embedding | character BiLSTM features) -> dropout -> BiLSTM stack (the classifier's
// RecurrentStack, a state per token) -> dropout -> dense tag scores -> CRF log-likelihood or per-token
// softmax; forward, loss (mean per token) and backward, and constrained Viterbi decoding. Generic so the
// gradient checks run the same code in Double.
import EmbedClassifier
import EmbedCore
import EmbedKernels

/// The tagger's network: weights in one parameter vector, the word vectors in a frozen table.
public final class TaggerNetwork<T: NetworkScalar> {
    /// The architecture.
    public let shape: TaggerShape
    /// The classes and their constraints.
    public let tagSet: TagSet
    /// The frozen word vectors (row 0 padding, the words, `<UNK>` last).
    public let words: EmbeddingTable<T>
    /// Every trained weight, in one vector: character encoder, casing table, recurrent layers, dense, CRF.
    public let parameters: UnsafeMutableBufferPointer<T>
    /// dL/d(parameters) of the last `lossAndGradient`.
    public let gradients: UnsafeMutableBufferPointer<T>
    /// For a replica, the network whose parameters it uses (kept alive with them).
    private let weightsOwner: TaggerNetwork<T>?

    let characters: CharacterEncoder<T>?
    /// Offset of the casing table (7 x casingDimension).
    let casingOffset: Int
    let stack: RecurrentStack<T>
    let dense: DenseSoftmax<T>
    let crf: LinearChainCRF<T>?
    private let inputDropout: Dropout<T>, outputDropout: Dropout<T>
    private var random: FastRandom

    private let input = Scratch<T>()                // rows x inputSize
    private let characterGradient = Scratch<T>()    // spellings x characterFeatures
    private let logProbabilities = Scratch<T>()     // rows x tags (softmax decoding)
    private var features: UnsafeMutablePointer<T>!  // rows x outputSize, input of the dense layer
    /// Softmax decoding: transitions, start and end scores, 0 where allowed and -infinity elsewhere.
    private let decodeMasks: [T]

    /// A network with seeded weights over `words` (whose dimension must be the shape's).
    public convenience init(shape: TaggerShape, tagSet: TagSet, words: EmbeddingTable<T>, seed: UInt64) throws {
        try shape.validate()
        guard words.dimension == shape.wordDimension else {
            throw SettingError("wordDimension", "is \(shape.wordDimension) but the vectors have \(words.dimension)")
        }
        guard tagSet.count == shape.tags, tagSet.encoding == shape.encoding else {
            throw SettingError("tags", "is \(shape.tags) but the tag set has \(tagSet.count)")
        }
        self.init(shape: shape, tagSet: tagSet, words: words, sharingWeightsOf: nil)
        seedDropout(seed)
        var initializer = Initializer(seed: seed)
        let p = parameters.baseAddress!
        characters?.initialize(p, random: &initializer)
        initializer.uniform(p + casingOffset, count: Casing.allCases.count * shape.casingDimension,
                            limit: (3.0 / Double(max(shape.casingDimension, 1))).squareRoot())
        stack.initialize(p, random: &initializer)
        dense.initialize(p, random: &initializer)
        crf?.initialize(p)
    }

    private init(shape: TaggerShape, tagSet: TagSet, words: EmbeddingTable<T>, sharingWeightsOf primary: TaggerNetwork<T>?) {
        self.shape = shape
        self.tagSet = tagSet
        self.words = words
        var offset = 0
        if shape.useCharacters {
            let encoder = CharacterEncoder<T>(rows: shape.characters, dimension: shape.characterDimension,
                                              hidden: shape.characterHidden, parameterOffset: offset)
            offset += encoder.parameterCount
            characters = encoder
        } else {
            characters = nil
        }
        casingOffset = offset
        offset += Casing.allCases.count * shape.casingDimension
        stack = RecurrentStack(cell: shape.cell, layers: shape.layers, hidden: shape.hidden, bidirectional: true,
                               inputSize: shape.inputSize, dropout: shape.dropout, parameterOffset: offset)
        offset += stack.parameterCount
        dense = DenseSoftmax(inputSize: shape.outputSize, classes: shape.tags, parameterOffset: offset)
        offset += dense.parameterCount
        if shape.crf {
            let crf = LinearChainCRF<T>(tagSet: tagSet, parameterOffset: offset)
            offset += crf.parameterCount
            self.crf = crf
        } else {
            crf = nil
        }
        if let primary {
            parameters = primary.parameters
        } else {
            parameters = .allocate(capacity: offset)
            parameters.initialize(repeating: 0)
        }
        weightsOwner = primary
        gradients = .allocate(capacity: offset)
        gradients.initialize(repeating: 0)
        inputDropout = Dropout(rate: shape.dropout)
        outputDropout = Dropout(rate: shape.dropout)
        random = FastRandom(seed: 0)
        let k = shape.tags
        var masks = [T](repeating: -T.infinity, count: k * k + 2 * k)
        if !shape.crf {
            for i in 0..<k {
                for j in 0..<k where tagSet.allows(i, j) { masks[i * k + j] = 0 }
                if tagSet.allowsStart(i) { masks[k * k + i] = 0 }
                if tagSet.allowsEnd(i) { masks[k * k + k + i] = 0 }
            }
        }
        decodeMasks = masks
    }

    /// A second network over the same weights and word table with its own workspaces and gradients, so two
    /// shards of a batch can run forward and backward at the same time.
    public func replica() -> TaggerNetwork<T> {
        TaggerNetwork(shape: shape, tagSet: tagSet, words: words, sharingWeightsOf: self)
    }

    deinit {
        if weightsOwner == nil { parameters.deallocate() }
        gradients.deallocate()
    }

    /// Number of trained weights.
    public var parameterCount: Int { parameters.count }

    /// Reseeds the dropout masks (the trainer does it once per run).
    public func seedDropout(_ seed: UInt64) { random = FastRandom(seed: seed ^ 0x7A66_E55E_D00D_F00D) }

    // MARK: forward

    /// Tag scores (CRF) or probabilities (softmax), rows x tags in packed order (valid until the next call).
    @discardableResult
    public func forward(_ batch: TaggerBatch, training: Bool) -> UnsafeMutablePointer<T> {
        let rows = batch.tokens, wd = shape.wordDimension, cd = shape.casingDimension
        let cf = shape.characterFeatures, width = shape.inputSize
        let p = UnsafePointer(parameters.baseAddress!)
        let x = input.reserve(rows * width)
        let ids = batch.words.ids, table = words.values, casing = p + casingOffset
        for r in 0..<rows {
            let row = x + r * width
            row.update(from: table + Int(ids[r]) * wd, count: wd)
            if cd > 0 { (row + wd).update(from: casing + Int(batch.casing[r]) * cd, count: cd) }
        }
        if let encoder = characters, let spellings = batch.characters {
            let f = encoder.forward(spellings, parameters: p)
            for r in 0..<rows {
                (x + r * width + wd + cd).update(from: f + Int(batch.spellingSlots[r]) * cf, count: cf)
            }
        }
        inputDropout.forward(x, count: rows * width, training: training, random: &random)
        stack.forward(input: x, batch: batch.words, parameters: p, training: training, random: &random)
        features = stack.concatenatedOutput(batch.words)
        outputDropout.forward(features, count: rows * shape.outputSize, training: training, random: &random)
        if crf != nil {
            dense.logits(input: features, rows: rows, parameters: p)
        } else {
            dense.forward(input: features, rows: rows, parameters: p)
        }
        return dense.output
    }

    /// The mean loss per token of the last forward pass (CRF: negative log-likelihood of the gold paths;
    /// softmax: cross-entropy), against the batch's gold tags.
    public func loss(_ batch: TaggerBatch) -> Double {
        let p = UnsafePointer(parameters.baseAddress!)
        if let crf {
            return crf.negativeLogLikelihood(emissions: dense.output, batch: batch.words, gold: batch.tags, parameters: p,
                                             gradients: nil, scale: 1) / Double(batch.tokens)
        }
        return batch.tags.withUnsafeBufferPointer { Double(dense.loss(labels: $0.baseAddress!, rows: batch.tokens)) }
    }

    // MARK: backward

    /// The mean loss per token of the last forward pass and its gradient: overwrites `gradients`.
    @discardableResult
    public func lossAndGradient(_ batch: TaggerBatch) -> Double {
        precondition(batch.tags.count == batch.tokens, "the batch has no gold tags")
        let rows = batch.tokens, wd = shape.wordDimension, cd = shape.casingDimension
        let cf = shape.characterFeatures, width = shape.inputSize
        let p = UnsafePointer(parameters.baseAddress!), g = gradients.baseAddress!
        gradients.update(repeating: 0)
        let loss: Double
        if let crf {
            let scale = 1 / T(rows)
            loss = crf.negativeLogLikelihood(emissions: dense.output, batch: batch.words, gold: batch.tags, parameters: p,
                                             gradients: g, scale: scale) / Double(rows)
            dense.backward(input: features, logitGradient: crf.emissionGradient, rows: rows, parameters: p, gradients: g)
        } else {
            loss = batch.tags.withUnsafeBufferPointer { tags -> Double in
                let value = Double(dense.loss(labels: tags.baseAddress!, rows: rows))
                dense.backward(input: features, labels: tags.baseAddress!, rows: rows, parameters: p, gradients: g)
                return value
            }
        }
        let dOut = dense.inputGradient
        outputDropout.backward(dOut, count: rows * shape.outputSize)
        stack.setOutputGradient(concatenated: dOut, batch: batch.words)
        let trainedInputs = cd > 0 || characters != nil
        guard let dX = stack.backward(batch: batch.words, parameters: p, gradients: g,
                                      computeInputGradient: trainedInputs) else { return loss }
        inputDropout.backward(dX, count: rows * width)
        if cd > 0 {
            let casing = g + casingOffset
            for r in 0..<rows {
                let dst = casing + Int(batch.casing[r]) * cd, src = dX + r * width + wd
                for k in 0..<cd { dst[k] += src[k] }
            }
        }
        if let encoder = characters, let spellings = batch.characters {
            let dF = characterGradient.reserve(spellings.count * cf)
            dF.update(repeating: 0, count: spellings.count * cf)
            for r in 0..<rows {
                let dst = dF + Int(batch.spellingSlots[r]) * cf, src = dX + r * width + wd + cd
                for k in 0..<cf { dst[k] += src[k] }
            }
            encoder.backward(spellings, featureGradient: dF, parameters: p, gradients: g)
        }
        return loss
    }

    // MARK: decoding

    /// The best allowed class path of every sentence of the batch (packed order), in inference mode.
    public func decode(_ batch: TaggerBatch) -> [[Int32]] {
        let out = forward(batch, training: false)
        let p = UnsafePointer(parameters.baseAddress!)
        if let crf { return crf.decode(emissions: out, batch: batch.words, parameters: p) }
        // Softmax: log-probabilities, with transitions 0 where allowed and -infinity elsewhere.
        let k = shape.tags, rows = batch.tokens
        let logp = logProbabilities.reserve(rows * k)
        for i in 0..<(rows * k) { logp[i] = T.log(max(out[i], T.leastNormalMagnitude)) }
        return decodeMasks.withUnsafeBufferPointer { m in
            Viterbi.decode(scores: logp, batch: batch.words, tags: k, transitions: m.baseAddress!,
                           start: m.baseAddress! + k * k, end: m.baseAddress! + k * k + k)
        }
    }
}
