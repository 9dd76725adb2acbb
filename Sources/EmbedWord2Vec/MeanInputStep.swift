// Role: one step whose input is the mean of several input rows: CBOW (the context rows predict the centre) and
// fastText's subword model (a word's own row and its n-gram rows predict each context word, one after another,
// the mean moving by each one's step as fastText's does). The input side's steps are summed, then added whole to
// every row (word2vec's and fastText's convention, not divided by the number of rows).
import EmbedCore
import EmbedKernels

enum MeanInputStep {
    /// `hidden`, `scratch` and `step` are scratch rows of `stride` floats. Returns the summed loss of the
    /// targets when `computeLoss`.
    @inline(__always)
    static func run<Loss: OutputLoss>(_ loss: Loss, rows: UnsafePointer<UnsafeMutablePointer<Float>>, count: Int,
                                      targets: UnsafePointer<Int32>, targetCount: Int,
                                      hidden: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                      step: UnsafeMutablePointer<Float>, stride: Int, rate: Float,
                                      rng: inout FastRandom, computeLoss: Bool) -> Float {
        VectorMath.zero(hidden, stride)
        for k in 0..<count { VectorMath.axpy(1, rows[k], hidden, stride) }
        VectorMath.scale(hidden, 1 / Float(count), stride)
        VectorMath.zero(step, stride)
        let total = loss.step(input: hidden, into: step, targets: targets, targetCount: targetCount, rate: rate,
                              scratch: scratch, length: stride, rng: &rng, computeLoss: computeLoss)
        for k in 0..<count { VectorMath.axpy(1, step, rows[k], stride) }
        return total
    }
}
