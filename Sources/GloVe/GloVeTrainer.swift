// Role: the GloVe training loop: epochs over the records, Hogwild threads each taking the next chunk of the
// shuffled records, cost per epoch, divergence check, cooperative interruption and checkpoints.
import Foundation
import Kernels
import Streams

public final class GloVeTrainer: @unchecked Sendable {
    public enum Outcome: Equatable {
        case finished
        /// Stopped on request; the state was saved to the checkpoint path (when one is set).
        case interrupted(epoch: Int, checkpoint: String?)
    }

    public let options: GloVeOptions
    public let parameters: GloVeParameters
    public let records: RecordStore
    /// Finished epochs, oldest first (a resumed run starts with the checkpoint's).
    public private(set) var history: [EpochReport] = []
    public var epochsDone: Int { history.count }
    /// Polled between chunks of records; true stops training once the chunks being trained are done.
    public var stopRequested: @Sendable () -> Bool = { Interruption.requested }
    /// Records a thread takes at a time from memory (also the granularity of stops and progress).
    public var chunkRecords = 1 << 16
    /// Records a thread reads from the file at a time when streaming (16 bytes each).
    public var streamChunkRecords = 1 << 20
    /// Called after each finished epoch (before its checkpoint); an error stops training.
    public var onEpoch: (EpochReport) throws -> Void = { _ in }
    /// Shows the progress of the current epoch (thread 0 updates it between chunks).
    public var progress: Streams.Progress?

    /// Inside an unfinished epoch: the records trained (a prefix of the epoch), their cost, the seconds spent.
    private var partial: EpochProgress?

    /// A fresh model over `records` (ids 0..<records.words).
    public init(records: RecordStore, options: GloVeOptions) throws {
        try options.validate()
        self.options = options
        self.records = records
        parameters = GloVeParameters(words: records.words, dimension: options.dimension, seed: options.seed)
    }

    /// Continues from a checkpoint. The model settings (dimension, x_max, alpha, learning rates, clip, seed)
    /// must equal the checkpoint's and the records must be the same; epochs, threads and checkpointing may change.
    public init(resumingFrom path: String, records: RecordStore, options: GloVeOptions) throws {
        try options.validate()
        let (c, p) = try GloVeCheckpoint.load(path: path)
        var differences: [String] = []
        func check<T: Equatable>(_ name: String, _ mine: T, _ theirs: T) {
            if mine != theirs { differences.append("\(name) \(theirs) (not \(mine))") }
        }
        check("--dim", options.dimension, c.options.dimension)
        check("--x-max", options.xMax, c.options.xMax)
        check("--alpha", options.alpha, c.options.alpha)
        check("--eta", options.eta, c.options.eta)
        check("--bias-eta", options.biasEta, c.options.biasEta)
        check("--grad-clip", options.gradClip, c.options.gradClip)
        check("--seed", options.seed, c.options.seed)
        if !differences.isEmpty {
            throw GloVeError.checkpointMismatch("\(path) was made with " + differences.joined(separator: ", "))
        }
        guard c.words == records.words, c.recordCount == records.count, c.fingerprint == records.fingerprint else {
            throw GloVeError.checkpointMismatch("\(path) was trained on other co-occurrence data (\(c.words) words, \(c.recordCount) records; now \(records.words) words, \(records.count) records)")
        }
        self.options = options
        self.records = records
        parameters = p
        history = c.history
        partial = c.partial
    }

    /// Trains until `options.epochs` epochs are done, the cost diverges (throws `GloVeError.diverged`, the
    /// parameters are then meaningless) or a stop is requested (saves a checkpoint when a path is set).
    public func train() throws -> Outcome {
        let step = GloVeKernel.Step(eta: Float(options.eta), biasEta: Float(options.biasEta), clip: Float(options.gradClip),
                                    layout: parameters.layout)
        while epochsDone < options.epochs {
            let epoch = epochsDone + 1
            if partial == nil && stopRequested() { return try interrupted(epoch: epoch) }
            var state = partial ?? EpochProgress(position: 0, cost: 0, seconds: 0)
            let start = Date()
            let diverged = try runEpoch(epoch: epoch, step: step, state: &state)
            state.seconds += Date().timeIntervalSince(start)
            progress?.finish()
            if diverged || !state.cost.isFinite {
                throw GloVeError.diverged(epoch: epoch, cost: state.cost.isFinite ? .nan : state.cost)
            }
            if state.position < records.count {
                partial = state
                return try interrupted(epoch: epoch)
            }
            let report = EpochReport(epoch: epoch, cost: state.cost / Double(records.count), seconds: state.seconds,
                                     updatesPerSecond: Double(records.count) / max(state.seconds, 1e-9))
            history.append(report)
            partial = nil
            try onEpoch(report)
            if let every = options.checkpointEvery, let path = options.checkpointPath, epoch % every == 0 {
                try saveCheckpoint(to: path)
            }
        }
        return .finished
    }

    /// Saves the whole state (also mid-epoch) to `path`.
    public func saveCheckpoint(to path: String) throws {
        try GloVeCheckpoint(options: options, words: records.words, recordCount: records.count,
                            fingerprint: records.fingerprint, history: history, partial: partial)
            .save(to: path, parameters: parameters)
    }

    private func interrupted(epoch: Int) throws -> Outcome {
        if let path = options.checkpointPath { try saveCheckpoint(to: path) }
        return .interrupted(epoch: epoch, checkpoint: options.checkpointPath)
    }

    /// Runs the threads over the rest of the epoch from `state.position`; on return every record handed out
    /// has been trained (a stop or an error lets the chunks in hand finish). True when the cost diverged.
    private func runEpoch(epoch: Int, step: GloVeKernel.Step, state: inout EpochProgress) throws -> Bool {
        try records.beginEpoch(at: state.position)
        let n = max(1, options.threads)
        let costs = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        costs.initialize(repeating: 0)
        defer { costs.deallocate() }
        let errors = UnsafeMutableBufferPointer<Error?>.allocate(capacity: n)
        errors.initialize(repeating: nil)
        defer { errors.deallocate() }
        let halt = UnsafeMutablePointer<Int32>.allocate(capacity: 1)   // 1: stop requested or error, 2: diverged
        halt.pointee = 0
        defer { halt.deallocate() }
        let begin = state.position, started = Date()
        let body: (Int) -> Void = { t in
            do { costs[t] = try self.runThread(t, halt: halt, step: step, epoch: epoch, begin: begin, started: started) }
            catch { errors[t] = error; halt.pointee = 1 }
        }
        if n == 1 {
            body(0)
        } else {
            let group = DispatchGroup()
            for t in 0..<n {
                group.enter()
                let thread = Thread { body(t); group.leave() }
                thread.stackSize = 1 << 20
                thread.start()
            }
            group.wait()
        }
        if let e = errors.compactMap({ $0 }).first { throw e }
        state.position = records.handedOut
        state.cost += costs.reduce(0, +)
        return halt.pointee == 2
    }

    /// One thread: takes chunks until the epoch ends or a halt; returns the cost of the records it trained.
    private func runThread(_ t: Int, halt: UnsafeMutablePointer<Int32>, step: GloVeKernel.Step, epoch: Int,
                           begin: Int, started: Date) throws -> Double {
        let limit = records.isInMemory ? chunkRecords : streamChunkRecords
        let scratch = records.makeScratch(capacity: limit)
        defer { scratch?.deallocate() }
        let block = parameters.block, layout = parameters.layout
        var cost = 0.0
        while halt.pointee == 0 {
            if stopRequested() { halt.pointee = 1; break }
            guard let chunk = try records.next(limit: limit, scratch: scratch) else { break }
            cost += GloVeKernel.train(chunk.records, count: chunk.count, parameters: block, layout: layout, step: step)
            if !cost.isFinite { halt.pointee = 2; break }
            if t == 0, let p = progress {
                let done = chunk.first + chunk.count
                let rate = Double(done - begin) / max(Date().timeIntervalSince(started), 1e-9)
                p.update(fraction: (Double(epoch - 1) + Double(done) / Double(records.count)) / Double(options.epochs),
                         detail: "epoch \(epoch)/\(options.epochs)  \(Streams.Progress.rate(rate)) updates/s")
            }
        }
        return cost
    }
}
