// Role: the output layer: logits = F W^T + b, softmax over classes, mean cross-entropy over the batch and its
// gradient (p - onehot) / batch back to W, b and F; or the logits alone, for a loss computed elsewhere (the
// tagger's CRF), and the backward pass from a given logit gradient.
import EmbedCore

/// A dense output layer: logits = F W^T + b for each input row, with the softmax cross-entropy on top (or
/// only the logits, for a loss computed elsewhere such as a CRF).
public final class DenseSoftmax<T: NetworkScalar> {
    /// Width of an input row.
    public let inputSize: Int
    /// Outputs per row.
    public let classes: Int
    /// Offset of W (classes x inputSize) in the parameter vector; the bias (classes values) follows it.
    public let parameterOffset: Int
    /// Weights and biases of the layer.
    public var parameterCount: Int { classes * inputSize + classes }

    @usableFromInline let probabilities = Scratch<T>()
    @usableFromInline let dLogits = Scratch<T>()
    @usableFromInline let dInput = Scratch<T>()

    /// A layer whose weights start at `parameterOffset` of the parameter vector it is given.
    public init(inputSize: Int, classes: Int, parameterOffset: Int) {
        self.inputSize = inputSize
        self.classes = classes
        self.parameterOffset = parameterOffset
    }

    /// Glorot-uniform weights, zero bias.
    public func initialize(_ p: UnsafeMutablePointer<T>, random: inout Initializer) {
        let w = p + parameterOffset
        random.glorotUniform(w, rows: classes, columns: inputSize, stride: inputSize, fanIn: inputSize, fanOut: classes)
        (w + classes * inputSize).update(repeating: 0, count: classes)
    }

    /// Class probabilities (rows x classes) of the last `forward`, or the logits after `logits`.
    @inlinable public var output: UnsafeMutablePointer<T> { probabilities.pointer }
    /// dL/dF (rows x inputSize) of the last `backward`.
    @inlinable public var inputGradient: UnsafeMutablePointer<T> { dInput.pointer }

    /// Softmax probabilities for `rows` input rows.
    @inlinable
    public func forward(input: UnsafePointer<T>, rows: Int, parameters p: UnsafePointer<T>) {
        logits(input: input, rows: rows, parameters: p)
        let k = classes
        let out = probabilities.pointer
        for r in 0..<rows {
            let z = out + r * k
            var top = z[0]
            for j in 1..<k where z[j] > top { top = z[j] }
            var sum: T = 0
            for j in 0..<k { z[j] = T.exp(z[j] - top); sum += z[j] }
            for j in 0..<k { z[j] /= sum }
        }
    }

    /// The logits F W^T + b (rows x classes) into `output`, without the softmax.
    @inlinable
    public func logits(input: UnsafePointer<T>, rows: Int, parameters p: UnsafePointer<T>) {
        let k = classes
        let w = p + parameterOffset, bias = w + k * inputSize
        let out = probabilities.reserve(rows * k)
        for r in 0..<rows { (out + r * k).update(from: bias, count: k) }
        T.gemm(transA: false, transB: true, m: rows, n: k, k: inputSize, alpha: 1, a: input, lda: inputSize,
               b: w, ldb: inputSize, beta: 1, c: out, ldc: k)
    }

    /// Mean cross-entropy of the last forward pass against `labels` (one per row).
    @inlinable
    public func loss(labels: UnsafePointer<Int32>, rows: Int) -> T {
        let p = probabilities.pointer
        var total: T = 0
        for r in 0..<rows { total -= T.log(max(p[r * classes + Int(labels[r])], T.leastNormalMagnitude)) }
        return total / T(rows)
    }

    /// Adds dL/dW, dL/db of the mean cross-entropy into `gradients` and writes dL/dF into `inputGradient`.
    @inlinable
    public func backward(input: UnsafePointer<T>, labels: UnsafePointer<Int32>, rows: Int, parameters p: UnsafePointer<T>,
                         gradients g: UnsafeMutablePointer<T>) {
        let k = classes
        let d = dLogits.reserve(rows * k), prob = probabilities.pointer
        let scale = 1 / T(rows)
        for r in 0..<rows {
            for j in 0..<k { d[r * k + j] = prob[r * k + j] * scale }
            d[r * k + Int(labels[r])] -= scale
        }
        backward(input: input, logitGradient: d, rows: rows, parameters: p, gradients: g)
    }

    /// Adds dL/dW, dL/db for the logit gradient `d` (rows x classes) into `gradients` and writes dL/dF into
    /// `inputGradient`.
    @inlinable
    public func backward(input: UnsafePointer<T>, logitGradient d: UnsafePointer<T>, rows: Int,
                         parameters p: UnsafePointer<T>, gradients g: UnsafeMutablePointer<T>) {
        let k = classes
        let gw = g + parameterOffset, gb = gw + k * inputSize
        T.gemm(transA: true, transB: false, m: k, n: inputSize, k: rows, alpha: 1, a: d, lda: k,
               b: input, ldb: inputSize, beta: 1, c: gw, ldc: inputSize)
        for r in 0..<rows { for j in 0..<k { gb[j] += d[r * k + j] } }
        let dIn = dInput.reserve(rows * inputSize)
        T.gemm(transA: false, transB: false, m: rows, n: inputSize, k: k, alpha: 1, a: d, lda: k,
               b: p + parameterOffset, ldb: inputSize, beta: 0, c: dIn, ldc: inputSize)
    }
}
