// Role: the full softmax p(t|c) = exp(theta_t . e_c) / sum_j exp(theta_j . e_c) with cross-entropy, done for
// all inputs of a step at once with three sgemm calls (scores, input gradients, rank-B output update).
import Kernels

public final class FullSoftmaxLoss: OutputLoss {
    let output: WeightMatrix      // one row per word
    public let maxInputs: Int
    private let gathered: UnsafeMutablePointer<Float>    // maxInputs x stride
    private let inputSteps: UnsafeMutablePointer<Float>  // maxInputs x stride
    private let scores: UnsafeMutablePointer<Float>      // maxInputs x rows

    public init(output: WeightMatrix, maxInputs: Int) {
        self.output = output
        self.maxInputs = maxInputs
        gathered = .allocate(capacity: maxInputs * output.stride)
        inputSteps = .allocate(capacity: maxInputs * output.stride)
        scores = .allocate(capacity: maxInputs * output.rows)
    }

    deinit { gathered.deallocate(); inputSteps.deallocate(); scores.deallocate() }

    public func step(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int, target: Int32, rate: Float,
                     rng: inout FastRandom, computeLoss: Bool) -> Float {
        let b = inputCount, v = output.rows, d = output.stride
        for i in 0..<b { (gathered + i * d).update(from: inputs[i], count: d) }
        // S (b x v) = X (b x d) . O^T
        Matrix.gemm(transB: true, m: b, n: v, k: d, a: gathered, lda: d, b: output.base, ldb: d, c: scores, ldc: v)
        var loss: Float = 0
        let t = Int(target)
        for i in 0..<b {
            let row = scores + i * v
            let target = row[t]
            let logNormaliser = SkipGramKernels.softmax(row, count: v)
            if computeLoss { loss += logNormaliser - target }
            // step = rate * (y - p)
            for j in 0..<v { row[j] *= -rate }
            row[t] += rate
        }
        // dX (b x d) = G (b x v) . O (v x d), then O += G^T (v x b) . X (b x d), both from the old weights.
        Matrix.gemm(m: b, n: d, k: v, a: scores, lda: v, b: output.base, ldb: d, c: inputSteps, ldc: d)
        Matrix.gemm(transA: true, m: v, n: d, k: b, a: scores, lda: v, b: gathered, ldb: d,
                    beta: 1, c: output.base, ldc: d)
        for i in 0..<b { VectorMath.axpy(1, inputSteps + i * d, inputs[i], d) }
        return loss
    }
}
