// Role: GloVe from raw text in one call: vocabulary -> co-occurrence -> shuffle (in a private temporary
// folder) -> records -> training; or from an existing X (record file + vocabulary). Each finished stage is
// reported to the observer with its figures and time.
import EmbedCooccurrence
import EmbedCore
import EmbedCorpus
import EmbedStreams
import EmbedVocabulary
import Foundation

/// Settings of the counting stages that come before GloVe training.
public struct CorpusCountingSettings: Equatable, Sendable {
    /// Keep words seen at least this many times (at least 1).
    public var minCount = 5
    /// The most words kept, the most frequent first (nil: no limit; otherwise at least 1).
    public var maxVocabulary: Int? = nil
    /// Window, weighting, memory bound, threads and scratch folder of the co-occurrence count.
    public var cooccurrence = CooccurrenceSettings()

    /// GloVe's counting defaults: min-count 5, window 10, harmonic weighting, symmetric context.
    public init() {}

    /// Throws a SettingError for a value that cannot work.
    public func validate() throws {
        if minCount < 1 { throw SettingError("minCount", "must be at least 1") }
        if let m = maxVocabulary, m < 1 { throw SettingError("maxVocabulary", "must be at least 1") }
    }
}

/// The whole GloVe pipeline. Make one, then call `train(corpus:observer:)` or `train(records:vocabulary:observer:)`.
public struct GloVePipeline {
    /// The counting stages: vocabulary cuts and the co-occurrence count's window, weighting and resources.
    public var counting = CorpusCountingSettings()
    /// The training hyper-parameters and resources (Stanford GloVe's defaults).
    public var settings = GloVeSettings()
    /// Checkpoints of the training stage (nil: none); with `resume`, training continues from that file.
    public var checkpoint: CheckpointPolicy?
    /// True to continue the training saved at `checkpoint.path` instead of starting afresh (needs `checkpoint`).
    public var resume = false
    /// A saved model (`GloVeModel.save(to:)`) to continue on the corpus instead of starting afresh: grown by
    /// the corpus's words reaching the minimum count in it, X counted with the grown vocabulary, and training
    /// starting from the saved W, W~, biases and AdaGrad state. Only `train(corpus:)` continues.
    public var continuing: String? = nil
    /// Train until this deadline, the epochs decided from the measured epoch time (`GloVeTrainer.budget`).
    public var budget: EpochBudget? = nil
    /// The settings chosen from the corpus's token count after the vocabulary pass (`GloVeCorpusDefaults`),
    /// overriding those in `counting` and `settings`; with a `budget`, the chosen epochs are the most it trains.
    /// Empty (the default): all are taken as given.
    public var automatic: GloVeAutomatic = []

    /// The pipeline with default settings.
    public init() {}

    /// What a pipeline run produces.
    public struct Result {
        /// The vocabulary whose ids number the trained vectors.
        public var vocabulary: Vocabulary
        /// The trainer, holding the trained parameters and the cost history.
        public var trainer: GloVeTrainer
        /// How the training ended, with its epochs, time and updates.
        public var summary: TrainingSummary
    }

    /// Counts `corpus` (read twice: vocabulary, then co-occurrences; standard input is spooled), shuffles X
    /// into a temporary folder by the seed, and trains. Stages reported: `vocabulary`, `defaults` (when
    /// `automatic` is not empty: the token count and each choice), `cooccurrence`, `records`.
    /// Throws `SettingError` for settings that cannot work, `InputError` for unreadable input, an empty vocabulary
    /// or an empty X, `Stopped` on a stop request while counting, and what `train(records:)` throws.
    public func train(corpus: CorpusReader, observer: WorkObserver = SilentObserver.shared) throws -> Result {
        var run = self
        return try run.countAndTrain(corpus: corpus, observer: observer)
    }

    private mutating func countAndTrain(corpus: CorpusReader, observer: WorkObserver) throws -> Result {
        try counting.validate()
        try settings.validate()
        try corpus.makeRereadable(temporaryParent: counting.cooccurrence.temporaryParent, observer: observer)
        var clock = Date()
        let counted = try Vocabulary.build(from: corpus, minCount: counting.minCount, maxSize: counting.maxVocabulary,
                                           observer: observer, threads: settings.threads)
        var figures = [Metric("words", Double(counted.size)), Metric("tokens", Double(counted.totalCount))]
        var start: GloVeModel? = nil
        if let path = continuing {
            let old = try GloVeModel.load(path: path)
            let grown = try old.grown(by: counted, settings: settings)
            figures[0] = Metric("words", Double(grown.vocabulary.size))
            figures.append(Metric("new words", Double(grown.vocabulary.size - old.vocabulary.size)))
            start = grown
        }
        let vocabulary = start?.vocabulary ?? counted
        observer.stageEnded(StageReport(task: "vocabulary", seconds: Date().timeIntervalSince(clock), figures: figures))
        if let chosen = GloVeCorpusDefaults.apply(automatic.subtracting(start == nil ? [] : .dimension),
                                                  tokens: counted.totalCount, settings: &settings, counting: &counting,
                                                  budget: &budget) {
            observer.stageEnded(chosen)
        }
        try settings.validate(words: vocabulary.size)
        clock = Date()
        let folder = try TemporaryFolder(parent: counting.cooccurrence.temporaryParent, prefix: "embed-glove")
        defer { folder.remove() }
        let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: counting.cooccurrence)
        try counter.count(corpus: corpus, observer: observer)
        let path = folder.file("cooc.shuf.bin")
        let x = try counter.finish(sorted: nil, shuffled: path, seed: settings.seed, observer: observer)
        observer.stageEnded(StageReport(task: "cooccurrence", seconds: Date().timeIntervalSince(clock), figures: [
            Metric("records", Double(x.records)), Metric("tokens", Double(x.tokens)),
        ]))
        // The records are already shuffled by the seed.
        return try train(records: path, vocabulary: vocabulary, shuffle: false, starting: start?.parameters,
                         observer: observer)
    }

    /// Trains on a record file (`embed cooccur`'s or Stanford's layout) with the vocabulary that numbers it;
    /// records held in memory are shuffled by the seed when `shuffle`. Throws `SettingError`, `InputError` for
    /// a bad record file or checkpoint, `ResumeMismatch` when resuming other settings or data, and `TrainingDiverged`.
    /// With `automatic`, the choices are made from the vocabulary's total count (and the window is not chosen:
    /// X is already counted), and reported as the stage `defaults` after `records`.
    public func train(records path: String, vocabulary: Vocabulary, shuffle: Bool = true,
                      observer: WorkObserver = SilentObserver.shared) throws -> Result {
        var run = self
        let chosen = GloVeCorpusDefaults.apply(automatic.subtracting(.window), tokens: vocabulary.totalCount,
                                               settings: &run.settings, counting: &run.counting, budget: &run.budget)
        return try run.train(records: path, vocabulary: vocabulary, shuffle: shuffle, starting: nil, chosen: chosen,
                             observer: observer)
    }

    /// Trains on the records; `chosen` (the automatic choices of a record file's run) is reported once the
    /// records are read, so that a bad file is the only thing said.
    func train(records path: String, vocabulary: Vocabulary, shuffle: Bool, starting: GloVeParameters?,
               chosen: StageReport? = nil, observer: WorkObserver) throws -> Result {
        try settings.validate(words: vocabulary.size)
        if settings.epochs < 1 && starting == nil {
            throw SettingError("epochs", "must be at least 1 (0 only when continuing a model)")
        }
        let clock = Date()
        let store = try RecordStore(path: path, words: vocabulary.size, settings: settings, shuffle: shuffle,
                                    observer: observer)
        observer.stageEnded(StageReport(task: "records", seconds: Date().timeIntervalSince(clock), figures: [
            Metric("words", Double(vocabulary.size)), Metric("records", Double(store.count)),
            Metric("in_memory", store.isInMemory ? 1 : 0),
        ]))
        if let chosen { observer.stageEnded(chosen) }
        let trainer: GloVeTrainer
        if resume, let policy = checkpoint {
            trainer = try GloVeTrainer(resumingFrom: policy.path, records: store, settings: settings, checkpoint: policy)
            observer.notice("resuming after epoch \(trainer.epochsDone)")
        } else if let starting {
            trainer = try GloVeTrainer(records: store, settings: settings, starting: starting, checkpoint: checkpoint)
        } else {
            trainer = try GloVeTrainer(records: store, settings: settings, checkpoint: checkpoint)
        }
        trainer.budget = budget
        let summary = try trainer.run(observer)
        return Result(vocabulary: vocabulary, trainer: trainer, summary: summary)
    }
}
