// Role: the output layer's contract (fastText's Loss): one SGD step for a block of input rows (the context
// vectors of a window in skip-gram, the hidden mean in CBOW) predicting one target word.
import EmbedCore
import EmbedKernels

/// The output layer of word2vec training (fastText's Loss): one SGD step of a block of input rows predicting a
/// target word. Negative sampling, hierarchical softmax and the full softmax implement it.
public protocol OutputLoss: AnyObject {
    /// Largest `inputCount` a step accepts (sizes the scratch buffers).
    var maxInputs: Int { get }
    /// Updates the output rows and the input rows in place by one step of size `rate` on the summed loss of
    /// every input predicting `target`, all gradients taken at the weights before the step.
    /// Returns that loss (before the step) when `computeLoss`, else 0.
    func step(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int, target: Int32, rate: Float,
              rng: inout FastRandom, computeLoss: Bool) -> Float
    /// Completes the steps a layer deferred to batch them (the workers call it at every line end and buffer
    /// stretch); returns their loss as `step` would have. Layers that never defer return 0.
    func flush() -> Float
    /// One input predicting each of `targets` (a subword model's centre and its context words): the output rows
    /// take one step on the summed loss, and the input's step is added to `step` (the input itself is left as it
    /// was), gradients at the weights before the step. `scratch` is one row of `length` floats.
    /// Returns that loss when `computeLoss`, else 0.
    func step(input: UnsafePointer<Float>, into step: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
              targetCount: Int, rate: Float, scratch: UnsafeMutablePointer<Float>, length: Int,
              rng: inout FastRandom, computeLoss: Bool) -> Float
}

extension OutputLoss {
    /// Returns 0: by default a layer does every step at once and defers nothing.
    @inline(__always)
    public func flush() -> Float { 0 }

    /// One step per target, each from the input as it was before all of them; the input's steps are summed.
    @inline(__always)
    public func step(input: UnsafePointer<Float>, into step: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                     targetCount: Int, rate: Float, scratch: UnsafeMutablePointer<Float>, length: Int,
                     rng: inout FastRandom, computeLoss: Bool) -> Float {
        eachTarget(input: input, into: step, targets: targets, targetCount: targetCount, rate: rate, scratch: scratch,
                   length: length, rng: &rng, computeLoss: computeLoss)
    }

    /// The per-target steps of `step(input:into:targets:...)`: `scratch` takes a copy of the input for each target,
    /// and the difference it makes is added to `step`.
    @inline(__always)
    func eachTarget(input: UnsafePointer<Float>, into step: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                    targetCount: Int, rate: Float, scratch: UnsafeMutablePointer<Float>, length: Int,
                    rng: inout FastRandom, computeLoss: Bool) -> Float {
        var total: Float = 0
        for t in 0..<targetCount {
            scratch.update(from: input, count: length)
            var h = scratch
            total += self.step(inputs: &h, inputCount: 1, target: targets[t], rate: rate, rng: &rng, computeLoss: computeLoss)
            VectorMath.axpy(-1, input, scratch, length)      // scratch now holds this target's step
            VectorMath.axpy(1, scratch, step, length)
        }
        return total
    }
}

/// Per-thread scratch for the logistic losses: output row pointers, labels and kernel workspace.
final class LogisticScratch {
    let rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    let labels: UnsafeMutablePointer<Float>
    let work: UnsafeMutablePointer<Float>

    init(maxOutputs: Int, maxInputs: Int) {
        rows = .allocate(capacity: maxOutputs)
        labels = .allocate(capacity: maxOutputs)
        let n = SkipGramKernels.scratchFloats(inputs: maxInputs, outputs: maxOutputs)
        work = .allocate(capacity: n)
        work.initialize(repeating: 0, count: n)
    }

    deinit { rows.deallocate(); labels.deallocate(); work.deallocate() }
}
