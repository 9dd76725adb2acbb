// Role: negative sampling: the target's output row with label 1 and `negative` rows drawn from the noise
// distribution with label 0 (draws equal to the target are skipped, as word2vec does), shared by all inputs.
// With shared negatives, one input predicting several targets (a subword centre and its window) draws one set
// for all of them, weighted by their number so that the expected loss is the per-pair one.
import EmbedCore
import EmbedKernels
import Foundation

/// Negative sampling: the target's output row with label 1 against `negative` noise rows with label 0, shared
/// by all the inputs of a step (draws equal to the target are skipped, as word2vec does).
public final class NegativeSamplingLoss: OutputLoss {
    let output: WeightMatrix
    let sampler: NoiseSampler
    let negative: Int
    /// The largest `inputCount` a step accepts.
    public let maxInputs: Int
    /// Most targets of one input in `step(input:into:targets:...)` that share one set of negatives (0: none share).
    public let sharedTargets: Int
    private let scratch: LogisticScratch
    /// The kernel width of the steps (`SIMDVariant.active` when the layer was made).
    public let simd = SIMDVariant.active

    /// A layer over `output` drawing `negative` noise words per step from `sampler`, for at most `maxInputs`
    /// inputs; with `sharedTargets` above 1, up to that many targets of one input share one set of negatives.
    public init(output: WeightMatrix, sampler: NoiseSampler, negative: Int, maxInputs: Int, sharedTargets: Int = 0) {
        self.output = output
        self.sampler = sampler
        self.negative = negative
        self.maxInputs = maxInputs
        self.sharedTargets = sharedTargets
        scratch = LogisticScratch(maxOutputs: negative + max(1, sharedTargets), maxInputs: maxInputs)
    }

    /// One logistic step of the inputs against the target and freshly drawn negatives (using `rng`);
    /// returns the loss when `computeLoss`.
    @inline(__always)
    public func step(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int, target: Int32, rate: Float,
                     rng: inout FastRandom, computeLoss: Bool) -> Float {
        let rows = scratch.rows, labels = scratch.labels
        rows[0] = output.row(Int(target)); labels[0] = 1
        var j = 1
        for _ in 0..<negative {
            let id = sampler.draw(&rng)
            if id == target { continue }
            rows[j] = output.row(Int(id)); labels[j] = 0
            j += 1
        }
        return SkipGramKernels.logisticStep(inputs: inputs, inputCount: inputCount, outputs: rows, labels: labels,
                                            outputCount: j, length: output.stride, rate: rate,
                                            scratch: scratch.work, computeLoss: computeLoss, variant: simd)
    }

    /// One input against all `targets` (label 1) and one set of `negative` noise rows (label 0; draws equal to a
    /// target skipped), each noise row's gradient weighted by the number of targets: in expectation the loss of
    /// every (input, target) pair with its own negatives. Without sharing, one step per target.
    @inline(__always)
    public func step(input: UnsafePointer<Float>, into step: UnsafeMutablePointer<Float>, targets: UnsafePointer<Int32>,
                     targetCount m: Int, rate: Float, scratch row: UnsafeMutablePointer<Float>, length: Int,
                     rng: inout FastRandom, computeLoss: Bool) -> Float {
        guard m > 1 && m <= sharedTargets else {
            return eachTarget(input: input, into: step, targets: targets, targetCount: m, rate: rate, scratch: row,
                              length: length, rng: &rng, computeLoss: computeLoss)
        }
        let rows = scratch.rows, labels = scratch.labels
        for t in 0..<m { rows[t] = output.row(Int(targets[t])); labels[t] = 1 }
        var j = m
        draws: for _ in 0..<negative {
            let id = sampler.draw(&rng)
            for t in 0..<m where targets[t] == id { continue draws }
            rows[j] = output.row(Int(id)); labels[j] = 0
            j += 1
        }
        row.update(from: input, count: length)
        var h = row
        let loss = SkipGramKernels.logisticStep(inputs: &h, inputCount: 1, outputs: rows, labels: labels, outputCount: j,
                                                length: length, rate: rate, scratch: scratch.work,
                                                computeLoss: computeLoss, negativeWeight: Float(m), variant: simd)
        VectorMath.axpy(-1, input, row, length)           // row now holds the input's step
        VectorMath.axpy(1, row, step, length)
        return loss
    }

    /// The ids `step` would use with this generator state (target first), for tests.
    func outputIDs(target: Int32, rng: FastRandom) -> [Int32] {
        var rng = rng
        var ids: [Int32] = [target]
        for _ in 0..<negative {
            let id = sampler.draw(&rng)
            if id != target { ids.append(id) }
        }
        return ids
    }
}
