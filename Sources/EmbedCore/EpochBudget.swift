// Role: a time budget for training: how many epochs fit before a deadline, from the measured time of the
// epochs run so far (both trainers decide their epoch count with it, at their epoch boundaries).
import Foundation

/// Train until `deadline`: as many epochs as the measured speed says fit, never more than `maxEpochs`, and
/// never stopping inside an epoch (the epoch in progress is always finished).
public struct EpochBudget: Equatable, Sendable {
    /// When training should be over (the caller leaves room after it for writing the results).
    public var deadline: Date
    /// The most epochs to run, whatever the speed.
    public var maxEpochs: Int

    /// A budget ending at `deadline`, of at most `maxEpochs` epochs.
    public init(deadline: Date, maxEpochs: Int) {
        self.deadline = deadline
        self.maxEpochs = maxEpochs
    }

    /// The same deadline with at most `epochs` epochs (and never more than before).
    public func capped(at epochs: Int) -> EpochBudget {
        EpochBudget(deadline: deadline, maxEpochs: min(maxEpochs, epochs))
    }

    /// The epochs the whole run should have when `done` epochs (fractional: the current one is partly done)
    /// have been trained so far and the epochs of this process took `secondsPerEpoch` each, at time `now`.
    /// At least the epoch in progress (`ceil(done)`, and at least 1), at most `maxEpochs`.
    public func epochs(done: Double, secondsPerEpoch: Double, now: Date = Date()) -> Int {
        let started = max(1, Int(done.rounded(.up)))
        guard secondsPerEpoch > 0, secondsPerEpoch.isFinite else { return max(min(started, maxEpochs), 1) }
        let left = max(0, deadline.timeIntervalSince(now))
        let fit = done + left / secondsPerEpoch
        let whole = fit >= Double(maxEpochs) ? maxEpochs : Int(fit.rounded(.down))
        return max(started, min(maxEpochs, whole))
    }
}
