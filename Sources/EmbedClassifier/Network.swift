// Role: the whole sentence classifier as one differentiable function: embedding -> stacked (optionally
// bidirectional) recurrent layers with dropout -> final state -> dense softmax; forward, mean cross-entropy
// and backward over a packed batch. Generic so the gradient checks run the same code in Double.
import EmbedCore
import EmbedKernels

/// The sentence classifier as one differentiable function over a packed batch: embedding, stacked (optionally
/// bidirectional) recurrent layers with dropout, the final state, then a dense softmax.
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

    let layers: [[RecurrentLayer<T>]]           // [layer][direction]
    let dense: DenseSoftmax<T>
    private let dropouts: [Dropout<T>]          // after each layer
    private var random: FastRandom              // dropout masks

    // Per-batch workspaces.
    private let embedded = Scratch<T>()         // rows x E
    private let layerOutputs: [Scratch<T>]      // rows x (dirs*H), inputs of the next layer (after dropout)
    private let reversedInput = Scratch<T>()    // rows x in, for the backwards direction
    private let features = Scratch<T>()         // batch x (dirs*H), the final states (after dropout)
    private let inputGradient = Scratch<T>()    // rows x in
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
        for directions in layers { for layer in directions { layer.initialize(p, random: &initializer) } }
        dense.initialize(p, random: &initializer)
    }

    /// Layers and workspaces for `shape`; the weights are `primary`'s (not copied) or a fresh zero vector.
    private init(shape: NetworkShape, embedding: EmbeddingTable<T>, sharingWeightsOf primary: Network<T>?) {
        self.shape = shape
        self.embedding = embedding
        var offset = 0
        var layers: [[RecurrentLayer<T>]] = []
        for l in 0..<shape.layers {
            var directions: [RecurrentLayer<T>] = []
            for _ in 0..<shape.directions {
                let layer = RecurrentLayer<T>(cell: shape.cell, inputSize: shape.inputSize(layer: l),
                                              hidden: shape.hidden, parameterOffset: offset)
                offset += layer.parameterCount
                directions.append(layer)
            }
            layers.append(directions)
        }
        self.layers = layers
        dense = DenseSoftmax(inputSize: shape.layerOutputSize, classes: shape.classes, parameterOffset: offset)
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
        dropouts = (0..<shape.layers).map { _ in Dropout(rate: shape.dropout) }
        layerOutputs = (0..<shape.layers).map { _ in Scratch() }
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
        let rows = batch.rows, h = shape.hidden, dirs = shape.directions, width = shape.layerOutputSize
        let p = UnsafePointer(parameters.baseAddress!)
        var input = UnsafePointer(embedded.reserve(rows * shape.embeddingDimension))
        embedding.gather(batch.ids, into: embedded.pointer)
        let last = shape.layers - 1
        for l in 0...last {
            let inSize = shape.inputSize(layer: l)
            layers[l][0].forward(input: input, batch: batch, parameters: p)
            if dirs == 2 {
                let rev = reversedInput.reserve(rows * inSize)
                Network.permuteRows(input, into: rev, by: batch.reversedRows, width: inSize)
                layers[l][1].forward(input: rev, batch: batch, parameters: p)
            }
            guard l < last else { break }
            let out = layerOutputs[l].reserve(rows * width)
            for r in 0..<rows {
                (out + r * width).update(from: layers[l][0].output + r * h, count: h)
                if dirs == 2 {
                    let src = layers[l][1].output + Int(batch.reversedRows[r]) * h
                    (out + r * width + h).update(from: src, count: h)
                }
            }
            dropouts[l].forward(out, count: rows * width, training: training, random: &random)
            input = UnsafePointer(out)
        }
        let f = features.reserve(batch.count * width)
        for b in 0..<batch.count {
            let row = Int(batch.lastRows[b])
            for d in 0..<dirs { (f + b * width + d * h).update(from: layers[last][d].output + row * h, count: h) }
        }
        dropouts[last].forward(f, count: batch.count * width, training: training, random: &random)
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
        let rows = batch.rows, h = shape.hidden, dirs = shape.directions, width = shape.layerOutputSize
        let p = UnsafePointer(parameters.baseAddress!), g = gradients.baseAddress!
        gradients.update(repeating: 0)
        let last = shape.layers - 1
        labels.withUnsafeBufferPointer {
            dense.backward(input: features.pointer, labels: $0.baseAddress!, rows: batch.count, parameters: p,
                           gradients: g)
        }
        let dF = dense.inputGradient
        dropouts[last].backward(dF, count: batch.count * width)
        for d in 0..<dirs { layers[last][d].prepareBackward(rows: rows) }
        for b in 0..<batch.count {
            let row = Int(batch.lastRows[b])
            for d in 0..<dirs { (layers[last][d].outputGradient + row * h).update(from: dF + b * width + d * h, count: h) }
        }
        for l in stride(from: last, through: 0, by: -1) {
            let needInput = l > 0 || shape.trainEmbeddings
            for d in 0..<dirs {
                layers[l][d].backward(batch: batch, parameters: p, gradients: g, computeInputGradient: needInput)
            }
            guard needInput else { break }
            let inSize = shape.inputSize(layer: l)
            let dIn = inputGradient.reserve(rows * inSize)
            dIn.update(from: layers[l][0].inputGradient, count: rows * inSize)
            if dirs == 2 {
                let back = layers[l][1].inputGradient
                for r in 0..<rows {
                    let dst = dIn + Int(batch.reversedRows[r]) * inSize, src = back + r * inSize
                    for k in 0..<inSize { dst[k] += src[k] }
                }
            }
            if l == 0 {
                embedding.accumulateGradient(ids: batch.ids, dX: dIn)
                break
            }
            // Into the previous layer's outputs: undo the dropout, then split by direction.
            dropouts[l - 1].backward(dIn, count: rows * inSize)
            for d in 0..<dirs { layers[l - 1][d].prepareBackward(rows: rows) }
            for r in 0..<rows {
                (layers[l - 1][0].outputGradient + r * h).update(from: dIn + r * width, count: h)
                if dirs == 2 {
                    let dst = layers[l - 1][1].outputGradient + Int(batch.reversedRows[r]) * h
                    dst.update(from: dIn + r * width + h, count: h)
                }
            }
        }
        if !shape.trainEmbeddings { embedding.clearGradient() }
    }

    /// dst[r] = src[perm[r]] for rows of `width` values.
    private static func permuteRows(_ src: UnsafePointer<T>, into dst: UnsafeMutablePointer<T>, by perm: [Int32],
                                    width: Int) {
        for (r, s) in perm.enumerated() { (dst + r * width).update(from: src + Int(s) * width, count: width) }
    }
}
