// Role: the GloVe training loop in the library's training shape: epochs over the records, Hogwild threads
// each taking the next chunk of the shuffled records, cost per epoch to the observer, divergence check,
// stop on the observer's request and checkpoints where the policy says; with a time budget, the epoch count
// decided at each epoch's end from the measured epoch time.
import EmbedCore
import EmbedKernels
import Foundation

/// Trains a GloVe model: epochs over the shuffled records with Hogwild threads, the cost of each epoch to the
/// observer, a divergence check, and a checkpoint when asked to stop or when the policy says.
public final class GloVeTrainer: Trainer, @unchecked Sendable {
    /// The hyper-parameters (validated when the trainer is made; epochs and threads may differ from a resumed run's).
    public let settings: GloVeSettings
    /// The parameters being trained (word and context vectors, biases, AdaGrad state).
    public let model: GloVeParameters
    /// The co-occurrence records trained on.
    public let records: RecordStore
    /// Where checkpoints go (periodically and when the observer asks to stop); nil: none.
    public var checkpoint: CheckpointPolicy?
    /// Finished epochs, oldest first (a resumed run starts with the checkpoint's).
    public private(set) var history: [EpochRecord] = []
    /// The number of finished epochs (including those of the run this one resumes).
    public var epochsDone: Int { history.count }
    /// Records a thread takes at a time from memory (also the granularity of stops and progress).
    public var chunkRecords = 1 << 16
    /// Records a thread reads from the file at a time when streaming (16 bytes each).
    public var streamChunkRecords = 1 << 20
    /// The kernel width the threads use (`SIMDVariant.active` when the trainer was made; a narrower supported
    /// variant may be set before `train`).
    public var simd = SIMDVariant.active
    /// Train until this deadline instead of `settings.epochs` (nil: the settings' count): after each epoch, as
    /// many more as the mean epoch time of this run says fit. The rate does not decay, so stopping at any epoch
    /// boundary is clean. Such a run's epoch count depends on the machine.
    public var budget: EpochBudget?
    /// The epochs this run trains: the settings' own, or what the budget last planned.
    public private(set) var plannedEpochs = 0

    /// Inside an unfinished epoch: the records trained (a prefix of the epoch), their cost, the seconds spent.
    private var partial: EpochProgress?

    /// A fresh model over `records` (ids 0..<records.words). Throws SettingError for settings that cannot work.
    public convenience init(records: RecordStore, settings: GloVeSettings, checkpoint: CheckpointPolicy? = nil) throws {
        try settings.validate(words: records.words)
        try self.init(records: records, settings: settings,
                      starting: GloVeParameters(words: records.words, dimension: settings.dimension, seed: settings.seed),
                      checkpoint: checkpoint)
    }

    /// Training that starts from `parameters` (a continued model's, AdaGrad state included), which must have
    /// one row per word of the records and the settings' dimension (SettingError otherwise).
    public init(records: RecordStore, settings: GloVeSettings, starting parameters: GloVeParameters,
                checkpoint: CheckpointPolicy? = nil) throws {
        try settings.validate(words: records.words)
        if parameters.dimension != settings.dimension {
            throw SettingError("dimension", "is \(settings.dimension) but the starting model has \(parameters.dimension)")
        }
        if parameters.words != records.words {
            throw SettingError("vocabulary", "has \(records.words) words but the starting model \(parameters.words)")
        }
        self.settings = settings
        self.records = records
        self.checkpoint = checkpoint
        model = parameters
    }

    /// Continues from the checkpoint at `path`. The model settings (dimension, x_max, alpha, learning rates,
    /// clip, seed) must equal the checkpoint's and the records must be the same (ResumeMismatch otherwise);
    /// epochs, threads and checkpointing may change. Also throws `SettingError` for settings that cannot work and
    /// `InputError` for a missing or damaged checkpoint.
    public init(resumingFrom path: String, records: RecordStore, settings: GloVeSettings,
                checkpoint: CheckpointPolicy? = nil) throws {
        try settings.validate(words: records.words)
        let saved = try GloVeCheckpoint.load(path: path)
        let differences = zip(settings.modelSettings, saved.state.settings.modelSettings)
            .filter { $0.0.1 != $0.1.1 }
            .map { ResumeMismatch.Difference(setting: $0.0.0, now: $0.0.1, saved: $0.1.1) }
        if !differences.isEmpty { throw ResumeMismatch(path: path, differences: differences) }
        let s = saved.state
        guard s.words == records.words, s.recordCount == records.count, s.fingerprint == records.fingerprint else {
            throw ResumeMismatch(path: path, reason: "it was trained on other co-occurrence data (\(s.words) words, "
                + "\(s.recordCount) records; now \(records.words) words, \(records.count) records)")
        }
        self.settings = settings
        self.records = records
        self.checkpoint = checkpoint
        model = saved.parameters
        history = s.history
        partial = s.partial
    }

    /// Trains until `settings.epochs` epochs are done, the cost diverges (throws `TrainingDiverged`: the
    /// parameters are then meaningless) or the observer asks to stop (saves a checkpoint when a policy is set).
    public func run(_ observer: WorkObserver) throws -> TrainingSummary {
        let step = GloVeKernel.Step(eta: Float(settings.eta), biasEta: Float(settings.biasEta),
                                    clip: Float(settings.gradClip), layout: model.layout)
        let started = Date()
        var lastSave = Date()
        var trained = 0.0
        var epochSeconds: [Double] = []
        plannedEpochs = settings.epochs
        if let budget { plannedEpochs = min(budget.maxEpochs, max(settings.epochs, epochsDone + 1)) }
        func summary(_ outcome: TrainingOutcome) -> TrainingSummary {
            TrainingSummary(outcome: outcome, epochsRun: epochsDone, bestEpoch: epochsDone,
                            seconds: Date().timeIntervalSince(started), units: trained, unit: "updates")
        }
        while epochsDone < plannedEpochs {
            let epoch = epochsDone + 1
            if partial == nil && observer.shouldStop { return summary(try stop(observer)) }
            var state = partial ?? EpochProgress(position: 0, cost: 0, seconds: 0)
            let begin = state.position, start = Date()
            let periodic: TimeInterval? = checkpoint?.every.map { max(0, $0 - Date().timeIntervalSince(lastSave)) }
            let end = try runEpoch(epoch: epoch, step: step, state: &state, observer: observer, saveAfter: periodic)
            state.seconds += Date().timeIntervalSince(start)
            trained += Double(state.position - begin)
            if end == .diverged || !state.cost.isFinite {
                throw TrainingDiverged(epoch: epoch, learningRate: settings.eta, value: state.cost.isFinite ? .nan : state.cost,
                                       rateSetting: "eta")
            }
            if state.position < records.count {
                partial = state
                if end == .checkpointDue, let policy = checkpoint {
                    try save(to: policy.path, observer)
                    lastSave = Date()
                    continue
                }
                return summary(try stop(observer))
            }
            epochSeconds.append(state.seconds)   // the whole epoch's, also when a checkpoint split it
            if let budget {
                plannedEpochs = budget.epochs(done: Double(epoch),
                                              secondsPerEpoch: epochSeconds.reduce(0, +) / Double(epochSeconds.count))
            }
            let record = EpochRecord(epoch: epoch, epochs: plannedEpochs, loss: state.cost / Double(records.count),
                                     seconds: state.seconds, rate: Double(records.count) / max(state.seconds, 1e-9),
                                     unit: "updates")
            history.append(record)
            partial = nil
            try observer.epochEnded(record)
            if let policy = checkpoint, let every = policy.every, Date().timeIntervalSince(lastSave) >= every {
                try save(to: policy.path, observer)
                lastSave = Date()
            }
        }
        return summary(.finished)
    }

    /// Saves the whole state (also mid-epoch) to `path`.
    public func saveCheckpoint(to path: String) throws {
        // A budgeted run may pass the settings' epochs: the checkpoint records the larger count.
        var saved = settings
        saved.epochs = max(settings.epochs, plannedEpochs, history.count)
        let state = GloVeCheckpoint.State(settings: saved, words: records.words, recordCount: records.count,
                                          fingerprint: records.fingerprint, history: history, partial: partial)
        try GloVeCheckpoint.save(state, parameters: model, to: path)
    }

    private func save(to path: String, _ observer: WorkObserver) throws {
        try saveCheckpoint(to: path)
        observer.checkpointSaved(path)
    }

    private func stop(_ observer: WorkObserver) throws -> TrainingOutcome {
        if let path = checkpoint?.path { try save(to: path, observer) }
        return .stopped(checkpoint: checkpoint?.path)
    }

    /// How an epoch's threads ended.
    private enum EpochEnd { case done, stopped, checkpointDue, diverged }

    /// Runs the threads over the rest of the epoch from `state.position`; on return every record handed out
    /// has been trained (a stop or an error lets the chunks in hand finish).
    private func runEpoch(epoch: Int, step: GloVeKernel.Step, state: inout EpochProgress, observer: WorkObserver,
                          saveAfter: TimeInterval?) throws -> EpochEnd {
        try records.beginEpoch(at: state.position)
        let n = max(1, settings.threads)
        let costs = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        costs.initialize(repeating: 0)
        defer { costs.deallocate() }
        let errors = UnsafeMutableBufferPointer<Error?>.allocate(capacity: n)
        errors.initialize(repeating: nil)
        defer { errors.deallocate() }
        // 0 running, 1 stop requested or error, 2 diverged, 3 checkpoint due.
        let halt = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
        halt.pointee = 0
        defer { halt.deallocate() }
        let begin = state.position, started = Date()
        let deadline = saveAfter.map { started.addingTimeInterval($0) }
        let body: (Int) -> Void = { t in
            do {
                costs[t] = try self.runThread(t, halt: halt, step: step, epoch: epoch, begin: begin, started: started,
                                              observer: observer, deadline: deadline)
            } catch { errors[t] = error; halt.pointee = 1 }
        }
        if n == 1 {
            body(0)
        } else {
            let group = DispatchGroup()
            for t in 0..<n {
                group.enter()
                WorkerThread.start { body(t); group.leave() }
            }
            group.wait()
        }
        if let e = errors.compactMap({ $0 }).first { throw e }
        state.position = records.handedOut
        state.cost += costs.reduce(0, +)
        switch halt.pointee {
        case 2: return .diverged
        case 3: return .checkpointDue
        case 1: return .stopped
        default: return .done
        }
    }

    /// One thread: takes chunks until the epoch ends or a halt; returns the cost of the records it trained.
    private func runThread(_ t: Int, halt: UnsafeMutablePointer<Int32>, step: GloVeKernel.Step, epoch: Int,
                           begin: Int, started: Date, observer: WorkObserver, deadline: Date?) throws -> Double {
        let limit = records.isInMemory ? chunkRecords : streamChunkRecords
        let scratch = records.makeScratch(capacity: limit)
        defer { scratch?.deallocate() }
        let block = model.block, layout = model.layout, variant = simd
        var cost = 0.0
        var lastReport = Date.distantPast
        while halt.pointee == 0 {
            if observer.shouldStop { halt.pointee = 1; break }
            guard let chunk = try records.next(limit: limit, scratch: scratch) else { break }
            cost += GloVeKernel.train(chunk.records, count: chunk.count, parameters: block, layout: layout, step: step,
                                     variant: variant)
            if !cost.isFinite { halt.pointee = 2; break }
            // A periodic checkpoint falls due after at least one chunk, so every save follows progress.
            if t == 0, let deadline, Date() >= deadline { halt.pointee = 3; break }
            if t == 0, Date().timeIntervalSince(lastReport) >= observer.reportInterval {
                lastReport = Date()
                let done = chunk.first + chunk.count
                let seconds = Date().timeIntervalSince(started)
                let whole = (Double(epoch - 1) + Double(done) / Double(records.count)) / Double(max(1, plannedEpochs))
                observer.progress(ProgressReport(task: "glove", fraction: whole, done: Double(done - begin), unit: "updates",
                                                 rate: Double(done - begin) / max(seconds, 1e-9), elapsed: seconds,
                                                 epoch: epoch, epochs: plannedEpochs, learningRate: settings.eta))
            }
        }
        return cost
    }
}
