// Role: the classifier's training loop in the library's training shape: shuffled mini-batches, forward and
// backward, Adam with global-norm clipping, one epoch record per epoch to the observer, and early stopping on
// a dev set that keeps the best epoch's weights.
//
// With a frozen embedding each batch is split into two shards (contiguous halves of the shuffled batch) that
// run forward and backward on two network replicas sharing the weights, at the same time when two threads
// are allowed; their gradients are combined as the mean over the whole batch. The split does not depend on
// the thread count, so a seed gives the same run with one thread or two.
import Dispatch
import EmbedCore
import Foundation
import EmbedKernels
import EmbedStreams

/// How the classifier is trained (stored in the model file).
public struct ClassifierSettings: Codable, Equatable, Sendable {
    /// Passes over the training set (fewer with early stopping).
    public var epochs = 50
    /// Sentences per mini-batch.
    public var batchSize = 32
    /// Seeds the weights, the batch order and the dropout masks.
    public var seed: UInt64 = 1
    /// Stop after this many epochs without a better dev accuracy (nil: run every epoch); the best epoch's
    /// weights are kept either way when a dev set is given.
    public var patience: Int? = nil
    /// The optimiser's settings (Adam with Keras' defaults, clipped at global norm 5).
    public var adam = AdamSettings()
    /// Threads: with a frozen embedding the two halves of each batch run in parallel.
    public var threads = 1
    /// Word dropout: while training, each token is replaced by `<UNK>` with this probability (0: off).
    public var wordDropout = 0.0
    /// The lecture's training: 50 epochs, batches of 32, Adam 0.001 clipped at norm 5.
    public init() {}

    enum CodingKeys: String, CodingKey { case epochs, batchSize, seed, patience, adam, wordDropout }

    /// Reads stored settings; files from before word dropout have none (0).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try c.decode(Int.self, forKey: .epochs)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        seed = try c.decode(UInt64.self, forKey: .seed)
        patience = try c.decodeIfPresent(Int.self, forKey: .patience)
        adam = try c.decode(AdamSettings.self, forKey: .adam)
        wordDropout = try c.decodeIfPresent(Double.self, forKey: .wordDropout) ?? 0
    }

    /// Throws a `SettingError` for a value that cannot work.
    public func validate() throws {
        if epochs < 1 { throw SettingError("epochs", "must be at least 1") }
        if batchSize < 1 { throw SettingError("batchSize", "must be at least 1") }
        if let p = patience, p < 1 { throw SettingError("patience", "must be at least 1 (nil: never stop early)") }
        if threads < 1 { throw SettingError("threads", "must be at least 1") }
        if !(wordDropout >= 0 && wordDropout < 1) { throw SettingError("wordDropout", "must be in [0, 1)") }
        try adam.validate()
    }
}

/// Trains a sentence classifier network: shuffled mini-batches, Adam with global-norm clipping, one epoch record
/// per epoch to the observer, and early stopping on the dev set keeping the best epoch's weights.
public final class ClassifierTrainer: Trainer {
    /// The network being trained (it ends with the best epoch's weights).
    public let network: Network<Float>
    /// The training settings (validated when the trainer is made).
    public let settings: ClassifierSettings
    /// The training and dev sets (encoded for the network's embedding).
    public let train: EncodedSet
    /// The dev set scored after each epoch (nil: none; the last epoch's weights are kept).
    public let dev: EncodedSet?
    private let optimizer: AdamOptimizer<Float>
    private var random: FastRandom
    private var wordRandom: FastRandom
    /// shards[0] is `network`; the others are replicas over its weights.
    private let shards: [Network<Float>]
    private let parallel: Bool

    /// The trained model: the network itself.
    public var model: Network<Float> { network }

    /// A trainer of `network` on `train`, scoring `dev` after each epoch when given. `settings.threads` > 1
    /// runs the shards of a batch in parallel (OpenBLAS is then kept to one thread per call).
    /// Throws `SettingError` for settings that cannot work and `InputError` for an empty training set.
    public init(network: Network<Float>, settings: ClassifierSettings, train: EncodedSet, dev: EncodedSet? = nil) throws {
        try settings.validate()
        guard train.count > 0 else { throw InputError("the training set is empty") }
        self.network = network
        self.settings = settings
        self.train = train
        self.dev = dev
        let threads = settings.threads
        optimizer = AdamOptimizer(network: network, settings: settings.adam)
        random = FastRandom(seed: settings.seed &+ 0x9E37_79B9)
        wordRandom = FastRandom(seed: settings.seed ^ 0x3C6E_F372_FE94_F82B)
        shards = network.shape.trainEmbeddings ? [network] : [network, network.replica()]
        parallel = threads > 1 && shards.count > 1
        for (s, shard) in shards.enumerated() { shard.seedDropout(settings.seed &+ UInt64(s) &* 0x2545_F491_4F6C_DD1D) }
    }

    /// Trains for `settings.epochs` epochs (fewer with early stopping), each epoch reported to the observer
    /// (metrics `accuracy`, `dev_loss`, `dev_accuracy`). `observer.shouldStop` is polled between batches:
    /// training then stops with the best weights so far. The network ends with the best dev epoch's weights.
    /// Throws `TrainingDiverged` when the epoch's loss is NaN or infinite, and what the observer's `epochEnded` throws.
    public func run(_ observer: WorkObserver) throws -> TrainingSummary {
        // Parallel shards make the parallelism: each BLAS call stays on its own thread.
        let blasThreads = Matrix.blasThreads
        if parallel { Matrix.setBLASThreads(1) }
        defer { if parallel { Matrix.setBLASThreads(blasThreads) } }
        let loop = EpochLoop(epochs: settings.epochs, batchSize: settings.batchSize, patience: settings.patience,
                             learningRate: settings.adam.learningRate)
        var snapshot: WeightSnapshot<Float>? = nil
        let network = self.network, train = self.train, optimizer = self.optimizer
        let trainedTable = network.shape.trainEmbeddings ? network.embedding : nil
        return try loop.run(
            examples: train.count, random: &random, unitsPerEpoch: train.tokenCount, unit: "tokens", observer: observer,
            trainBatch: { indices in
                let step = self.trainStep(indices, on: train)
                optimizer.update()
                return EpochLoop.Totals(loss: step.loss, correct: step.correct, examples: indices.count, units: 0)
            },
            figures: { t in
                (t.loss / Double(max(t.examples, 1)), [Metric("accuracy", Double(t.correct) / Double(max(t.examples, 1)))])
            },
            devMetricNames: ["dev_loss", "dev_accuracy"],
            scoreDev: dev.map { dev in {
                let d = network.evaluate(dev)
                return EpochLoop.DevScore(value: d.accuracy, tieBreak: d.loss,
                                          metrics: [Metric("dev_loss", d.loss), Metric("dev_accuracy", d.accuracy)])
            } },
            keepBest: { snapshot = WeightSnapshot(network.parameters, table: trainedTable) },
            restoreBest: { snapshot?.restore(into: network.parameters, table: trainedTable) })
    }

    /// Forward and backward over one batch, shard by shard; leaves the batch-mean gradient in `network`.
    /// Returns the summed loss and the number of correct predictions. With word dropout, the batch's tokens
    /// are dropped here, before the shards, so the run does not depend on the thread count.
    func trainStep(_ indices: [Int], on train: EncodedSet) -> (loss: Double, correct: Int) {
        let unknown = network.embedding.unknownRow, rate = settings.wordDropout
        let sequences = indices.map { WordDropout.apply(train.sequences[$0], rate: rate, unknown: unknown, random: &wordRandom) }
        let labels = indices.map { train.labels[$0] }
        let parts = indices.count > 1 ? shards.count : 1
        let results = UnsafeMutableBufferPointer<(loss: Double, correct: Int)>.allocate(capacity: parts)
        defer { results.deallocate() }
        let ranges = Shards.ranges(count: indices.count, parts: parts)
        Shards.perform(parts, parallel: parallel) { s in
            results[s] = ClassifierTrainer.forwardBackward(self.shards[s], Array(sequences[ranges[s]]), Array(labels[ranges[s]]))
        }
        if parts > 1 {
            // Each shard's gradient is the mean over its own rows: weight them by their share of the batch.
            let total = Float(indices.count)
            Shards.combine(shards.map(\.gradients), weights: ranges.map { Float($0.count) / total })
        }
        return results.reduce((0, 0)) { ($0.0 + $1.loss, $0.1 + $1.correct) }
    }

    /// One shard: packed forward pass in training mode, loss, backward into `net.gradients`.
    private static func forwardBackward(_ net: Network<Float>, _ sequences: [[Int32]], _ labels: [Int32]) -> (loss: Double, correct: Int) {
        let batch = PackedBatch(sequences: sequences, indices: Array(sequences.indices))
        let labels = batch.order.map { labels[$0] }
        let p = net.forward(batch, training: true)
        let loss = Double(net.loss(labels: labels)) * Double(batch.count)
        let correct = correctCount(p, labels: labels, classes: net.shape.classes)
        net.backward(batch, labels: labels)
        return (loss, correct)
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
