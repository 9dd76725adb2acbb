// Role: the full softmax p(t|c) = exp(theta_t . e_c) / sum_j exp(theta_j . e_c) with cross-entropy, done for
// a batch of inputs at once with three sgemm calls (scores, input gradients, rank-k output update). Skip-gram
// steps are deferred and merged into batches of up to `batchRows` inputs (minibatch SGD: every gradient of a
// batch is taken at the weights before it), which turns the per-step passes over the whole output matrix into
// one pass per batch.
import EmbedCore
import EmbedKernels

/// The full softmax over every word with cross-entropy, batching deferred skip-gram steps into sgemm calls.
public final class FullSoftmaxLoss: OutputLoss {
    let output: WeightMatrix      // one row per word
    /// The largest `inputCount` a step accepts.
    public let maxInputs: Int
    let batchRows: Int
    private let gathered: UnsafeMutablePointer<Float>    // batchRows x stride
    private let inputSteps: UnsafeMutablePointer<Float>  // batchRows x stride
    private let scores: UnsafeMutablePointer<Float>      // batchRows x rows
    private let pending: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    private let targets: UnsafeMutablePointer<Int32>
    private let measured: UnsafeMutablePointer<Bool>
    private var used = 0
    private var rate: Float = 0

    /// `batchRows` <= `maxInputs` makes every step immediate (CBOW needs that: its input is a scratch row).
    public init(output: WeightMatrix, maxInputs: Int, batchRows: Int = 0) {
        self.output = output
        self.maxInputs = maxInputs
        self.batchRows = max(batchRows, maxInputs)
        let n = self.batchRows
        gathered = .allocate(capacity: n * output.stride)
        inputSteps = .allocate(capacity: n * output.stride)
        scores = .allocate(capacity: n * output.rows)
        pending = .allocate(capacity: n)
        targets = .allocate(capacity: n)
        measured = .allocate(capacity: n)
    }

    deinit {
        gathered.deallocate(); inputSteps.deallocate(); scores.deallocate()
        pending.deallocate(); targets.deallocate(); measured.deallocate()
    }

    /// Queues the step of `inputCount` inputs predicting `target`, completing the queued batch first when it is
    /// full (every step is immediate when batching is off). Returns the measured loss of the steps it completed.
    public func step(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int, target: Int32, rate: Float,
                     rng: inout FastRandom, computeLoss: Bool) -> Float {
        var loss: Float = 0
        if used + inputCount > batchRows { loss = flush() }
        let d = output.stride
        for i in 0..<inputCount {
            (gathered + used * d).update(from: inputs[i], count: d)
            pending[used] = inputs[i]
            targets[used] = target
            measured[used] = computeLoss
            used += 1
        }
        self.rate = rate
        if batchRows == maxInputs { loss += flush() }
        return loss
    }

    /// Completes the queued steps in one batch (three sgemm calls) and returns their measured loss.
    public func flush() -> Float {
        let b = used, v = output.rows, d = output.stride
        guard b > 0 else { return 0 }
        used = 0
        // S (b x v) = X (b x d) . O^T
        Matrix.gemm(transB: true, m: b, n: v, k: d, a: gathered, lda: d, b: output.base, ldb: d, c: scores, ldc: v)
        var loss: Float = 0
        for i in 0..<b {
            let row = scores + i * v
            let t = Int(targets[i])
            let target = row[t]
            let logNormaliser = SkipGramKernels.softmax(row, count: v)
            if measured[i] { loss += logNormaliser - target }
            // step = rate * (y - p)
            VectorMath.scale(row, -rate, v)
            row[t] += rate
        }
        // dX (b x d) = G (b x v) . O (v x d), then O += G^T (v x b) . X (b x d), both from the old weights.
        Matrix.gemm(m: b, n: d, k: v, a: scores, lda: v, b: output.base, ldb: d, c: inputSteps, ldc: d)
        Matrix.gemm(transA: true, m: v, n: d, k: b, a: scores, lda: v, b: gathered, ldb: d,
                    beta: 1, c: output.base, ldc: d)
        for i in 0..<b { VectorMath.axpy(1, inputSteps + i * d, pending[i], d) }
        return loss
    }
}
