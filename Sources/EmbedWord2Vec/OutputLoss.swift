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
    /// One input predicting each of `targets` in turn (a subword model's centre and its context words), as
    /// fastText does it: each target's step is taken at the input as the previous targets' steps left it, and
    /// their sum is added to `step` (the input itself is left as it was). fastText adds each pair's step to
    /// every row of the mean, so the mean moves by that step before the next pair; doing the same to one copy
    /// of the mean gives its result without touching the rows once per pair. A layer may instead take one
    /// step on the summed loss (shared negatives). `scratch` is one row of `length` floats.
    /// Returns the loss (each target's before its step) when `computeLoss`, else 0.
    func step(input: UnsafePointer<Float>, into step: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
              targetCount: Int, rate: Float, scratch: UnsafeMutablePointer<Float>, length: Int,
              rng: inout FastRandom, computeLoss: Bool) -> Float
}

extension OutputLoss {
    /// Returns 0: by default a layer does every step at once and defers nothing.
    @inline(__always)
    public func flush() -> Float { 0 }

    /// One step per target in turn, each from the input as the steps before it left it.
    @inline(__always)
    public func step(input: UnsafePointer<Float>, into step: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                     targetCount: Int, rate: Float, scratch: UnsafeMutablePointer<Float>, length: Int,
                     rng: inout FastRandom, computeLoss: Bool) -> Float {
        eachTarget(input: input, into: step, targets: targets, targetCount: targetCount, rate: rate, scratch: scratch,
                   length: length, rng: &rng, computeLoss: computeLoss)
    }

    /// The per-target steps of `step(input:into:targets:...)`: `scratch` takes a copy of the input, every target
    /// steps it in place, and the difference it ends with is added to `step`.
    @inline(__always)
    func eachTarget(input: UnsafePointer<Float>, into step: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                    targetCount: Int, rate: Float, scratch: UnsafeMutablePointer<Float>, length: Int,
                    rng: inout FastRandom, computeLoss: Bool) -> Float {
        var total: Float = 0
        scratch.update(from: input, count: length)
        var h = scratch
        for t in 0..<targetCount {
            total += self.step(inputs: &h, inputCount: 1, target: targets[t], rate: rate, rng: &rng, computeLoss: computeLoss)
        }
        VectorMath.axpy(-1, input, scratch, length)      // scratch now holds the sum of the targets' steps
        VectorMath.axpy(1, scratch, step, length)
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
