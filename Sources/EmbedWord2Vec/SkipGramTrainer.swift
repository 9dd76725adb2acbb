// Role: runs a word2vec training in the library's training shape: one worker thread per slice of the id
// stream sharing the model's weights (Hogwild), while this thread reports progress to the observer, takes
// periodic checkpoints, and stops cleanly (with a checkpoint to resume from) when the observer asks.
import EmbedCore
import EmbedKernels
import Foundation

/// Trains a word2vec model: one worker thread per slice of the encoded corpus updating the shared weights
/// (Hogwild), while the calling thread reports progress, saves checkpoints and stops cleanly on request.
public final class SkipGramTrainer: Trainer {
    /// The model being trained (its input rows are the word vectors).
    public let model: SkipGramModel
    /// The encoded corpus trained on, read once per epoch.
    public let corpus: EncodedCorpus
    /// Where checkpoints go (periodically and when the observer asks to stop); nil: none.
    public var checkpoint: CheckpointPolicy?
    private(set) var states: [WorkerState]
    /// Tokens processed so far over all epochs (the learning rate decays with it).
    public private(set) var tokensDone: Int64
    /// Seconds spent training before this process (a resumed run carries them on).
    private var secondsBefore: TimeInterval
    private var lastLoss: Double?

    /// The model's settings.
    public var settings: SkipGramSettings { model.settings }

    /// A fresh run over `corpus` (encoded with `model.vocabulary`).
    public init(model: SkipGramModel, corpus: EncodedCorpus, checkpoint: CheckpointPolicy? = nil) {
        self.model = model
        self.corpus = corpus
        self.checkpoint = checkpoint
        let o = model.settings
        states = corpus.slices(o.threads).enumerated().map { t, slice in
            let rng = FastRandom(seed: o.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(t + 1))
            return WorkerState(slice: slice, rng: rng.state, rate: o.startingAlpha)
        }
        tokensDone = 0
        secondsBefore = 0
    }

    /// A run restored from a checkpoint.
    init(model: SkipGramModel, corpus: EncodedCorpus, states: [WorkerState], tokensDone: Int64,
         secondsBefore: TimeInterval, checkpoint: CheckpointPolicy?) {
        self.model = model
        self.corpus = corpus
        self.states = states
        self.tokensDone = tokensDone
        self.secondsBefore = secondsBefore
        self.checkpoint = checkpoint
    }

    /// Skip-gram inputs merged into one full-softmax update.
    static let softmaxBatch = 128

    /// Tokens the whole run trains on: epochs times the corpus's known tokens.
    public var totalTokens: Int64 { Int64(model.settings.epochs) * corpus.tokenCount }
    /// Share of the run done (tokens read over all epochs, including those a worker has not reported yet).
    public var fraction: Double {
        let pending = states.reduce(Int64(0)) { $0 + $1.unsynced }
        return min(1, Double(tokensDone + pending) / Double(max(1, totalTokens)))
    }
    /// True when every worker has finished its last epoch.
    public var isFinished: Bool { states.allSatisfy { $0.epoch >= model.settings.epochs } }
    /// Seconds trained over the whole run (including before a resume).
    public var trainingSeconds: TimeInterval { secondsBefore }

    private func makeWorker(_ state: WorkerState, _ control: TrainingControl, _ subsampler: Subsampler) -> TrainingWorker {
        let o = model.settings, m = model.maxInputs
        func worker<L: OutputLoss>(_ loss: L) -> TrainingWorker {
            Worker(loss: loss, input: model.input, subwords: model.subwords, corpus: corpus, subsampler: subsampler, control: control,
                   settings: o, totalTokens: corpus.tokenCount, state: state)
        }
        switch o.loss {
        case .ns:
            // A subword centre predicts its whole window: with window sharing, one set of negatives for all of it.
            let shared = model.hasSubwords && !o.cbow && o.negativeSharing == .window ? 2 * o.window : 0
            return worker(NegativeSamplingLoss(output: model.output, sampler: model.sampler!, negative: o.negative,
                                               maxInputs: m, sharedTargets: shared))
        case .hs: return worker(HierarchicalSoftmaxLoss(output: model.output, tree: model.tree!, maxInputs: m))
        case .softmax:
            return worker(FullSoftmaxLoss(output: model.output, maxInputs: m,
                                          batchRows: o.cbow || model.hasSubwords ? 0 : SkipGramTrainer.softmaxBatch))
        }
    }

    /// Trains to the end, or until the observer asks to stop (then saves a checkpoint when a policy is set
    /// and returns `.stopped`). Safe to call again after a stop to go on. Throws `TrainingDiverged` when the
    /// loss or the weights become NaN or infinite (the workers are stopped; nothing is worth writing).
    public func run(_ observer: WorkObserver) throws -> TrainingSummary {
        let o = model.settings
        let epochsDone = { [states] in states.map(\.epoch).min() ?? 0 }
        if isFinished {
            return TrainingSummary(outcome: .finished, epochsRun: o.epochs, bestEpoch: o.epochs, seconds: 0, units: 0,
                                   unit: "words")
        }
        if o.loss == .softmax { Matrix.setBLASThreads(1) }
        let control = TrainingControl(tokensDone: tokensDone)
        let subsampler = Subsampler(counts: model.vocabulary.counts, sample: o.sample)
        let workers = states.map { makeWorker($0, control, subsampler) }
        let n = workers.count
        let started = Date()
        let startTokens = tokensDone
        var lastCheckpoint = Date()
        for w in workers {
            let thread = Thread { w.run() }
            thread.stackSize = 1 << 20
            thread.start()
        }
        func collect() {
            states = workers.map(\.state)
            tokensDone = control.tokensDone
        }
        func rate(at f: Double) -> Float { max(o.startingAlpha * o.minAlphaFraction, o.startingAlpha * Float(1 - f)) }
        // Epoch ends as the token count passes each multiple of the corpus (threads interleave, so this is the
        // whole run's epoch, as the learning rate sees it).
        var epochsReported = Int(tokensDone / max(1, corpus.tokenCount))
        var epochStarted = Date()
        func reportEpochs(_ done: Int64) throws {
            let finished = min(o.epochs, Int(done / max(1, corpus.tokenCount)))
            guard finished > epochsReported else { return }
            // Epochs that ended since the last look share the time (an epoch is corpus.tokenCount words).
            let seconds = Date().timeIntervalSince(epochStarted) / Double(finished - epochsReported)
            while epochsReported < finished {
                epochsReported += 1
                try observer.epochEnded(EpochRecord(
                    epoch: epochsReported, epochs: o.epochs, loss: lastLoss ?? .nan, seconds: seconds,
                    rate: Double(corpus.tokenCount) / max(seconds, 1e-9), unit: "words"))
            }
            epochStarted = Date()
        }
        func report() {
            let done = control.tokensDone
            let f = min(1, Double(done) / Double(max(1, totalTokens)))
            let elapsed = Date().timeIntervalSince(started)
            if let l = control.takeRunningLoss() { lastLoss = l }
            observer.progress(ProgressReport(
                task: "skipgram", fraction: f, done: Double(done), unit: "words",
                rate: Double(done - startTokens) / max(elapsed, 1e-9), elapsed: secondsBefore + elapsed,
                epoch: min(o.epochs, Int(f * Double(o.epochs)) + 1), epochs: o.epochs, loss: lastLoss,
                learningRate: Double(rate(at: f))))
        }
        func summary(_ outcome: TrainingOutcome) -> TrainingSummary {
            let seconds = Date().timeIntervalSince(started)
            secondsBefore += seconds
            return TrainingSummary(outcome: outcome, epochsRun: epochsDone(), bestEpoch: epochsDone(), seconds: seconds,
                                   units: Double(tokensDone - startTokens), unit: "words")
        }
        func diverged() -> TrainingDiverged {
            let f = fraction
            return TrainingDiverged(epoch: min(o.epochs, Int(f * Double(o.epochs)) + 1),
                                    learningRate: Double(rate(at: f)), value: lastLoss ?? .nan, rateSetting: "alpha")
        }
        while !control.waitFinished(n, timeout: 0.25) {
            report()
            do { try reportEpochs(control.tokensDone) } catch { control.pauseAll(n); control.stopAll(n); collect(); throw error }
            if let l = lastLoss, !l.isFinite {
                control.pauseAll(n)
                control.stopAll(n)
                collect()
                throw diverged()
            }
            if observer.shouldStop || control.stopWanted.load(ordering: .acquiring) {
                control.pauseAll(n)
                collect()
                defer { control.stopAll(n) }
                report()
                let result = summary(.stopped(checkpoint: checkpoint?.path))
                if let path = checkpoint?.path { try saveCheckpoint(path: path); observer.checkpointSaved(path) }
                return result
            }
            if let policy = checkpoint, let every = policy.every, Date().timeIntervalSince(lastCheckpoint) >= every {
                control.pauseAll(n)
                collect()
                do { try saveCheckpoint(path: policy.path) } catch { control.stopAll(n); throw error }
                observer.checkpointSaved(policy.path)
                control.resumeAll()
                lastCheckpoint = Date()
            }
        }
        collect()
        report()
        try reportEpochs(tokensDone)
        if let l = lastLoss, !l.isFinite { throw diverged() }
        if !model.input.isFinite || !model.output.isFinite { throw diverged() }
        return summary(.finished)
    }
}
