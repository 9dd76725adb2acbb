// Role: the output layer: logits = F W^T + b, softmax over classes, mean cross-entropy over the batch and its
// gradient (p - onehot) / batch back to W, b and F.
import EmbedCore

final class DenseSoftmax<T: NetworkScalar> {
    let inputSize: Int
    let classes: Int
    /// Offset of W (classes x inputSize) in the parameter vector; the bias (classes values) follows it.
    let parameterOffset: Int
    var parameterCount: Int { classes * inputSize + classes }

    private let probabilities = Scratch<T>()
    private let dLogits = Scratch<T>()
    private let dInput = Scratch<T>()

    init(inputSize: Int, classes: Int, parameterOffset: Int) {
        self.inputSize = inputSize
        self.classes = classes
        self.parameterOffset = parameterOffset
    }

    func initialize(_ p: UnsafeMutablePointer<T>, random: inout Initializer) {
        let w = p + parameterOffset
        random.glorotUniform(w, rows: classes, columns: inputSize, stride: inputSize, fanIn: inputSize, fanOut: classes)
        (w + classes * inputSize).update(repeating: 0, count: classes)
    }

    /// Class probabilities (rows x classes) of the last `forward`.
    var output: UnsafeMutablePointer<T> { probabilities.pointer }
    /// dL/dF (rows x inputSize) of the last `backward`.
    var inputGradient: UnsafeMutablePointer<T> { dInput.pointer }

    /// Softmax probabilities for `rows` input rows.
    func forward(input: UnsafePointer<T>, rows: Int, parameters p: UnsafePointer<T>) {
        let k = classes
        let w = p + parameterOffset, bias = w + k * inputSize
        let out = probabilities.reserve(rows * k)
        for r in 0..<rows { (out + r * k).update(from: bias, count: k) }
        T.gemm(transA: false, transB: true, m: rows, n: k, k: inputSize, alpha: 1, a: input, lda: inputSize,
               b: w, ldb: inputSize, beta: 1, c: out, ldc: k)
        for r in 0..<rows {
            let z = out + r * k
            var top = z[0]
            for j in 1..<k where z[j] > top { top = z[j] }
            var sum: T = 0
            for j in 0..<k { z[j] = T.exp(z[j] - top); sum += z[j] }
            for j in 0..<k { z[j] /= sum }
        }
    }

    /// Mean cross-entropy of the last forward pass against `labels` (one per row).
    func loss(labels: UnsafePointer<Int32>, rows: Int) -> T {
        let p = probabilities.pointer
        var total: T = 0
        for r in 0..<rows { total -= T.log(max(p[r * classes + Int(labels[r])], T.leastNormalMagnitude)) }
        return total / T(rows)
    }

    /// Adds dL/dW, dL/db of the mean cross-entropy into `gradients` and writes dL/dF into `inputGradient`.
    func backward(input: UnsafePointer<T>, labels: UnsafePointer<Int32>, rows: Int, parameters p: UnsafePointer<T>,
                  gradients g: UnsafeMutablePointer<T>) {
        let k = classes
        let d = dLogits.reserve(rows * k), prob = probabilities.pointer
        let scale = 1 / T(rows)
        for r in 0..<rows {
            for j in 0..<k { d[r * k + j] = prob[r * k + j] * scale }
            d[r * k + Int(labels[r])] -= scale
        }
        let gw = g + parameterOffset, gb = gw + k * inputSize
        T.gemm(transA: true, transB: false, m: k, n: inputSize, k: rows, alpha: 1, a: d, lda: k,
               b: input, ldb: inputSize, beta: 1, c: gw, ldc: inputSize)
        for r in 0..<rows { for j in 0..<k { gb[j] += d[r * k + j] } }
        let dIn = dInput.reserve(rows * inputSize)
        T.gemm(transA: false, transB: false, m: rows, n: inputSize, k: k, alpha: 1, a: d, lda: k,
               b: p + parameterOffset, ldb: inputSize, beta: 0, c: dIn, ldc: inputSize)
    }
}
