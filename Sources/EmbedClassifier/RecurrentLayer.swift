// Role: one direction of one recurrent layer over a packed batch: forward and backward through time with
// the weights W (G*H x (H+D), applied to [a_prev, x]) and bias b, using gemm for every product.
//
// The product W [a_prev, x] is computed in two column blocks of the same matrix: the x block for every row
// of the batch in one gemm before the time loop, the a_prev block per step (it depends on the previous step).
// Backward mirrors it: dW = dZ^T [a_prev, x] in one gemm over all rows, dX = dZ W_x in one gemm, and only
// dA_{t-1} += dZ_t W_a runs per step.
import EmbedCore

/// One direction of one recurrent layer (LSTM or vanilla RNN) over a packed batch; its weights live in a
/// network's parameter vector at `parameterOffset`, its workspaces in the layer.
public final class RecurrentLayer<T: NetworkScalar> {
    /// The cell kind (LSTM or RNN).
    public let cell: CellKind
    /// Width of an input row.
    public let inputSize: Int
    /// Units (width of an output row).
    public let hidden: Int
    /// Rows of W: gate blocks x hidden.
    public let gateWidth: Int
    /// Columns of W: hidden (the a_prev block) + input (the x block).
    @inlinable public var width: Int { hidden + inputSize }
    /// Offset of W in the network's parameter vector; the bias (gateWidth values) follows it.
    public let parameterOffset: Int
    /// Weights and biases of the layer.
    public var parameterCount: Int { gateWidth * width + gateWidth }

    // Workspaces, `rows` x the width named.
    @usableFromInline let xa = Scratch<T>()          // [a_prev, x] per row
    @usableFromInline let z = Scratch<T>()           // activated gates
    @usableFromInline let c = Scratch<T>()           // cell state (LSTM)
    @usableFromInline let tanhC = Scratch<T>()       // tanh(c) (LSTM)
    @usableFromInline let a = Scratch<T>()           // output
    @usableFromInline let dZ = Scratch<T>()
    @usableFromInline let dC = Scratch<T>()
    /// dL/d(output) per row: the caller fills it (zeroed by `prepareBackward`) before `backward`.
    @usableFromInline let dA = Scratch<T>()
    @usableFromInline let dX = Scratch<T>()

    /// A layer whose weights start at `parameterOffset` of the parameter vector it is given.
    public init(cell: CellKind, inputSize: Int, hidden: Int, parameterOffset: Int) {
        self.cell = cell
        self.inputSize = inputSize
        self.hidden = hidden
        self.gateWidth = cell.gateBlocks * hidden
        self.parameterOffset = parameterOffset
    }

    /// The layer's outputs a_t, one row of `hidden` values per packed row (valid after `forward`).
    @inlinable public var output: UnsafeMutablePointer<T> { a.pointer }
    /// dL/d(output), filled by the caller between `prepareBackward` and `backward`.
    @inlinable public var outputGradient: UnsafeMutablePointer<T> { dA.pointer }
    /// dL/d(input) per row (valid after `backward(computeInputGradient: true)`).
    @inlinable public var inputGradient: UnsafeMutablePointer<T> { dX.pointer }

    /// Glorot-uniform input block; recurrent block (all gates) with orthonormal columns, as Keras initialises
    /// its recurrent kernel; zero bias but 1 for the forget gate.
    public func initialize(_ p: UnsafeMutablePointer<T>, random: inout Initializer) {
        let w = p + parameterOffset
        random.glorotUniform(w + hidden, rows: gateWidth, columns: inputSize, stride: width,
                             fanIn: inputSize, fanOut: gateWidth)
        random.orthogonalColumns(w, rows: gateWidth, columns: hidden, stride: width)
        let bias = w + gateWidth * width
        bias.update(repeating: 0, count: gateWidth)
        if cell == .lstm { (bias + hidden).update(repeating: 1, count: hidden) }
    }

    /// Runs the layer over `input` (rows x inputSize, packed like `batch`).
    @inlinable
    public func forward(input: UnsafePointer<T>, batch: PackedBatch, parameters p: UnsafePointer<T>) {
        let rows = batch.rows, h = hidden, gw = gateWidth, wd = width
        let w = p + parameterOffset, bias = w + gw * wd
        let xa = self.xa.reserve(rows * wd), z = self.z.reserve(rows * gw), a = self.a.reserve(rows * h)
        let c = cell == .lstm ? self.c.reserve(rows * h) : self.c.pointer
        let tanhC = cell == .lstm ? self.tanhC.reserve(rows * h) : self.tanhC.pointer
        for r in 0..<rows {
            (xa + r * wd + h).update(from: input + r * inputSize, count: inputSize)
            (z + r * gw).update(from: bias, count: gw)
        }
        for r in 0..<batch.stepSizes[0] { (xa + r * wd).update(repeating: 0, count: h) }
        // Input block for every row at once: z += x W_x^T.
        T.gemm(transA: false, transB: true, m: rows, n: gw, k: inputSize, alpha: 1, a: xa + h, lda: wd,
               b: w + h, ldb: wd, beta: 1, c: z, ldc: gw)
        for t in 0..<batch.steps {
            let n = batch.stepSizes[t], r0 = batch.stepOffsets[t]
            if t > 0 {
                // Recurrent block: z_t += a_{t-1} W_a^T (a_prev already copied into xa's first columns).
                T.gemm(transA: false, transB: true, m: n, n: gw, k: h, alpha: 1, a: xa + r0 * wd, lda: wd,
                       b: w, ldb: wd, beta: 1, c: z + r0 * gw, ldc: gw)
            }
            switch cell {
            case .lstm:
                let cPrev = t > 0 ? UnsafePointer(c + batch.stepOffsets[t - 1] * h) : nil
                CellMath<T>.lstmForward(rows: n, hidden: h, z: z + r0 * gw, cPrev: cPrev, c: c + r0 * h,
                                        tanhC: tanhC + r0 * h, a: a + r0 * h)
            case .rnn:
                CellMath<T>.rnnForward(rows: n, hidden: h, z: z + r0 * gw, a: a + r0 * h)
            }
            if t + 1 < batch.steps {
                let next = batch.stepOffsets[t + 1]
                for b in 0..<batch.stepSizes[t + 1] {
                    (xa + (next + b) * wd).update(from: a + (r0 + b) * h, count: h)
                }
            }
        }
    }

    /// Zeroes `outputGradient` for a batch of `rows` rows.
    @inlinable
    public func prepareBackward(rows: Int) {
        dA.reserve(rows * hidden)
        dA.zero(rows * hidden)
    }

    /// Backpropagates `outputGradient` through time: adds dL/dW and dL/db into `gradients`, and writes
    /// dL/d(input) into `inputGradient` when asked. Must follow `forward` on the same batch.
    @inlinable
    public func backward(batch: PackedBatch, parameters p: UnsafePointer<T>, gradients g: UnsafeMutablePointer<T>,
                  computeInputGradient: Bool) {
        let rows = batch.rows, h = hidden, gw = gateWidth, wd = width
        let w = p + parameterOffset
        let dA = self.dA.pointer, z = self.z.pointer, xa = self.xa.pointer
        let dZ = self.dZ.reserve(rows * gw)
        let dC = cell == .lstm ? self.dC.reserve(rows * h) : self.dC.pointer
        if cell == .lstm { dC.update(repeating: 0, count: rows * h) }
        for t in stride(from: batch.steps - 1, through: 0, by: -1) {
            let n = batch.stepSizes[t], r0 = batch.stepOffsets[t]
            let prev = t > 0 ? batch.stepOffsets[t - 1] : 0
            switch cell {
            case .lstm:
                CellMath<T>.lstmBackward(rows: n, hidden: h, z: z + r0 * gw,
                                         cPrev: t > 0 ? UnsafePointer(c.pointer + prev * h) : nil,
                                         tanhC: tanhC.pointer + r0 * h, dA: dA + r0 * h, dC: dC + r0 * h,
                                         dZ: dZ + r0 * gw, dCPrev: t > 0 ? dC + prev * h : nil)
            case .rnn:
                CellMath<T>.rnnBackward(rows: n, hidden: h, z: z + r0 * gw, dA: dA + r0 * h, dZ: dZ + r0 * gw)
            }
            if t > 0 {
                // dA_{t-1} += dZ_t W_a for the sequences still running at step t.
                T.gemm(transA: false, transB: false, m: n, n: h, k: gw, alpha: 1, a: dZ + r0 * gw, lda: gw,
                       b: w, ldb: wd, beta: 1, c: dA + prev * h, ldc: h)
            }
        }
        let gw0 = g + parameterOffset
        // dW += dZ^T [a_prev, x]; db += column sums of dZ.
        T.gemm(transA: true, transB: false, m: gw, n: wd, k: rows, alpha: 1, a: dZ, lda: gw,
               b: xa, ldb: wd, beta: 1, c: gw0, ldc: wd)
        let gb = gw0 + gw * wd
        for r in 0..<rows {
            let dz = dZ + r * gw
            for k in 0..<gw { gb[k] += dz[k] }
        }
        if computeInputGradient {
            let dX = self.dX.reserve(rows * inputSize)
            T.gemm(transA: false, transB: false, m: rows, n: inputSize, k: gw, alpha: 1, a: dZ, lda: gw,
                   b: w + h, ldb: wd, beta: 0, c: dX, ldc: inputSize)
        }
    }
}
