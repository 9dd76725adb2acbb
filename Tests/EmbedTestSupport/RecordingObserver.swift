// Role: an observer for tests: records every report, stage, epoch, notice and checkpoint, and can ask the
// work to stop after a given number of polls or from a closure.
import EmbedKit
import Foundation

public final class RecordingObserver: WorkObserver, @unchecked Sendable {
    private let lock = NSLock()
    public private(set) var reports: [ProgressReport] = []
    public private(set) var stages: [StageReport] = []
    public private(set) var epochs: [EpochRecord] = []
    public private(set) var notices: [String] = []
    public private(set) var checkpoints: [String] = []
    /// Polls of `shouldStop` so far.
    public private(set) var polls = 0
    /// Asked on every poll (after counting it): true stops the work.
    public var stopWhen: (RecordingObserver) -> Bool = { _ in false }
    /// Called on every finished epoch (may throw to stop training).
    public var onEpoch: (EpochRecord) throws -> Void = { _ in }

    public init() {}

    /// An observer that asks to stop at the `n`-th poll (and after).
    public convenience init(stopAtPoll n: Int) {
        self.init()
        stopWhen = { $0.polls >= n }
    }

    public func progress(_ report: ProgressReport) { lock.lock(); reports.append(report); lock.unlock() }
    public func notice(_ message: String) { lock.lock(); notices.append(message); lock.unlock() }
    public func stageEnded(_ report: StageReport) { lock.lock(); stages.append(report); lock.unlock() }
    public func checkpointSaved(_ path: String) { lock.lock(); checkpoints.append(path); lock.unlock() }

    public func epochEnded(_ record: EpochRecord) throws {
        lock.lock(); epochs.append(record); lock.unlock()
        try onEpoch(record)
    }

    public var shouldStop: Bool {
        lock.lock()
        polls += 1
        lock.unlock()
        return stopWhen(self)
    }
}
