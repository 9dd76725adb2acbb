// Role: the whole sentence classifier as one differentiable function: embedding -> sentence encoder (stacked,
// optionally bidirectional recurrent layers read at the last word or pooled over the words; the average of the
// vectors; Kim's convolutions) -> dropout -> dense softmax; forward, mean cross-entropy and backward over a
// packed batch. Generic so the gradient checks run the same code in Double.
import EmbedCore
import EmbedKernels

/// The sentence classifier as one differentiable function over a packed batch: embedding, a sentence encoder
/// (`NetworkShape.encoder`), dropout, then a dense softmax.
public final class Network<T: NetworkScalar> {
    /// The architecture: cell, layers, hidden units, directions, dropout, embedding dimension and classes.
    public let shape: NetworkShape
    /// The word vectors the network reads its inputs from (row 0 padding, the words, then `<UNK>`).
    public let embedding: EmbeddingTable<T>
    /// Every weight except the embedding, in one vector (layer by layer, direction by direction, then dense).
    public let parameters: UnsafeMutableBufferPointer<T>
    /// dL/d(parameters) of the last `backward`.
    public let gradients: UnsafeMutableBufferPointer<T>
    /// For a replica, the network whose parameters it uses (kept alive with them); nil when they are its own.
    private let weightsOwner: Network<T>?

    /// The recurrent layers (every step of all but the last feeds the next); nil for the mean and cnn encoders.
    let stack: RecurrentStack<T>?
    /// The convolutions of the cnn encoder.
    let convolution: SentenceConvolution<T>?
    let dense: DenseSoftmax<T>
    private let finalDropout: Dropout<T>        // on the final states
    private var random: FastRandom              // dropout masks

    // Per-batch workspaces.
    private let embedded = Scratch<T>()         // rows x E
    private let features = Scratch<T>()         // batch x featureSize, the encoded sentences (after dropout)
    private let pooledGradient = Scratch<T>()   // rows x width: dL/d(states or vectors) of a pooling encoder
    private var argmax: [Int32] = []            // batch x width: the row of each maximum (bilstm-max)
    private var labelBuffer: [Int32] = []

    /// A network with seeded weights over an embedding table built from `vectors` (count x dimension).
    /// Throws `InputError` when the values are not a whole number of rows, and `SettingError` for a shape that
    /// cannot work.
    public convenience init<S: BinaryFloatingPoint>(shape: NetworkShape, vectors: UnsafeBufferPointer<S>,
                                                    seed: UInt64) throws {
        guard shape.embeddingDimension > 0, vectors.count % shape.embeddingDimension == 0 else {
            throw InputError("vector values are not a multiple of the dimension")
        }
        try self.init(shape: shape, embedding: EmbeddingTable(vectors: vectors, dimension: shape.embeddingDimension),
                      seed: seed)
    }

    /// A network with seeded weights over `embedding` (whose dimension must be the shape's).
    /// Throws `SettingError` for a shape that cannot work or an embedding of another dimension.
    public convenience init(shape: NetworkShape, embedding: EmbeddingTable<T>, seed: UInt64) throws {
        try shape.validate()
        guard embedding.dimension == shape.embeddingDimension else {
            throw SettingError("embeddingDimension", "is \(shape.embeddingDimension) but the vectors have \(embedding.dimension)")
        }
        self.init(shape: shape, embedding: embedding, sharingWeightsOf: nil)
        seedDropout(seed)
        var initializer = Initializer(seed: seed)
        let p = parameters.baseAddress!
        stack?.initialize(p, random: &initializer)
        convolution?.initialize(p, random: &initializer)
        dense.initialize(p, random: &initializer)
    }

    /// Layers and workspaces for `shape`; the weights are `primary`'s (not copied) or a fresh zero vector.
    private init(shape: NetworkShape, embedding: EmbeddingTable<T>, sharingWeightsOf primary: Network<T>?) {
        self.shape = shape
        self.embedding = embedding
        stack = shape.isRecurrent
            ? RecurrentStack(cell: shape.cell, layers: shape.layers, hidden: shape.hidden,
                             bidirectional: shape.directions == 2, inputSize: shape.embeddingDimension,
                             dropout: shape.dropout, parameterOffset: 0)
            : nil
        var offset = stack?.parameterCount ?? 0
        convolution = shape.encoder == .cnn
            ? SentenceConvolution(widths: SentenceEncoderKind.convolutionWidths, filters: shape.filters,
                                  inputSize: shape.embeddingDimension, parameterOffset: offset)
            : nil
        offset += convolution?.parameterCount ?? 0
        dense = DenseSoftmax(inputSize: shape.featureSize, classes: shape.classes, parameterOffset: offset)
        offset += dense.parameterCount
        if let primary {
            parameters = primary.parameters
        } else {
            parameters = .allocate(capacity: offset)
            parameters.initialize(repeating: 0)
        }
        weightsOwner = primary
        gradients = .allocate(capacity: offset)
        gradients.initialize(repeating: 0)
        finalDropout = Dropout(rate: shape.dropout)
        random = FastRandom(seed: 0)
    }

    /// A second network over the same weights and embedding with its own workspaces and gradients, so two
    /// shards of a batch can run forward and backward at the same time (the embedding must be frozen).
    public func replica() -> Network<T> {
        precondition(!shape.trainEmbeddings, "replicas share the embedding table, which must be frozen")
        return Network(shape: shape, embedding: embedding, sharingWeightsOf: self)
    }

    deinit {
        if weightsOwner == nil { parameters.deallocate() }
        gradients.deallocate()
    }

    /// The number of weights outside the embedding (the length of `parameters` and `gradients`).
    public var parameterCount: Int { parameters.count }

    /// Reseeds the dropout masks (the trainer does it once per run).
    public func seedDropout(_ seed: UInt64) { random = FastRandom(seed: seed ^ 0x5DEE_CE66_D1CE_F00D) }

    // MARK: forward

    /// Class probabilities, batch.count x classes in packed order (valid until the next call).
    @discardableResult
    public func forward(_ batch: PackedBatch, training: Bool) -> UnsafeMutablePointer<T> {
        let width = shape.featureSize
        let p = UnsafePointer(parameters.baseAddress!)
        let x = embedded.reserve(batch.rows * shape.embeddingDimension)
        embedding.gather(batch.ids, into: x)
        let f = features.reserve(batch.count * width)
        switch shape.encoder {
        case .lstmLast:
            let stack = stack!, h = shape.hidden
            stack.forward(input: x, batch: batch, parameters: p, training: training, random: &random)
            for b in 0..<batch.count {
                let row = Int(batch.lastRows[b])
                for d in 0..<shape.directions { (f + b * width + d * h).update(from: stack.output(direction: d) + row * h, count: h) }
            }
        case .bilstmMax, .bilstmMean:
            let stack = stack!
            stack.forward(input: x, batch: batch, parameters: p, training: training, random: &random)
            let states = stack.concatenatedOutput(batch)
            if shape.encoder == .bilstmMax {
                if argmax.count < batch.count * width { argmax = [Int32](repeating: 0, count: batch.count * width) }
                argmax.withUnsafeMutableBufferPointer {
                    SequencePooling.maxForward(states, batch: batch, width: width, into: f, argmax: $0.baseAddress!)
                }
            } else {
                SequencePooling.meanForward(states, batch: batch, width: width, into: f)
            }
        case .mean:
            SequencePooling.meanForward(x, batch: batch, width: width, into: f)
        case .cnn:
            convolution!.forward(input: x, batch: batch, parameters: p, into: f)
        }
        finalDropout.forward(f, count: batch.count * width, training: training, random: &random)
        dense.forward(input: f, rows: batch.count, parameters: p)
        return dense.output
    }

    /// Mean cross-entropy of the last forward pass; labels in packed order.
    public func loss(labels: [Int32]) -> T {
        labels.withUnsafeBufferPointer { dense.loss(labels: $0.baseAddress!, rows: $0.count) }
    }

    // MARK: backward

    /// Gradients of the mean cross-entropy of the last forward pass (same batch, labels in packed order):
    /// overwrites `gradients` and, when the embedding is trained, the embedding's sparse gradient.
    public func backward(_ batch: PackedBatch, labels: [Int32]) {
        precondition(labels.count == batch.count)
        let width = shape.featureSize, train = shape.trainEmbeddings
        let p = UnsafePointer(parameters.baseAddress!), g = gradients.baseAddress!
        gradients.update(repeating: 0)
        labels.withUnsafeBufferPointer {
            dense.backward(input: features.pointer, labels: $0.baseAddress!, rows: batch.count, parameters: p,
                           gradients: g)
        }
        let dF = dense.inputGradient
        finalDropout.backward(dF, count: batch.count * width)
        var dIn: UnsafeMutablePointer<T>? = nil
        switch shape.encoder {
        case .lstmLast:
            let stack = stack!, h = shape.hidden
            stack.prepareBackward(rows: batch.rows)
            for b in 0..<batch.count {
                let row = Int(batch.lastRows[b])
                for d in 0..<shape.directions {
                    (stack.outputGradient(direction: d) + row * h).update(from: dF + b * width + d * h, count: h)
                }
            }
            dIn = stack.backward(batch: batch, parameters: p, gradients: g, computeInputGradient: train)
        case .bilstmMax, .bilstmMean:
            let stack = stack!
            let dStates = pooledGradient.reserve(batch.rows * width)
            if shape.encoder == .bilstmMax {
                argmax.withUnsafeBufferPointer {
                    SequencePooling.maxBackward(dF, argmax: $0.baseAddress!, batch: batch, width: width, into: dStates)
                }
            } else {
                SequencePooling.meanBackward(dF, batch: batch, width: width, into: dStates)
            }
            stack.setOutputGradient(concatenated: dStates, batch: batch)
            dIn = stack.backward(batch: batch, parameters: p, gradients: g, computeInputGradient: train)
        case .mean:
            if train {
                dIn = pooledGradient.reserve(batch.rows * width)
                SequencePooling.meanBackward(dF, batch: batch, width: width, into: dIn!)
            }
        case .cnn:
            dIn = convolution!.backward(dF, output: features.pointer, batch: batch, parameters: p, gradients: g,
                                        computeInputGradient: train)
        }
        if let dIn, train { embedding.accumulateGradient(ids: batch.ids, dX: dIn) }
        if !train { embedding.clearGradient() }
    }
}
