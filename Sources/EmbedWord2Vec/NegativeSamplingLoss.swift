// Role: negative sampling: the target's output row with label 1 and `negative` rows drawn from the noise
// distribution with label 0 (draws equal to the target are skipped, as word2vec does), shared by all inputs.
import EmbedCore
import EmbedKernels

/// Negative sampling: the target's output row with label 1 against `negative` noise rows with label 0, shared
/// by all the inputs of a step (draws equal to the target are skipped, as word2vec does).
public final class NegativeSamplingLoss: OutputLoss {
    let output: WeightMatrix
    let sampler: NoiseSampler
    let negative: Int
    /// The largest `inputCount` a step accepts.
    public let maxInputs: Int
    private let scratch: LogisticScratch

    /// A layer over `output` drawing `negative` noise words per step from `sampler`, for at most `maxInputs` inputs.
    public init(output: WeightMatrix, sampler: NoiseSampler, negative: Int, maxInputs: Int) {
        self.output = output
        self.sampler = sampler
        self.negative = negative
        self.maxInputs = maxInputs
        scratch = LogisticScratch(maxOutputs: negative + 1, maxInputs: maxInputs)
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
                                            scratch: scratch.work, computeLoss: computeLoss)
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
