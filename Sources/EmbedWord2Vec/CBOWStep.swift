// Role: one CBOW step: the mean of the context rows is the hidden vector that predicts the centre word;
// its step is then added whole to every context row (word2vec's and fastText's convention, not divided
// by the number of context words).
import EmbedCore
import EmbedKernels

enum CBOWStep {
    /// `hidden` and `before` are scratch rows of `stride` floats. Returns the loss when `computeLoss`.
    @inline(__always)
    static func run<Loss: OutputLoss>(_ loss: Loss, contexts rows: UnsafePointer<UnsafeMutablePointer<Float>>,
                                      count: Int, hidden: UnsafeMutablePointer<Float>,
                                      before: UnsafeMutablePointer<Float>, stride: Int, target: Int32, rate: Float,
                                      rng: inout FastRandom, computeLoss: Bool) -> Float {
        VectorMath.zero(hidden, stride)
        for k in 0..<count { VectorMath.axpy(1, rows[k], hidden, stride) }
        VectorMath.scale(hidden, 1 / Float(count), stride)
        before.update(from: hidden, count: stride)
        var h = hidden
        let l = loss.step(inputs: &h, inputCount: 1, target: target, rate: rate, rng: &rng, computeLoss: computeLoss)
        VectorMath.axpy(-1, before, hidden, stride)          // hidden now holds the step
        for k in 0..<count { VectorMath.axpy(1, hidden, rows[k], stride) }
        return l
    }
}
