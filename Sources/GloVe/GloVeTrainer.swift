// Role: the GloVe training loop: epochs over the records, Hogwild threads on contiguous slices (like Stanford's
// per-thread file slices), cost per epoch, divergence check, cooperative interruption and checkpoints.
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
    /// Polled between chunks of records; true stops training at the next chunk boundary.
    public var stopRequested: @Sendable () -> Bool = { Interruption.requested }
    /// Records trained between two polls of `stopRequested` (and progress updates), in memory.
    public var chunkRecords = 1 << 16
    /// Records read from the file at a time when streaming (16 bytes each, per thread).
    public var streamChunkRecords = 1 << 20
    /// Called after each finished epoch (before its checkpoint); an error stops training.
    public var onEpoch: (EpochReport) throws -> Void = { _ in }
    /// Shows the progress of the current epoch (thread 0 updates it between chunks).
    public var progress: Streams.Progress?

    private var slices: [EpochSlice] = []
    private var partialSeconds = 0.0

    /// A fresh model over `records` (ids 0..<records.words).
    public init(records: RecordStore, options: GloVeOptions) throws {
        try options.validate()
        self.options = options
        self.records = records
        parameters = GloVeParameters(words: records.words, dimension: options.dimension, seed: options.seed)
    }

    /// Continues from a checkpoint. The model settings (dimension, x_max, alpha, eta, clip, seed) must equal
    /// the checkpoint's and the records must be the same; epochs, threads and checkpointing may change.
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
        slices = c.slices
        partialSeconds = c.partialSeconds
    }

    /// Trains until `options.epochs` epochs are done, the cost diverges (throws `GloVeError.diverged`, the
    /// parameters are then meaningless) or a stop is requested (saves a checkpoint when a path is set).
    public func train() throws -> Outcome {
        let step = GloVeKernel.Step(eta: Float(options.eta), biasEta: Float(options.biasEta), clip: Float(options.gradClip),
                                    layout: parameters.layout)
        while epochsDone < options.epochs {
            let epoch = epochsDone + 1
            if slices.isEmpty {
                if stopRequested() { return try interrupted(epoch: epoch) }
                slices = GloVeTrainer.split(records.count, into: options.threads)
                partialSeconds = 0
            }
            let start = Date()
            let diverged = try runEpoch(epoch: epoch, step: step)
            let seconds = partialSeconds + Date().timeIntervalSince(start)
            progress?.finish()
            let cost = slices.reduce(0) { $0 + $1.cost }
            if diverged || !cost.isFinite {
                throw GloVeError.diverged(epoch: epoch, cost: cost.isFinite ? .nan : cost)
            }
            if slices.contains(where: { !$0.isDone }) {
                partialSeconds = seconds
                return try interrupted(epoch: epoch)
            }
            let report = EpochReport(epoch: epoch, cost: cost / Double(records.count), seconds: seconds,
                                     updatesPerSecond: Double(records.count) / max(seconds, 1e-9))
            history.append(report)
            slices = []
            partialSeconds = 0
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
                            fingerprint: records.fingerprint, epochsDone: epochsDone, history: history,
                            slices: slices, partialSeconds: partialSeconds).save(to: path, parameters: parameters)
    }

    private func interrupted(epoch: Int) throws -> Outcome {
        if let path = options.checkpointPath { try saveCheckpoint(to: path) }
        return .interrupted(epoch: epoch, checkpoint: options.checkpointPath)
    }

    /// Contiguous, nearly equal slices of 0..<count (Stanford's per-thread file slices).
    static func split(_ count: Int, into parts: Int) -> [EpochSlice] {
        let n = max(1, min(parts, count))
        return (0..<n).map { t in
            let first = count * t / n, end = count * (t + 1) / n
            return EpochSlice(first: first, end: end, position: first, cost: 0)
        }
    }

    /// Trains every slice on its own thread; returns true when a non-finite cost stopped it early.
    private func runEpoch(epoch: Int, step: GloVeKernel.Step) throws -> Bool {
        let n = slices.count
        let state = UnsafeMutableBufferPointer<EpochSlice>.allocate(capacity: n)
        _ = state.initialize(from: slices)
        defer { state.deallocate() }
        let errors = UnsafeMutableBufferPointer<Error?>.allocate(capacity: n)
        errors.initialize(repeating: nil)
        defer { errors.deallocate() }
        let halt = UnsafeMutablePointer<Int32>.allocate(capacity: 1)   // 1: stop requested, 2: diverged
        halt.pointee = 0
        defer { halt.deallocate() }
        let startDone = slices.reduce(0) { $0 + $1.position - $1.first }
        let started = Date()
        let body: (Int) -> Void = { t in
            do { try self.runSlice(state, t, halt: halt, step: step, epoch: epoch, startDone: startDone, started: started) }
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
        slices = Array(state)
        if let e = errors.compactMap({ $0 }).first { throw e }
        return halt.pointee == 2
    }

    private func runSlice(_ state: UnsafeMutableBufferPointer<EpochSlice>, _ t: Int, halt: UnsafeMutablePointer<Int32>,
                          step: GloVeKernel.Step, epoch: Int, startDone: Int, started: Date) throws {
        let chunk = records.isInMemory ? chunkRecords : streamChunkRecords
        let scratch = records.makeScratch(capacity: chunk)
        defer { scratch?.deallocate() }
        var s = state[t]
        let block = parameters.block, layout = parameters.layout
        while s.position < s.end {
            if halt.pointee != 0 { break }
            if stopRequested() { halt.pointee = 1; break }
            let count = min(chunk, s.end - s.position)
            let batch = try records.records(at: s.position, count: count, scratch: scratch)
            s.cost += GloVeKernel.train(batch, count: count, parameters: block, layout: layout, step: step)
            s.position += count
            state[t].position = s.position
            if !s.cost.isFinite { halt.pointee = 2; break }
            if t == 0, let p = progress {
                var done = 0
                for k in 0..<state.count { done += state[k].position - state[k].first }
                let rate = Double(done - startDone) / max(Date().timeIntervalSince(started), 1e-9)
                p.update(fraction: (Double(epoch - 1) + Double(done) / Double(records.count)) / Double(options.epochs),
                         detail: "epoch \(epoch)/\(options.epochs)  \(Streams.Progress.rate(rate)) updates/s")
            }
        }
        state[t] = s
    }

    /// The trained vectors for `words` (one per row of the model, in id order).
    public func vectors(_ which: OutputVectors) -> [Float] { parameters.vectors(which) }
}
