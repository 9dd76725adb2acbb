// Role: the training loop: shuffled mini-batches, forward/backward, Adam with global-norm clipping, one
// report per epoch, and early stopping on a dev set that keeps the best epoch's weights.
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

    public init(network: Network<Float>, settings: TrainingSettings) {
        self.network = network
        self.settings = settings
        optimizer = AdamOptimizer(network: network, settings: settings.adam)
        random = FastRandom(seed: settings.seed &+ 0x9E37_79B9)
        network.seedDropout(settings.seed)
    }

    /// Trains on `train`, scoring `dev` after each epoch when given. `report` sees each epoch (it may throw
    /// to stop). `Interruption.requested` is polled between batches: training stops with the best weights.
    public func run(train: EncodedSet, dev: EncodedSet?, report: (EpochReport) throws -> Void) throws -> TrainingOutcome {
        precondition(train.count > 0)
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
                let batch = PackedBatch(sequences: train.sequences, indices: indices)
                let labels = batch.order.map { train.labels[indices[$0]] }
                let p = network.forward(batch, training: true)
                lossSum += Double(network.loss(labels: labels)) * Double(batch.count)
                correct += Trainer.correctCount(p, labels: labels, classes: network.shape.classes)
                seen += batch.count
                network.backward(batch, labels: labels)
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
