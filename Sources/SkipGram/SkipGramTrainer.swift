// Role: runs a training: one worker thread per slice of the id stream sharing the model's weights (Hogwild),
// while this thread reports progress, writes the log, takes periodic checkpoints and stops cleanly on
// SIGINT/SIGTERM (Streams.Interruption in cooperative mode) with a checkpoint to resume from.
import Foundation
import Kernels
import Streams

public struct TrainingMonitor {
    public var progress: Streams.Progress?
    public var log: TrainingLog?
    /// Where checkpoints go (periodic and on interruption); nil: an interruption just stops.
    public var checkpointPath: String?
    public var checkpointEvery: TimeInterval?
    public init(progress: Streams.Progress? = nil, log: TrainingLog? = nil, checkpointPath: String? = nil,
                checkpointEvery: TimeInterval? = nil) {
        self.progress = progress
        self.log = log
        self.checkpointPath = checkpointPath
        self.checkpointEvery = checkpointEvery
    }
}

public enum TrainingOutcome: Equatable {
    case finished
    /// Stopped early; the checkpoint (when a path was given) holds everything needed to resume.
    case interrupted(checkpoint: String?)
}

public final class SkipGramTrainer {
    public let model: SkipGramModel
    public let corpus: EncodedCorpus
    private(set) var states: [WorkerState]
    /// Tokens processed so far over all epochs (the learning rate decays with it).
    public private(set) var tokensDone: Int64
    /// Seconds spent in `train` and tokens processed there (all calls of this process; a resumed run starts at 0).
    public private(set) var trainingSeconds: TimeInterval = 0
    public private(set) var tokensTrained: Int64 = 0
    private var lastLoss: Double?

    /// A fresh run over `corpus` (encoded with `model.vocabulary`).
    public init(model: SkipGramModel, corpus: EncodedCorpus) {
        self.model = model
        self.corpus = corpus
        let o = model.options
        states = corpus.slices(o.threads).enumerated().map { t, slice in
            let rng = FastRandom(seed: o.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(t + 1))
            return WorkerState(slice: slice, rng: rng.state, rate: o.startingAlpha)
        }
        tokensDone = 0
    }

    /// A run restored from a checkpoint.
    init(model: SkipGramModel, corpus: EncodedCorpus, states: [WorkerState], tokensDone: Int64) {
        self.model = model
        self.corpus = corpus
        self.states = states
        self.tokensDone = tokensDone
    }

    /// Skip-gram inputs merged into one full-softmax update.
    static let softmaxBatch = 128

    public var totalTokens: Int64 { Int64(model.options.epochs) * corpus.tokenCount }
    /// Share of the run done (tokens read over all epochs, including those a worker has not reported yet).
    public var fraction: Double {
        let pending = states.reduce(Int64(0)) { $0 + $1.unsynced }
        return min(1, Double(tokensDone + pending) / Double(max(1, totalTokens)))
    }
    public var isFinished: Bool { states.allSatisfy { $0.epoch >= model.options.epochs } }

    private func makeWorker(_ state: WorkerState, _ control: TrainingControl, _ subsampler: Subsampler) -> TrainingWorker {
        let o = model.options, m = model.maxInputs
        func worker<L: OutputLoss>(_ loss: L) -> TrainingWorker {
            Worker(loss: loss, input: model.input, corpus: corpus, subsampler: subsampler, control: control,
                   options: o, totalTokens: corpus.tokenCount, state: state)
        }
        switch o.loss {
        case .ns: return worker(NegativeSamplingLoss(output: model.output, sampler: model.sampler!, negative: o.negative, maxInputs: m))
        case .hs: return worker(HierarchicalSoftmaxLoss(output: model.output, tree: model.tree!, maxInputs: m))
        case .softmax:
            return worker(FullSoftmaxLoss(output: model.output, maxInputs: m, batchRows: o.cbow ? 0 : SkipGramTrainer.softmaxBatch))
        }
    }

    /// Trains to the end (or until interrupted). Safe to call again after an interruption to go on.
    public func train(_ monitor: TrainingMonitor = TrainingMonitor()) throws -> TrainingOutcome {
        if isFinished { return .finished }
        if model.options.loss == .softmax { Matrix.setBLASThreads(1) }
        let o = model.options
        let control = TrainingControl(tokensDone: tokensDone)
        let subsampler = Subsampler(counts: model.vocabulary.counts, sample: o.sample)
        let workers = states.map { makeWorker($0, control, subsampler) }
        let n = workers.count
        let started = Date()
        let startTokens = tokensDone
        let trainedBefore = tokensTrained
        var lastCheckpoint = Date()
        for w in workers {
            let thread = Thread { w.run() }
            thread.stackSize = 1 << 20
            thread.start()
        }
        func collect() {
            states = workers.map(\.state)
            tokensDone = control.tokensDone
            tokensTrained = trainedBefore + tokensDone - startTokens
        }
        func report(force: Bool) throws {
            let done = control.tokensDone
            let f = min(1, Double(done) / Double(max(1, totalTokens)))
            let elapsed = Date().timeIntervalSince(started)
            let speed = Double(done - startTokens) / max(elapsed, 1e-9)
            let rate = max(o.startingAlpha * o.minAlphaFraction, o.startingAlpha * Float(1 - f))
            if let l = control.takeRunningLoss() { lastLoss = l }
            let lossText = lastLoss.map { String(format: "%.4f", $0) } ?? "-"
            monitor.progress?.update(fraction: f, detail: "\(Streams.Progress.rate(speed)) words/s  lr "
                + String(format: "%.5f", rate) + "  loss " + lossText)
            try monitor.log?.record(step: done, progress: f, epochs: o.epochs, loss: lastLoss, rate: rate,
                                    wordsPerSecond: speed, elapsed: trainingSeconds + elapsed, force: force)
        }
        defer { trainingSeconds += Date().timeIntervalSince(started) }
        while !control.waitFinished(n, timeout: 0.25) {
            try report(force: false)
            if Interruption.requested || control.stopWanted.load(ordering: .acquiring) {
                control.pauseAll(n)
                collect()
                defer { control.stopAll(n) }
                if let path = monitor.checkpointPath { try saveCheckpoint(path: path) }
                try report(force: true)
                monitor.progress?.finish()
                return .interrupted(checkpoint: monitor.checkpointPath)
            }
            if let every = monitor.checkpointEvery, let path = monitor.checkpointPath,
               Date().timeIntervalSince(lastCheckpoint) >= every {
                control.pauseAll(n)
                collect()
                do { try saveCheckpoint(path: path) } catch { control.stopAll(n); throw error }
                control.resumeAll()
                lastCheckpoint = Date()
            }
        }
        collect()
        try report(force: true)
        monitor.progress?.finish()
        return .finished
    }
}
