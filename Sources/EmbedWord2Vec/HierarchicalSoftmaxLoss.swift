// Role: hierarchical softmax: p(target) is the product of binary decisions along the target's Huffman path;
// each inner node's output row is trained with label 1 - code (word2vec's convention).
import EmbedCore
import EmbedKernels

/// Hierarchical softmax: the target's probability is the product of binary decisions along its Huffman path,
/// one output row per inner node, trained with label 1 - code (word2vec's convention).
public final class HierarchicalSoftmaxLoss: OutputLoss {
    let output: WeightMatrix      // one row per inner node (vocabulary size - 1)
    let tree: HuffmanTree
    /// The largest `inputCount` a step accepts.
    public let maxInputs: Int
    private let scratch: LogisticScratch
    private let offsets: UnsafeMutablePointer<Int32>
    private let points: UnsafeMutablePointer<Int32>
    private let targetLabels: UnsafeMutablePointer<Float>
    /// The kernel width of the steps (`SIMDVariant.active` when the layer was made).
    public let simd = SIMDVariant.active

    /// A layer over `output` (one row per inner node of `tree`) for steps of at most `maxInputs` inputs.
    public init(output: WeightMatrix, tree: HuffmanTree, maxInputs: Int) {
        precondition(output.rows == tree.count - 1)
        self.output = output
        self.tree = tree
        self.maxInputs = maxInputs
        scratch = LogisticScratch(maxOutputs: max(1, tree.maxDepth), maxInputs: maxInputs)
        offsets = .allocate(capacity: tree.offsets.count)
        offsets.initialize(from: tree.offsets, count: tree.offsets.count)
        points = .allocate(capacity: max(1, tree.points.count))
        points.initialize(from: tree.points, count: tree.points.count)
        targetLabels = .allocate(capacity: max(1, tree.codes.count))
        for (i, c) in tree.codes.enumerated() { targetLabels[i] = 1 - Float(c) }
    }

    deinit { offsets.deallocate(); points.deallocate(); targetLabels.deallocate() }

    /// One logistic step of the inputs against the inner nodes on `target`'s path; returns the loss when `computeLoss`.
    @inline(__always)
    public func step(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int, target: Int32, rate: Float,
                     rng: inout FastRandom, computeLoss: Bool) -> Float {
        let start = Int(offsets[Int(target)]), end = Int(offsets[Int(target) + 1])
        let rows = scratch.rows
        for k in start..<end { rows[k - start] = output.row(Int(points[k])) }
        return SkipGramKernels.logisticStep(inputs: inputs, inputCount: inputCount, outputs: rows,
                                            labels: targetLabels + start, outputCount: end - start,
                                            length: output.stride, rate: rate, scratch: scratch.work,
                                            computeLoss: computeLoss, variant: simd)
    }
}
