// Role: the epoch loop every mini-batch trainer of the library runs (the sentence classifier, the sequence
// tagger): a seeded shuffle per epoch, batches until the observer asks to stop, a divergence check, the dev
// score with the best epoch's weights kept, one EpochRecord per epoch, early stopping after `patience` epochs
// without a better dev score, and the TrainingSummary of the run.
import EmbedCore
import EmbedKernels
import Foundation

/// A mini-batch training loop over `examples` items, with the trainer's own steps and scores plugged in.
public struct EpochLoop {
    /// Passes over the data.
    public var epochs: Int
    /// Items per batch.
    public var batchSize: Int
    /// Stop after this many epochs without a better dev score (nil: run every epoch).
    public var patience: Int?
    /// The learning rate, for the message when the loss diverges.
    public var learningRate: Double

    /// A loop of `epochs` passes in batches of `batchSize`.
    public init(epochs: Int, batchSize: Int, patience: Int?, learningRate: Double) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.patience = patience
        self.learningRate = learningRate
    }

    /// What the batches of an epoch add up to.
    public struct Totals: Sendable {
        /// Summed loss (over examples or tokens: the trainer's `figures` divides it).
        public var loss = 0.0
        /// Correct predictions.
        public var correct = 0
        /// Items trained on.
        public var examples = 0
        /// Units trained on (tokens).
        public var units = 0
        /// Zero totals.
        public init() {}
        /// Totals of one batch.
        public init(loss: Double, correct: Int, examples: Int, units: Int) {
            self.loss = loss; self.correct = correct; self.examples = examples; self.units = units
        }
        /// Adds another batch's totals.
        public mutating func add(_ other: Totals) {
            loss += other.loss; correct += other.correct; examples += other.examples; units += other.units
        }
    }

    /// A dev-set score: a higher `value` is better, ties go to the lower `tieBreak`; `metrics` are recorded.
    public struct DevScore {
        /// The selection score (accuracy, entity F1).
        public var value: Double
        /// Decides ties (a dev loss): lower wins.
        public var tieBreak: Double
        /// What the epoch record shows of the dev set, in the order of `devMetricNames`.
        public var metrics: [Metric]
        /// A score selecting on `value`.
        public init(value: Double, tieBreak: Double, metrics: [Metric]) {
            self.value = value; self.tieBreak = tieBreak; self.metrics = metrics
        }
    }

    /// Runs the epochs. `trainBatch` trains on the items of one batch (forward, backward and the update) and
    /// returns its totals; `figures` turns an epoch's totals into its loss and metrics; `scoreDev` (nil
    /// without a dev set) scores the current weights, and `keepBest` / `restoreBest` save and restore the best
    /// ones (restored at the end when a dev set chose them). Epoch records go to `observer`, whose
    /// `shouldStop` is polled before every batch. Throws TrainingDiverged when the loss is not finite.
    public func run(examples count: Int, random: inout FastRandom, unitsPerEpoch: Int, unit: String,
                    observer: WorkObserver, trainBatch: ([Int]) -> Totals,
                    figures: (Totals) -> (loss: Double, metrics: [Metric]),
                    devMetricNames: [String], scoreDev: (() -> DevScore)?,
                    keepBest: () -> Void, restoreBest: () -> Void) throws -> TrainingSummary {
        let started = Date()
        var order = Array(0..<count)
        var best: (score: DevScore, epoch: Int)? = nil
        var epochsRun = 0, bestEpoch = 0, stoppedEarly = false, interrupted = false
        var units = 0.0
        for epoch in 1...max(epochs, 1) {
            let start = Date()
            random.shuffle(&order)
            var totals = Totals()
            var first = 0
            while first < order.count {
                if observer.shouldStop { interrupted = true; break }
                let indices = Array(order[first..<min(first + batchSize, order.count)])
                first += batchSize
                totals.add(trainBatch(indices))
            }
            if interrupted && totals.examples == 0 { break }
            let (loss, metrics) = figures(totals)
            guard loss.isFinite else {
                throw TrainingDiverged(epoch: epoch, learningRate: learningRate, value: loss, rateSetting: "learningRate")
            }
            let devScore = scoreDev?()
            var isBest = true
            if let d = devScore {
                isBest = best.map { d.value > $0.score.value || (d.value == $0.score.value && d.tieBreak < $0.score.tieBreak) }
                    ?? true
                if isBest {
                    best = (d, epoch)
                    keepBest()
                }
            }
            epochsRun = epoch
            if isBest { bestEpoch = epoch }
            let seconds = Date().timeIntervalSince(start)
            units += Double(unitsPerEpoch)
            try observer.epochEnded(EpochRecord(
                epoch: epoch, epochs: epochs, loss: loss, seconds: seconds,
                rate: Double(unitsPerEpoch) / max(seconds, 1e-9), unit: unit,
                metrics: metrics + (devScore?.metrics ?? devMetricNames.map { Metric($0, nil) }), isBest: isBest))
            if interrupted { break }
            if let patience, let b = best, epoch - b.epoch >= patience, epoch < epochs {
                stoppedEarly = true
                break
            }
        }
        if best != nil { restoreBest() }
        return TrainingSummary(outcome: interrupted ? .stopped(checkpoint: nil) : .finished, epochsRun: epochsRun,
                               bestEpoch: bestEpoch, stoppedEarly: stoppedEarly,
                               seconds: Date().timeIntervalSince(started), units: units, unit: unit)
    }
}

/// How trainers split a batch into shards that run forward and backward on network replicas sharing the
/// weights, at the same time when allowed, and combine the shards' gradients into the batch's.
public enum Shards {
    /// `parts` contiguous ranges covering 0..<count (the last may be shorter; none empty when count >= parts).
    public static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        let size = (count + parts - 1) / parts
        return (0..<parts).map { s in min(s * size, count)..<min((s + 1) * size, count) }
    }

    /// Runs `work(s)` for s in 0..<parts, concurrently when `parallel`.
    public static func perform(_ parts: Int, parallel: Bool, _ work: (Int) -> Void) {
        if parallel && parts > 1 {
            DispatchQueue.concurrentPerform(iterations: parts, execute: work)
        } else {
            for s in 0..<parts { work(s) }
        }
    }

    /// gradients[0] = sum over s of weights[s] * gradients[s] (each shard's gradient is a mean over its own
    /// items: weighted by their share, the sum is the mean over the batch).
    @inlinable
    public static func combine<T: NetworkScalar>(_ gradients: [UnsafeMutableBufferPointer<T>], weights: [T]) {
        let g = gradients[0].baseAddress!, n = gradients[0].count
        let first = weights[0]
        for i in 0..<n { g[i] *= first }
        for s in 1..<gradients.count {
            let w = weights[s]
            let gs = gradients[s].baseAddress!
            for i in 0..<n { g[i] += w * gs[i] }
        }
    }
}

/// A copy of a parameter vector (and optionally of an embedding table) to restore later: the best epoch's
/// weights.
public struct WeightSnapshot<T: NetworkScalar> {
    private var parameters: [T]
    private var embedding: [T]?

    /// Copies `parameters`, and `table`'s values when given.
    public init(_ parameters: UnsafeMutableBufferPointer<T>, table: EmbeddingTable<T>? = nil) {
        self.parameters = Array(parameters)
        embedding = table.map { Array(UnsafeBufferPointer(start: $0.values, count: $0.rows * $0.dimension)) }
    }

    /// Writes the copy back.
    public func restore(into parameters: UnsafeMutableBufferPointer<T>, table: EmbeddingTable<T>? = nil) {
        _ = parameters.update(fromContentsOf: self.parameters)
        if let e = embedding, let table { table.values.update(from: e, count: e.count) }
    }
}
