// Role: runs a word2vec training in the library's training shape: one worker thread per slice of the id
// stream sharing the model's weights (Hogwild), while this thread reports progress to the observer, takes
// periodic checkpoints, and stops cleanly (with a checkpoint to resume from) when the observer asks. With a
// time budget it re-plans the epoch count (and re-anchors the decaying learning rate) from the measured speed.
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
    /// The epochs this run trains: the settings' own, or what the time budget last planned.
    public private(set) var plannedEpochs: Int
    /// The learning rate over the run's tokens (re-anchored when a budget re-plans).
    private(set) var schedule: RateSchedule
    /// Train until this deadline instead of a fixed epoch count (nil: `settings.epochs`): the epochs are planned
    /// from the speed measured after the first seconds and again at each epoch's end; the epoch in progress
    /// always finishes, and the learning rate reaches its floor at the end of the planned last epoch. The
    /// settings' epochs only shape the rate until the first plan (of a first epoch shorter than that, the whole
    /// epoch's). Such a run's epoch count depends on the machine.
    public var budget: EpochBudget?

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
        plannedEpochs = o.epochs
        schedule = RateSchedule(settings: o, epochs: o.epochs, corpusTokens: corpus.tokenCount)
    }

    /// A run restored from a checkpoint.
    init(model: SkipGramModel, corpus: EncodedCorpus, states: [WorkerState], tokensDone: Int64,
         secondsBefore: TimeInterval, plannedEpochs: Int?, schedule: RateSchedule?, checkpoint: CheckpointPolicy?) {
        let epochs = plannedEpochs ?? model.settings.epochs
        self.plannedEpochs = epochs
        self.schedule = schedule ?? RateSchedule(settings: model.settings, epochs: epochs, corpusTokens: corpus.tokenCount)
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
    public var totalTokens: Int64 { Int64(plannedEpochs) * corpus.tokenCount }
    /// Share of the run done (tokens read over all epochs, including those a worker has not reported yet).
    public var fraction: Double {
        let pending = states.reduce(Int64(0)) { $0 + $1.unsynced }
        return min(1, Double(tokensDone + pending) / Double(max(1, totalTokens)))
    }
    /// True when every worker has finished its last epoch.
    public var isFinished: Bool { states.allSatisfy { $0.epoch >= plannedEpochs } }
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
        let epochsDone = { self.states.map(\.epoch).min() ?? 0 }
        if isFinished {
            return TrainingSummary(outcome: .finished, epochsRun: plannedEpochs, bestEpoch: plannedEpochs, seconds: 0,
                                   units: 0, unit: "words")
        }
        if o.loss == .softmax { Matrix.setBLASThreads(1) }
        let subsampler = Subsampler(counts: model.vocabulary.counts, sample: o.sample)
        // Until a budget has measured the speed, the workers stop at the end of each epoch (short epochs can end
        // between two looks of this thread) and are launched again on the new plan.
        var planned = false
        func nextControl() -> TrainingControl {
            let epochs = budget != nil && !planned ? min(plannedEpochs, epochsDone() + 1) : plannedEpochs
            return TrainingControl(tokensDone: tokensDone, schedule: schedule, epochs: epochs)
        }
        var control = nextControl()
        var workers: [TrainingWorker] = []
        func launch() {
            workers = states.map { makeWorker($0, control, subsampler) }
            for w in workers { WorkerThread.start { w.run() } }
        }
        let n = states.count
        let started = Date()
        let startTokens = tokensDone
        var lastCheckpoint = Date()
        launch()
        func collect() {
            states = workers.map(\.state)
            tokensDone = control.tokensDone
        }
        // Epoch ends as the token count passes each multiple of the corpus (threads interleave, so this is the
        // whole run's epoch, as the learning rate sees it).
        var epochsReported = Int(tokensDone / max(1, corpus.tokenCount))
        var epochStarted = Date()
        func reportEpochs(_ done: Int64) throws {
            let finished = min(plannedEpochs, Int(done / max(1, corpus.tokenCount)))
            guard finished > epochsReported else { return }
            // Epochs that ended since the last look share the time (an epoch is corpus.tokenCount words).
            let seconds = Date().timeIntervalSince(epochStarted) / Double(finished - epochsReported)
            while epochsReported < finished {
                epochsReported += 1
                try observer.epochEnded(EpochRecord(
                    epoch: epochsReported, epochs: plannedEpochs, loss: lastLoss ?? .nan, seconds: seconds,
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
                epoch: min(plannedEpochs, Int(f * Double(plannedEpochs)) + 1), epochs: plannedEpochs, loss: lastLoss,
                learningRate: Double(schedule.rate(done))))
        }
        func summary(_ outcome: TrainingOutcome) -> TrainingSummary {
            let seconds = Date().timeIntervalSince(started)
            secondsBefore += seconds
            return TrainingSummary(outcome: outcome, epochsRun: epochsDone(), bestEpoch: epochsDone(), seconds: seconds,
                                   units: Double(tokensDone - startTokens), unit: "words")
        }
        func diverged() -> TrainingDiverged {
            let f = fraction
            return TrainingDiverged(epoch: min(plannedEpochs, Int(f * Double(plannedEpochs)) + 1),
                                    learningRate: Double(schedule.rate(control.tokensDone)), value: lastLoss ?? .nan, rateSetting: "alpha")
        }
        // A budget plans once the speed is known (after a few seconds and a sliver of an epoch, or at the first
        // epoch's end), then at each epoch's end.
        func replan() {
            guard let budget else { return }
            planned = true
            let epochsNow = Double(control.tokensDone) / Double(max(1, corpus.tokenCount))
            let trained = epochsNow - Double(startTokens) / Double(max(1, corpus.tokenCount))
            let seconds = Date().timeIntervalSince(started)
            let epochs = budget.epochs(done: epochsNow, secondsPerEpoch: trained > 0 ? seconds / trained : .infinity)
            guard epochs != plannedEpochs else { return }
            schedule = schedule.replanned(at: control.tokensDone, epochs: epochs, corpusTokens: corpus.tokenCount)
            plannedEpochs = epochs
            control.replan(schedule: schedule, epochs: epochs)
        }
        while true {
            while !control.waitFinished(n, timeout: 0.25) {
                if budget != nil {
                    let before = epochsReported
                    let sliver = Double(control.tokensDone - startTokens) >= 0.01 * Double(corpus.tokenCount)
                    if !planned && sliver && Date().timeIntervalSince(started) >= 2 { replan() }
                    if Int(control.tokensDone / max(1, corpus.tokenCount)) > before { replan() }
                }
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
            if budget == nil { break }
            replan()
            if epochsDone() >= plannedEpochs { break }
            control = nextControl()
            launch()
        }
        if !model.input.isFinite || !model.output.isFinite { throw diverged() }
        return summary(.finished)
    }
}
