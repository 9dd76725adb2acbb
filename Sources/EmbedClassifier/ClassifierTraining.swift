// Role: the classifier from vectors and labelled sentences in one call: the label map (with optional display
// names), the network over the vectors, the padding policy, encoding, training with dev selection, and the
// record of the run kept in the model.
import EmbedCore
import EmbedVectors

/// How sentences of different lengths go through the recurrent layers.
public enum PaddingPolicy: Equatable, Sendable {
    /// Each batch is packed by length: padded steps never touch a state or the loss (the default).
    case masked
    /// Every sentence is padded at the end with zero vectors to the longest training sentence and the layers
    /// run over the padding, as Keras does without `mask_zero` (the lecture's lab).
    case padToLongest
}

/// Everything needed to train a classifier. Make one, then call `train(vectors:source:train:dev:observer:)`.
public struct ClassifierTraining {
    /// The architecture; its embedding dimension and class count are taken from the vectors and the labels.
    public var shape = NetworkShape(embeddingDimension: 1, classes: 2)
    /// Epochs, batch size, seed, early stopping, Adam and threads of the training.
    public var settings = ClassifierSettings()
    /// How sentences are split into words, and their padding length; stored in the model.
    public var tokenizer = TokenizerSettings()
    /// Whether batches are packed by length (masked, the default) or padded to the longest training sentence.
    public var padding = PaddingPolicy.masked
    /// Display names by label (a symbol and a name), attached to the label map when given.
    public var labelNames: [String: LabelDisplay]?
    /// Without a dev set, hold out this share of the training set (stratified, seeded) as the dev set for
    /// selecting the best epoch and early stopping (nil: train on everything).
    public var devSplit: Double?

    /// The lecture's model and training.
    public init() {}

    /// What a training produces.
    public struct Result {
        /// The trained classifier, ready to save, evaluate or predict.
        public var classifier: SentenceClassifier
        /// How the training ended: epochs run, the best epoch, time and tokens trained.
        public var summary: TrainingSummary
        /// Share of the training tokens that had a vector.
        public var trainCoverage: Double
        /// The encoded training and dev sets (for scoring without encoding again).
        public var trainSet: EncodedSet
        /// The encoded dev set (nil when none was given nor held out).
        public var devSet: EncodedSet?
    }

    /// Trains on `train` (labels: every label found in it; at least two), selecting the best epoch on `dev`
    /// when given. `source` names the vectors in the model (they are stored in it). Throws `InputError` for fewer
    /// than two labels or a dev label the training set lacks, `SettingError` for settings or a shape that cannot
    /// work (or a label without a display name), and `TrainingDiverged`.
    public func train(vectors: consuming WordVectors, source: String, train: LabeledData, dev: LabeledData? = nil,
                      observer: WorkObserver = SilentObserver.shared) throws -> Result {
        var labels = LabelSet(of: train.sentences)
        guard labels.count >= 2 else {
            throw InputError("the training set needs at least two labels (found \(labels.labels.first ?? "none"))",
                             path: train.path)
        }
        if let names = labelNames { try labels.attach(names) }
        try settings.validate()
        var shape = self.shape
        shape.embeddingDimension = vectors.dimension
        shape.classes = labels.count
        try shape.validate()
        let classifier = try SentenceClassifier(vectors: vectors, source: source, labels: labels, shape: shape,
                                                tokenizer: tokenizer, seed: settings.seed)
        classifier.training = settings
        if padding == .padToLongest {
            classifier.words.padSentences(to: train.sentences.map { classifier.words.length(of: $0.text) }.max() ?? 1)
        }
        var trainSet = try classifier.encode(train)
        let coverage = classifier.words.coverage
        var devSet = try dev.map { try classifier.encode($0) }
        if devSet == nil, let fraction = devSplit {
            (trainSet, devSet) = try DevSplit.split(trainSet, fraction: fraction, seed: settings.seed)
        }
        let trainer = try ClassifierTrainer(network: classifier.network, settings: settings, train: trainSet, dev: devSet)
        let summary = try trainer.run(observer)
        classifier.record = TrainingRecord(epochsRun: summary.epochsRun, bestEpoch: summary.bestEpoch,
                                           devAccuracy: devSet.map { classifier.evaluate($0).accuracy })
        return Result(classifier: classifier, summary: summary, trainCoverage: coverage, trainSet: trainSet, devSet: devSet)
    }
}
