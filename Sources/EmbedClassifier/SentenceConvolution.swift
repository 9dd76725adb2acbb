// Role: Kim's (2014) sentence convolution over a packed batch: for each filter width w, F filters over
// windows of w word vectors, ReLU, max over the windows of each sentence; forward with gemm over all rows at
// once, backward only through each filter's winning window.
//
// The packed rows are first laid out sentence by sentence, each followed by (widest - 1) zero rows, so every
// window of a sentence is contiguous and a sentence shorter than a filter still has one window (the rest of it
// zeros); windows never reach into the next sentence, so padding and batch-mates cannot change a result.
import EmbedCore

/// The `cnn` encoder: filter widths `widths`, `filters` filters each, over rows of `inputSize` values;
/// weights at `parameterOffset` (per width: filters x (w * inputSize), then filters biases).
public final class SentenceConvolution<T: NetworkScalar> {
    /// Filter widths in words.
    public let widths: [Int]
    /// Filters per width.
    public let filters: Int
    /// Values per input row (the embedding dimension).
    public let inputSize: Int
    /// Offset of the first width's weights in the parameter vector.
    public let parameterOffset: Int
    /// Weights and biases of every width.
    public let parameterCount: Int
    /// Width of an output row: filters per width times widths.
    public var outputSize: Int { filters * widths.count }

    private let offsets: [Int]                       // start of each width's weights
    private let laidOut = Scratch<T>()               // (rows + count * pad + pad) x inputSize, sentence by sentence
    private let layoutGradient = Scratch<T>()
    private let inputGradient = Scratch<T>()         // rows x inputSize, packed order
    private let responses = Scratch<T>()             // laid-out rows x filters, one width at a time
    private var winners: [Int32] = []                // count x outputSize: laid-out row of each maximum
    private var starts: [Int] = []                   // first laid-out row of each sentence
    private var pad: Int { (widths.max() ?? 1) - 1 }

    /// A convolution whose weights start at `parameterOffset`.
    public init(widths: [Int], filters: Int, inputSize: Int, parameterOffset: Int) {
        self.widths = widths
        self.filters = filters
        self.inputSize = inputSize
        self.parameterOffset = parameterOffset
        var offsets: [Int] = [], offset = parameterOffset
        for w in widths { offsets.append(offset); offset += filters * (w * inputSize + 1) }
        self.offsets = offsets
        parameterCount = offset - parameterOffset
    }

    /// Glorot-uniform filters (fan-in w * inputSize, fan-out filters), zero biases.
    public func initialize(_ p: UnsafeMutablePointer<T>, random: inout Initializer) {
        for (i, w) in widths.enumerated() {
            let weights = p + offsets[i], columns = w * inputSize
            random.glorotUniform(weights, rows: filters, columns: columns, stride: columns, fanIn: columns, fanOut: filters)
            (weights + filters * columns).update(repeating: 0, count: filters)
        }
    }

    /// Writes out[b] (batch.count x outputSize): per width, the ReLU of each filter's best window of sentence b.
    public func forward(input: UnsafePointer<T>, batch: PackedBatch, parameters p: UnsafePointer<T>,
                        into out: UnsafeMutablePointer<T>) {
        let e = inputSize, f = filters, pad = self.pad
        starts = [Int](repeating: 0, count: batch.count)
        var rows = 0
        for b in 0..<batch.count { starts[b] = rows; rows += batch.lengths[b] + pad }
        let x = laidOut.reserve((rows + pad) * e)
        x.update(repeating: 0, count: (rows + pad) * e)
        for t in 0..<batch.steps {
            for b in 0..<batch.stepSizes[t] {
                (x + (starts[b] + t) * e).update(from: input + (batch.stepOffsets[t] + b) * e, count: e)
            }
        }
        winners = [Int32](repeating: 0, count: batch.count * outputSize)
        let z = responses.reserve(rows * f)
        winners.withUnsafeMutableBufferPointer { winners in
            for (i, w) in widths.enumerated() {
                let weights = p + offsets[i], bias = weights + f * w * e
                for r in 0..<rows { (z + r * f).update(from: bias, count: f) }
                for k in 0..<w {
                    // z[r] += x[r + k] . (k-th block of each filter)
                    T.gemm(transA: false, transB: true, m: rows, n: f, k: e, alpha: 1, a: x + k * e, lda: e,
                           b: weights + k * e, ldb: w * e, beta: 1, c: z, ldc: f)
                }
                for b in 0..<batch.count {
                    let windows = max(batch.lengths[b] - w + 1, 1), first = starts[b]
                    let dst = out + b * outputSize + i * f, arg = winners.baseAddress! + b * outputSize + i * f
                    dst.update(from: z + first * f, count: f)
                    arg.update(repeating: Int32(first), count: f)
                    for t in 1..<windows {
                        let row = z + (first + t) * f
                        for j in 0..<f where row[j] > dst[j] { dst[j] = row[j]; arg[j] = Int32(first + t) }
                    }
                    for j in 0..<f where dst[j] < 0 { dst[j] = 0 }
                }
            }
        }
    }

    /// Adds the weight gradients for dL/d(out) `dOut` (with `out` the last forward's result) into `gradients`.
    /// Returns dL/d(input) (rows x inputSize, packed order) when `computeInputGradient`, else nil.
    public func backward(_ dOut: UnsafePointer<T>, output out: UnsafePointer<T>, batch: PackedBatch,
                         parameters p: UnsafePointer<T>, gradients g: UnsafeMutablePointer<T>,
                         computeInputGradient: Bool) -> UnsafeMutablePointer<T>? {
        let e = inputSize, f = filters, pad = self.pad
        let rows = (starts.last ?? 0) + (batch.lengths.last ?? 0) + pad
        let x = UnsafePointer(laidOut.pointer)
        let dx = computeInputGradient ? layoutGradient.reserve((rows + pad) * e) : nil
        dx?.update(repeating: 0, count: (rows + pad) * e)
        winners.withUnsafeBufferPointer { winners in
            for (i, w) in widths.enumerated() {
                let weights = p + offsets[i], gw = g + offsets[i], gb = gw + f * w * e
                for b in 0..<batch.count {
                    for j in 0..<f {
                        let o = b * outputSize + i * f + j
                        let d = dOut[o]
                        guard out[o] > 0, d != 0 else { continue }    // the ReLU passes nothing at zero
                        gb[j] += d
                        let window = x + Int(winners[o]) * e, grow = gw + j * w * e
                        for v in 0..<w * e { grow[v] += d * window[v] }
                        if let dx {
                            let dwindow = dx + Int(winners[o]) * e, wrow = weights + j * w * e
                            for v in 0..<w * e { dwindow[v] += d * wrow[v] }
                        }
                    }
                }
            }
        }
        guard let dx else { return nil }
        let dIn = inputGradient.reserve(batch.rows * e)
        for t in 0..<batch.steps {
            for b in 0..<batch.stepSizes[t] {
                (dIn + (batch.stepOffsets[t] + b) * e).update(from: dx + (starts[b] + t) * e, count: e)
            }
        }
        return dIn
    }
}
