// Role: mean and max pooling over the rows of each sequence of a packed batch (row of token t of sequence b
// is stepOffsets[t] + b), with their backward passes; only a sequence's own rows are read, so padding cannot
// change the result.
import EmbedCore

/// Pooling over each packed sequence's rows: out[b] = mean or unit-wise max of its `width`-value rows.
public enum SequencePooling {
    /// out[b] = mean over t < length_b of input[row(t, b)] (batch.count x width).
    @inlinable
    public static func meanForward<T: NetworkScalar>(_ input: UnsafePointer<T>, batch: PackedBatch, width: Int,
                                                     into out: UnsafeMutablePointer<T>) {
        out.update(repeating: 0, count: batch.count * width)
        for t in 0..<batch.steps {
            let first = batch.stepOffsets[t]
            for b in 0..<batch.stepSizes[t] {
                let src = input + (first + b) * width, dst = out + b * width
                for k in 0..<width { dst[k] += src[k] }
            }
        }
        for b in 0..<batch.count {
            let scale = 1 / T(batch.lengths[b]), dst = out + b * width
            for k in 0..<width { dst[k] *= scale }
        }
    }

    /// dInput[row(t, b)] = dOut[b] / length_b for every row of the batch (overwrites dInput).
    @inlinable
    public static func meanBackward<T: NetworkScalar>(_ dOut: UnsafePointer<T>, batch: PackedBatch, width: Int,
                                                      into dInput: UnsafeMutablePointer<T>) {
        for t in 0..<batch.steps {
            let first = batch.stepOffsets[t]
            for b in 0..<batch.stepSizes[t] {
                let scale = 1 / T(batch.lengths[b]), src = dOut + b * width, dst = dInput + (first + b) * width
                for k in 0..<width { dst[k] = src[k] * scale }
            }
        }
    }

    /// out[b][k] = max over t < length_b of input[row(t, b)][k]; argmax[b * width + k] = that row (the first
    /// on ties).
    @inlinable
    public static func maxForward<T: NetworkScalar>(_ input: UnsafePointer<T>, batch: PackedBatch, width: Int,
                                                    into out: UnsafeMutablePointer<T>, argmax: UnsafeMutablePointer<Int32>) {
        for b in 0..<batch.count {
            let dst = out + b * width, arg = argmax + b * width
            (dst).update(from: input + b * width, count: width)     // step 0: row b
            arg.update(repeating: Int32(b), count: width)
        }
        for t in 1..<max(batch.steps, 1) {
            let first = batch.stepOffsets[t]
            for b in 0..<batch.stepSizes[t] {
                let row = first + b, src = input + row * width, dst = out + b * width, arg = argmax + b * width
                for k in 0..<width where src[k] > dst[k] { dst[k] = src[k]; arg[k] = Int32(row) }
            }
        }
    }

    /// dInput = 0 except dInput[argmax[b][k]][k] = dOut[b][k] (rows x width, overwritten).
    @inlinable
    public static func maxBackward<T: NetworkScalar>(_ dOut: UnsafePointer<T>, argmax: UnsafePointer<Int32>,
                                                     batch: PackedBatch, width: Int, into dInput: UnsafeMutablePointer<T>) {
        dInput.update(repeating: 0, count: batch.rows * width)
        for b in 0..<batch.count {
            for k in 0..<width { dInput[Int(argmax[b * width + k]) * width + k] += dOut[b * width + k] }
        }
    }
}
