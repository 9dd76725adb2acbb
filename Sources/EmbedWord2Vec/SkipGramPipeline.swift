// Role: word2vec from raw text in one call: vocabulary (or the checkpoint's, when resuming) -> the corpus
// encoded once into an id stream -> training. Each finished stage is reported to the observer.
import EmbedCore
import EmbedCorpus
import EmbedStreams
import EmbedVocabulary
import Foundation

/// The whole skip-gram/CBOW pipeline. Make one, then call `train(corpus:observer:)`.
public struct SkipGramPipeline {
    /// The training hyper-parameters (word2vec's defaults).
    public var settings = SkipGramSettings()
    /// Keep words seen at least this many times (at least 1).
    public var minCount = 5
    /// The most words kept, the most frequent first (nil: no limit; otherwise at least 2).
    public var maxVocabulary: Int? = nil
    /// Parent of the temporary id stream and of a spooled standard input (nil: the system's temporary folder).
    public var temporaryParent: String? = nil
    /// Checkpoints (nil: none); with `resume`, training continues from that file.
    public var checkpoint: CheckpointPolicy?
    /// True to continue the run saved at `checkpoint.path` instead of starting afresh (ignored without `checkpoint`).
    public var resume = false
    /// A saved model (`SkipGramModel.save(to:)`) to continue training on the new corpus instead of starting
    /// from random weights: grown by the corpus's words that reach `minCount` in it (`SkipGramModel.grown`),
    /// then trained with a fresh learning-rate schedule. `settings` must have the model's shape.
    public var continuing: String? = nil
    /// Old text to train on again while `continuing` (read once, after the corpus): it adds no words and no
    /// counts, its lines only join the training stream, `replayFraction` of them (`ReplaySample`). Continuing
    /// on new text alone forgets part of what the old text taught (README, "Continue training with new text").
    public var replay: CorpusReader? = nil
    /// The share of `replay`'s lines trained on, in (0, 1].
    public var replayFraction = 1.0
    /// Train until this deadline, the epochs planned from the measured speed (`SkipGramTrainer.budget`).
    public var budget: EpochBudget? = nil
    /// The settings chosen from the corpus's token count after the vocabulary pass (`SkipGramCorpusDefaults`),
    /// overriding those in `settings` (a resumed run keeps the checkpoint's); with a `budget`, the chosen epochs
    /// are the most it trains. Empty (the default): all as given.
    public var automatic: SkipGramAutomatic = []

    /// The pipeline with word2vec's defaults.
    public init() {}

    /// What a pipeline run produces.
    public struct Result {
        /// The trainer: its `model` holds the vocabulary and both weight matrices.
        public var trainer: SkipGramTrainer
        /// How the training ended, with its epochs, time and tokens trained.
        public var summary: TrainingSummary
    }

    /// Reads `corpus` twice (counting, then encoding; standard input is spooled) and trains. Stages reported:
    /// `vocabulary` (figures `words`, `tokens`), `defaults` (when `automatic` is not empty: the token count and each
    /// choice) and `encoding` (`words`, `tokens`, `lines`). A resumed run takes the
    /// checkpoint's vocabulary and settings (ResumeMismatch when `settings` differ from them); a continued one
    /// reports `vocabulary` with the figure `new words` too. Also throws
    /// `SettingError` for settings that cannot work, `InputError` for unreadable or empty input or a damaged
    /// checkpoint, `Stopped` on a stop request before training, and `TrainingDiverged`.
    public func train(corpus: CorpusReader, observer: WorkObserver = SilentObserver.shared) throws -> Result {
        var run = self
        return try run.countAndTrain(corpus: corpus, observer: observer)
    }

    private mutating func countAndTrain(corpus: CorpusReader, observer: WorkObserver) throws -> Result {
        if minCount < 1 { throw SettingError("minCount", "must be at least 1") }
        if let m = maxVocabulary, m < 2 { throw SettingError("maxVocabulary", "must be at least 2") }
        try settings.validate(vocabularySize: 2)
        if settings.epochs < 1 && continuing == nil {
            throw SettingError("epochs", "must be at least 1 (0 only when continuing a model)")
        }
        if replay != nil && continuing == nil && !resume {
            throw SettingError("replay", "replays old text into a continued model: give the model to continue")
        }
        if !(replayFraction > 0 && replayFraction <= 1) { throw SettingError("replayFraction", "must be in (0, 1]") }
        try corpus.makeRereadable(temporaryParent: temporaryParent, observer: observer)
        var clock = Date()
        let saved: SkipGramCheckpoint?
        let vocabulary: Vocabulary
        var grown: SkipGramModel? = nil
        if resume, let policy = checkpoint {
            let checkpoint = try SkipGramCheckpoint.load(path: policy.path)
            SkipGramCorpusDefaults.keep(automatic, from: checkpoint.settings, in: &settings)
            let differences = settings.differences(from: checkpoint.settings)
            if !differences.isEmpty { throw ResumeMismatch(path: policy.path, differences: differences) }
            saved = checkpoint
            vocabulary = checkpoint.model.vocabulary
        } else {
            saved = nil
            let counted = try Vocabulary.build(from: corpus, minCount: minCount, maxSize: maxVocabulary, observer: observer,
                                               threads: settings.threads)
            var figures = [Metric("words", Double(counted.size)), Metric("tokens", Double(counted.totalCount))]
            let chosen = SkipGramCorpusDefaults.apply(automatic.subtracting(continuing == nil ? [] : .dimension),
                                                      tokens: counted.totalCount, to: &settings)
            if let path = continuing {
                let old = try SkipGramModel.load(path: path)   // freed once grown
                let model = try old.grown(by: counted, settings: settings)
                figures[0] = Metric("words", Double(model.vocabulary.size))
                figures.append(Metric("new words", Double(model.vocabulary.size - old.vocabulary.size)))
                grown = model
            }
            vocabulary = grown?.vocabulary ?? counted
            observer.stageEnded(StageReport(task: "vocabulary", seconds: Date().timeIntervalSince(clock), figures: figures))
            if let chosen { observer.stageEnded(chosen) }
        }
        if automatic.contains(.epochs) { budget = budget?.capped(at: settings.epochs) }
        let model = try saved?.model ?? grown ?? SkipGramModel(settings: settings, vocabulary: vocabulary)
        clock = Date()
        let encoded = try EncodedCorpus.encode(corpus, vocabulary: vocabulary, replay: replay,
                                               replayFraction: replayFraction, temporaryParent: temporaryParent,
                                               observer: observer)
        observer.stageEnded(StageReport(task: "encoding", seconds: Date().timeIntervalSince(clock), figures: [
            Metric("words", Double(vocabulary.size)), Metric("tokens", Double(encoded.tokenCount)),
            Metric("lines", Double(encoded.lineCount)),
        ]))
        let trainer = try saved?.trainer(corpus: encoded, checkpoint: checkpoint)
            ?? SkipGramTrainer(model: model, corpus: encoded, checkpoint: checkpoint)
        trainer.budget = budget
        if saved != nil { observer.notice(String(format: "resuming at %.1f%%", trainer.fraction * 100)) }
        let summary = try trainer.run(observer)
        return Result(trainer: trainer, summary: summary)
    }
}
