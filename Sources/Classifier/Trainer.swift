// Role: the training loop: shuffled mini-batches, forward/backward, Adam with global-norm clipping, one
// report per epoch, and early stopping on a dev set that keeps the best epoch's weights.
//
// With a frozen embedding each batch is split into two shards (contiguous halves of the shuffled batch) that
// run forward and backward on two network replicas sharing the weights, at the same time when two threads
// are allowed; their gradients are combined as the mean over the whole batch. The split does not depend on
// the thread count, so a seed gives the same run with one thread or two.
import Dispatch
import Foundation
import Kernels
import Streams

public struct TrainingSettings: Codable, Equatable, Sendable {
    public var epochs = 50
    public var batchSize = 32
    public var seed: UInt64 = 1
    /// Stop after this many epochs without a better dev accuracy (nil: run every epoch); the best epoch's
    /// weights are kept either way when a dev set is given.
    public var patience: Int? = nil
    public var adam = AdamSettings()
    public init() {}
}

public struct EpochReport: Sendable {
    public var epoch: Int
    public var loss: Double
    public var accuracy: Double
    public var dev: Evaluation?
    public var seconds: Double
    public var tokensPerSecond: Double
    /// True when this epoch's weights are the best so far (always true without a dev set).
    public var isBest: Bool
}

public struct TrainingOutcome: Sendable {
    public var epochsRun: Int
    /// The epoch whose weights the network holds at the end (1-based).
    public var bestEpoch: Int
    public var stoppedEarly: Bool
    public var interrupted: Bool
}

public final class Trainer {
    public let network: Network<Float>
    public let settings: TrainingSettings
    private let optimizer: AdamOptimizer<Float>
    private var random: FastRandom
    /// shards[0] is `network`; the others are replicas over its weights.
    private let shards: [Network<Float>]
    private let parallel: Bool

    /// `threads` > 1 runs the shards of a batch in parallel (OpenBLAS is then kept to one thread per call).
    public init(network: Network<Float>, settings: TrainingSettings, threads: Int = 1) {
        self.network = network
        self.settings = settings
        optimizer = AdamOptimizer(network: network, settings: settings.adam)
        random = FastRandom(seed: settings.seed &+ 0x9E37_79B9)
        shards = network.shape.trainEmbeddings ? [network] : [network, network.replica()]
        parallel = threads > 1 && shards.count > 1
        for (s, shard) in shards.enumerated() { shard.seedDropout(settings.seed &+ UInt64(s) &* 0x2545_F491_4F6C_DD1D) }
    }

    /// Trains on `train`, scoring `dev` after each epoch when given. `report` sees each epoch (it may throw
    /// to stop). `Interruption.requested` is polled between batches: training stops with the best weights.
    public func run(train: EncodedSet, dev: EncodedSet?, report: (EpochReport) throws -> Void) throws -> TrainingOutcome {
        precondition(train.count > 0)
        // Parallel shards make the parallelism: each BLAS call stays on its own thread.
        let blasThreads = Matrix.blasThreads
        if parallel { Matrix.setBLASThreads(1) }
        defer { if parallel { Matrix.setBLASThreads(blasThreads) } }
        var order = Array(0..<train.count)
        var best: (accuracy: Double, loss: Double, epoch: Int)? = nil
        var snapshot: Snapshot? = nil
        var outcome = TrainingOutcome(epochsRun: 0, bestEpoch: 0, stoppedEarly: false, interrupted: false)
        for epoch in 1...max(settings.epochs, 1) {
            let start = Date()
            shuffle(&order)
            var lossSum = 0.0, correct = 0, seen = 0
            var first = 0
            while first < order.count {
                if Interruption.requested { outcome.interrupted = true; break }
                let indices = Array(order[first..<min(first + settings.batchSize, order.count)])
                first += settings.batchSize
                let step = trainStep(indices, on: train)
                lossSum += step.loss
                correct += step.correct
                seen += indices.count
                optimizer.update()
            }
            if outcome.interrupted && seen == 0 { break }
            let devScore = dev.map { network.evaluate($0) }
            var isBest = true
            if let d = devScore {
                isBest = best.map { d.accuracy > $0.accuracy || (d.accuracy == $0.accuracy && d.loss < $0.loss) } ?? true
                if isBest {
                    best = (d.accuracy, d.loss, epoch)
                    snapshot = Snapshot(network)
                }
            }
            outcome.epochsRun = epoch
            if isBest { outcome.bestEpoch = epoch }
            let seconds = Date().timeIntervalSince(start)
            try report(EpochReport(epoch: epoch, loss: lossSum / Double(max(seen, 1)),
                                   accuracy: Double(correct) / Double(max(seen, 1)), dev: devScore, seconds: seconds,
                                   tokensPerSecond: Double(train.tokenCount) / max(seconds, 1e-9), isBest: isBest))
            if outcome.interrupted { break }
            if let patience = settings.patience, let b = best, epoch - b.epoch >= patience, epoch < settings.epochs {
                outcome.stoppedEarly = true
                break
            }
        }
        snapshot?.restore(into: network)
        return outcome
    }

    /// Forward and backward over one batch, shard by shard; leaves the batch-mean gradient in `network`.
    /// Returns the summed loss and the number of correct predictions.
    func trainStep(_ indices: [Int], on train: EncodedSet) -> (loss: Double, correct: Int) {
        let parts = indices.count > 1 ? shards.count : 1
        let results = UnsafeMutableBufferPointer<(loss: Double, correct: Int)>.allocate(capacity: parts)
        defer { results.deallocate() }
        let size = (indices.count + parts - 1) / parts
        let ranges = (0..<parts).map { s in (s * size)..<min((s + 1) * size, indices.count) }
        let work = { (s: Int) in
            results[s] = Trainer.forwardBackward(self.shards[s], Array(indices[ranges[s]]), on: train)
        }
        if parallel && parts > 1 {
            DispatchQueue.concurrentPerform(iterations: parts, execute: work)
        } else {
            for s in 0..<parts { work(s) }
        }
        if parts > 1 {
            // Each shard's gradient is the mean over its own rows: weight them by their share of the batch.
            let g = network.gradients.baseAddress!, n = network.parameterCount
            let total = Float(indices.count)
            let first = Float(ranges[0].count) / total
            for i in 0..<n { g[i] *= first }
            for s in 1..<parts {
                let w = Float(ranges[s].count) / total
                let gs = shards[s].gradients.baseAddress!
                for i in 0..<n { g[i] += w * gs[i] }
            }
        }
        return results.reduce((0, 0)) { ($0.0 + $1.loss, $0.1 + $1.correct) }
    }

    /// One shard: packed forward pass in training mode, loss, backward into `net.gradients`.
    private static func forwardBackward(_ net: Network<Float>, _ indices: [Int], on train: EncodedSet) -> (loss: Double, correct: Int) {
        let batch = PackedBatch(sequences: train.sequences, indices: indices)
        let labels = batch.order.map { train.labels[indices[$0]] }
        let p = net.forward(batch, training: true)
        let loss = Double(net.loss(labels: labels)) * Double(batch.count)
        let correct = correctCount(p, labels: labels, classes: net.shape.classes)
        net.backward(batch, labels: labels)
        return (loss, correct)
    }

    /// Fisher-Yates with the trainer's seeded generator.
    private func shuffle(_ a: inout [Int]) {
        var i = a.count - 1
        while i > 0 {
            let j = random.next(below: i + 1)
            a.swapAt(i, j)
            i -= 1
        }
    }

    static func correctCount(_ p: UnsafePointer<Float>, labels: [Int32], classes k: Int) -> Int {
        var correct = 0
        for (b, label) in labels.enumerated() {
            var top = 0
            for j in 1..<k where p[b * k + j] > p[b * k + top] { top = j }
            if top == Int(label) { correct += 1 }
        }
        return correct
    }
}

/// A copy of the trainable weights (and the embedding table when it is trained).
private struct Snapshot {
    var parameters: [Float]
    var embedding: [Float]?

    init(_ network: Network<Float>) {
        parameters = Array(network.parameters)
        embedding = network.shape.trainEmbeddings
            ? Array(UnsafeBufferPointer(start: network.embedding.values, count: network.embedding.rows * network.embedding.dimension))
            : nil
    }

    func restore(into network: Network<Float>) {
        _ = network.parameters.update(fromContentsOf: parameters)
        if let e = embedding { network.embedding.values.update(from: e, count: e.count) }
    }
}
