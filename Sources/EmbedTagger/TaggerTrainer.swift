// Role: the tagger's training loop in the library's training shape (settings -> trainer -> run(observer)
// -> TrainingSummary), on the classifier's EpochLoop: shuffled mini-batches packed by length, each split into
// two shards run on network replicas sharing the weights (in parallel with two threads; the split does not
// depend on the thread count, so a seed gives the same model with one thread or two), Adam with global-norm
// clipping, and early stopping on the dev set's entity F1 keeping the best epoch's weights.
import EmbedClassifier
import EmbedCore
import EmbedKernels
import Foundation

/// How the tagger is trained (stored in the model file).
public struct TaggerSettings: Codable, Equatable, Sendable {
    /// Passes over the training set.
    public var epochs = 30
    /// Sentences per mini-batch.
    public var batchSize = 32
    /// Seeds the weights, the shuffling and the dropout masks.
    public var seed: UInt64 = 1
    /// Stop after this many epochs without a better dev F1 (nil: run every epoch); the best epoch's weights
    /// are kept either way when a dev set is given.
    public var patience: Int? = nil
    /// Adam's settings (learning rate 0.002) and the clipping norm (5).
    public var adam: AdamSettings = {
        var adam = AdamSettings()
        adam.learningRate = 0.002
        return adam
    }()
    /// Threads: the two halves of each batch run in parallel with 2.
    public var threads = 1

    /// 30 epochs of batches of 32, Adam 0.002 clipped at global norm 5.
    public init() {}

    enum CodingKeys: String, CodingKey { case epochs, batchSize, seed, patience, adam }

    /// Throws a SettingError for a value that cannot work.
    public func validate() throws {
        if epochs < 1 { throw SettingError("epochs", "must be at least 1") }
        if batchSize < 1 { throw SettingError("batchSize", "must be at least 1") }
        if let p = patience, p < 1 { throw SettingError("patience", "must be at least 1 (nil: never stop early)") }
        if threads < 1 { throw SettingError("threads", "must be at least 1") }
        try adam.validate()
    }
}

/// A dev set: its sentences encoded for the network, and the file with its gold tags and scheme.
public struct TaggerDevSet: Sendable {
    /// The sentences in model terms.
    public var encoded: EncodedSentences
    /// The file they came from (gold tags, scheme).
    public var data: TaggedData

    /// `encoded` must be `data`'s sentences.
    public init(encoded: EncodedSentences, data: TaggedData) {
        precondition(encoded.count == data.sentences.count)
        self.encoded = encoded
        self.data = data
    }
}

/// Trains a TaggerNetwork on encoded sentences with gold tags.
public final class TaggerTrainer: Trainer {
    /// The network trained (ends with the best dev epoch's weights).
    public let network: TaggerNetwork<Float>
    /// The settings, as given.
    public let settings: TaggerSettings
    /// The training sentences.
    public let train: EncodedSentences
    /// The dev set scored after each epoch, when given.
    public let dev: TaggerDevSet?
    private let optimizer: AdamOptimizer<Float>
    private var random: FastRandom
    /// shards[0] is `network`; the other is a replica over its weights.
    private let shards: [TaggerNetwork<Float>]
    private let parallel: Bool

    /// The trained network.
    public var model: TaggerNetwork<Float> { network }

    /// A trainer of `network` on `train` (which must have gold tags), scoring `dev` after each epoch when
    /// given. `settings.threads` > 1 runs the two shards of a batch in parallel.
    public init(network: TaggerNetwork<Float>, settings: TaggerSettings, train: EncodedSentences,
                dev: TaggerDevSet? = nil) throws {
        try settings.validate()
        guard train.count > 0 else { throw InputError("the training set is empty") }
        guard train.hasTags else { throw InputError("the training set has no gold tags") }
        self.network = network
        self.settings = settings
        self.train = train
        self.dev = dev
        optimizer = AdamOptimizer(parameters: network.parameters, gradients: network.gradients, owner: network,
                                  settings: settings.adam)
        random = FastRandom(seed: settings.seed &+ 0x9E37_79B9)
        shards = [network, network.replica()]
        parallel = settings.threads > 1
        for (s, shard) in shards.enumerated() { shard.seedDropout(settings.seed &+ UInt64(s) &* 0x2545_F491_4F6C_DD1D) }
    }

    /// Trains for `settings.epochs` epochs (fewer with early stopping), each epoch reported to the observer
    /// (loss per token; metrics `dev_precision`, `dev_recall`, `dev_f1`, `dev_accuracy`). `observer.shouldStop`
    /// is polled between batches: training then stops with the best weights so far.
    public func run(_ observer: WorkObserver) throws -> TrainingSummary {
        let blasThreads = Matrix.blasThreads
        if parallel { Matrix.setBLASThreads(1) }
        defer { if parallel { Matrix.setBLASThreads(blasThreads) } }
        let loop = EpochLoop(epochs: settings.epochs, batchSize: settings.batchSize, patience: settings.patience,
                             learningRate: settings.adam.learningRate)
        var snapshot: WeightSnapshot<Float>? = nil
        let network = self.network, optimizer = self.optimizer
        return try loop.run(
            examples: train.count, random: &random, unitsPerEpoch: train.tokenCount, unit: "tokens", observer: observer,
            trainBatch: { indices in
                let totals = self.trainStep(indices)
                optimizer.update()
                return totals
            },
            figures: { t in (t.loss / Double(max(t.units, 1)), []) },
            devMetricNames: ["dev_precision", "dev_recall", "dev_f1", "dev_accuracy"],
            scoreDev: dev.map { dev in {
                let s = network.score(dev.encoded, against: dev.data)
                return EpochLoop.DevScore(value: s.f1, tieBreak: -s.accuracy, metrics: [
                    Metric("dev_precision", s.precision), Metric("dev_recall", s.recall), Metric("dev_f1", s.f1),
                    Metric("dev_accuracy", s.accuracy)])
            } },
            keepBest: { snapshot = WeightSnapshot(network.parameters) },
            restoreBest: { snapshot?.restore(into: network.parameters) })
    }

    /// Forward and backward over one batch, shard by shard; leaves the gradient of the batch's mean loss per
    /// token in `network`. Returns the summed loss (mean per token times tokens) and the token count.
    func trainStep(_ indices: [Int]) -> EpochLoop.Totals {
        let parts = indices.count > 1 ? shards.count : 1
        let results = UnsafeMutableBufferPointer<(loss: Double, tokens: Int)>.allocate(capacity: parts)
        defer { results.deallocate() }
        let ranges = Shards.ranges(count: indices.count, parts: parts)
        let train = self.train
        Shards.perform(parts, parallel: parallel) { s in
            let net = self.shards[s]
            let batch = TaggerBatch(train, indices: Array(indices[ranges[s]]), withCharacters: net.shape.useCharacters)
            net.forward(batch, training: true)
            results[s] = (net.lossAndGradient(batch), batch.tokens)
        }
        let tokens = results.reduce(0) { $0 + $1.tokens }
        if parts > 1 {
            // Each shard's gradient is the mean over its own tokens: weight them by their share of the batch.
            Shards.combine(shards.map(\.gradients), weights: (0..<parts).map { Float(results[$0].tokens) / Float(tokens) })
        }
        let loss = results.reduce(0.0) { $0 + $1.loss * Double($1.tokens) }
        return EpochLoop.Totals(loss: loss, correct: 0, examples: indices.count, units: tokens)
    }
}
