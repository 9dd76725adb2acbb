// Role: what the worker threads share besides the weights: the global token count (for the learning rate and
// progress), the learning-rate schedule and epoch count in force (a time budget re-plans them while the
// workers run), the running loss, and the pause barrier used for checkpoints and interruption.
import EmbedCore
import Foundation
import Synchronization

final class TrainingControl: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: Int64
    private var lossSum = 0.0
    private var lossPairs: Int64 = 0

    /// Workers poll this at their pause points (line ends and buffer flushes).
    let pauseRequested = Atomic<Bool>(false)
    /// Set by a worker (test hook) that wants the run to stop as if interrupted.
    let stopWanted = Atomic<Bool>(false)
    private let barrier = NSCondition()
    private var paused = 0
    private var finished = 0
    private var stopping = false

    private var plan: (schedule: RateSchedule, epochs: Int)

    init(tokensDone: Int64, schedule: RateSchedule, epochs: Int) {
        tokens = tokensDone
        plan = (schedule, epochs)
    }

    /// Adds a worker's unsynced tokens and loss; returns the new global token count and the learning rate for it.
    func sync(tokens add: Int64, lossSum l: Double, lossPairs p: Int64) -> (tokens: Int64, rate: Float) {
        lock.lock(); defer { lock.unlock() }
        tokens += add
        lossSum += l
        lossPairs += p
        return (tokens, plan.schedule.rate(tokens))
    }

    /// The epochs a worker runs over its slice (read at the end of each).
    var epochs: Int { lock.lock(); defer { lock.unlock() }; return plan.epochs }

    /// Changes the plan while the workers run: they take the new rate at their next sync, the new epoch count at
    /// their next epoch end.
    func replan(schedule: RateSchedule, epochs: Int) {
        lock.lock(); defer { lock.unlock() }
        plan = (schedule, epochs)
    }

    var tokensDone: Int64 { lock.lock(); defer { lock.unlock() }; return tokens }

    /// The mean loss per pair since the last call (nil when no pair was measured).
    func takeRunningLoss() -> Double? {
        lock.lock(); defer { lock.unlock() }
        guard lossPairs > 0 else { return nil }
        let mean = lossSum / Double(lossPairs)
        lossSum = 0; lossPairs = 0
        return mean
    }

    // MARK: the pause barrier

    /// Called by a worker at a pause point when `pauseRequested`: blocks until the coordinator resumes
    /// (returns false) or stops the run (returns true).
    func pauseHere() -> Bool {
        barrier.lock(); defer { barrier.unlock() }
        paused += 1
        barrier.broadcast()
        while pauseRequested.load(ordering: .acquiring) && !stopping { barrier.wait() }
        paused -= 1
        return stopping
    }

    func workerFinished() {
        barrier.lock(); finished += 1; barrier.broadcast(); barrier.unlock()
    }

    /// Waits up to `timeout` seconds for every worker to finish; true when they all have.
    func waitFinished(_ workers: Int, timeout: TimeInterval) -> Bool {
        barrier.lock(); defer { barrier.unlock() }
        if finished < workers { _ = barrier.wait(until: Date(timeIntervalSinceNow: timeout)) }
        return finished == workers
    }

    /// Asks every worker to pause and waits until each one is paused or finished.
    func pauseAll(_ workers: Int) {
        pauseRequested.store(true, ordering: .releasing)
        barrier.lock(); defer { barrier.unlock() }
        while paused + finished < workers { barrier.wait() }
    }

    func resumeAll() {
        barrier.lock(); pauseRequested.store(false, ordering: .releasing); barrier.broadcast(); barrier.unlock()
    }

    /// Releases paused workers with the order to stop, and waits until every worker has returned.
    func stopAll(_ workers: Int) {
        barrier.lock(); defer { barrier.unlock() }
        stopping = true
        barrier.broadcast()
        while finished < workers { barrier.wait() }
    }
}
