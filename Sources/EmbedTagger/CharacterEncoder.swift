// Role: the character-level BiLSTM: each distinct token of a batch is a packed sequence of character
// embeddings run through one bidirectional LSTM layer (the classifier's RecurrentStack); the token's
// features are the final states of both directions. The character table is trained (a dense part of the
// parameter vector).
import EmbedClassifier
import EmbedCore
import EmbedKernels

/// Character embedding table + BiLSTM over packed character sequences, weights in a network's parameter
/// vector from `parameterOffset` on (the table first, rows x dimension, then the two LSTM directions).
public final class CharacterEncoder<T: NetworkScalar> {
    /// Rows of the character table (row 0: unknown characters).
    public let rows: Int
    /// Width of a character embedding.
    public let dimension: Int
    /// The BiLSTM over character embeddings.
    public let stack: RecurrentStack<T>
    /// Offset of the character table in the parameter vector.
    public let parameterOffset: Int
    /// Table and LSTM weights.
    public var parameterCount: Int { rows * dimension + stack.parameterCount }
    /// Width of a token's features (both final states).
    public var outputSize: Int { stack.outputSize }

    private let embedded = Scratch<T>()     // character rows x dimension
    private let features = Scratch<T>()     // tokens x outputSize
    private var noDropout = FastRandom(seed: 0)

    /// An encoder of `rows` characters embedded in `dimension` values, `hidden` units per direction.
    public init(rows: Int, dimension: Int, hidden: Int, parameterOffset: Int) {
        self.rows = rows
        self.dimension = dimension
        self.parameterOffset = parameterOffset
        stack = RecurrentStack(cell: .lstm, layers: 1, hidden: hidden, bidirectional: true, inputSize: dimension,
                               dropout: 0, parameterOffset: parameterOffset + rows * dimension)
    }

    /// Table uniform in +-sqrt(3 / dimension) (Lample et al.), the LSTM as the classifier initialises it.
    public func initialize(_ p: UnsafeMutablePointer<T>, random: inout Initializer) {
        random.uniform(p + parameterOffset, count: rows * dimension, limit: (3.0 / Double(dimension)).squareRoot())
        stack.initialize(p, random: &random)
    }

    /// Features of every sequence of `batch` (packed order: row b is packed sequence b), batch.count x outputSize.
    public func forward(_ batch: PackedBatch, parameters p: UnsafePointer<T>) -> UnsafeMutablePointer<T> {
        let d = dimension, table = p + parameterOffset
        let x = embedded.reserve(batch.rows * d)
        for (r, id) in batch.ids.enumerated() { (x + r * d).update(from: table + Int(id) * d, count: d) }
        stack.forward(input: x, batch: batch, parameters: p, training: false, random: &noDropout)
        let h = stack.hidden, width = outputSize
        let f = features.reserve(batch.count * width)
        for b in 0..<batch.count {
            let row = Int(batch.lastRows[b])
            for dir in 0..<2 { (f + b * width + dir * h).update(from: stack.output(direction: dir) + row * h, count: h) }
        }
        return f
    }

    /// Backpropagates dL/d(features) (batch.count x outputSize, packed order) of the last `forward` into the
    /// LSTM weights and the character table rows, added into `gradients`.
    public func backward(_ batch: PackedBatch, featureGradient dF: UnsafePointer<T>, parameters p: UnsafePointer<T>,
                         gradients g: UnsafeMutablePointer<T>) {
        let h = stack.hidden, width = outputSize, d = dimension
        stack.prepareBackward(rows: batch.rows)
        for b in 0..<batch.count {
            let row = Int(batch.lastRows[b])
            for dir in 0..<2 { (stack.outputGradient(direction: dir) + row * h).update(from: dF + b * width + dir * h, count: h) }
        }
        guard let dX = stack.backward(batch: batch, parameters: p, gradients: g, computeInputGradient: true) else { return }
        let table = g + parameterOffset
        for (r, id) in batch.ids.enumerated() {
            let dst = table + Int(id) * d, src = dX + r * d
            for k in 0..<d { dst[k] += src[k] }
        }
    }
}
