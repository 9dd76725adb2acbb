// Role: how long work talks to its caller: progress numbers (never preformatted text), notices, finished
// epochs, saved checkpoints, and the caller's answer to "should I stop?". Libraries never print; the
// command-line tool's observer turns these into lines on stderr, CSV logs and Ctrl-C handling.
import Foundation

/// What a long step reports while it runs: how far it is, how fast, and (for training) loss and rate.
public struct ProgressReport: Sendable, Equatable {
    /// The step, in a word or two: `vocabulary`, `cooccurrence`, `skipgram`, `glove`, `classifier`, `vectors`.
    public var task: String
    /// Share of the step done, 0...1; nil when the total is unknown (standard input, say).
    public var fraction: Double?
    /// Units done so far in this step (words, records, bytes, rows), counted in `unit`.
    public var done: Double
    /// The name of the unit counted by `done` and `rate` (`tokens`, `records`, `bytes`...).
    public var unit: String
    /// Units per second since the step started (or resumed).
    public var rate: Double
    /// The current epoch, 1-based, for training (nil otherwise).
    public var epoch: Int?
    /// The planned number of epochs, for training (nil otherwise).
    public var epochs: Int?
    /// The recent mean loss, for training (nil otherwise).
    public var loss: Double?
    /// The current learning rate, for training (nil otherwise).
    public var learningRate: Double?
    /// Seconds since the step started (for a resumed training: including the time before the interruption).
    public var elapsed: TimeInterval

    /// A report of `done` units of `unit` at `rate` units per second, `fraction` of the way.
    public init(task: String, fraction: Double?, done: Double, unit: String, rate: Double, elapsed: TimeInterval,
                epoch: Int? = nil, epochs: Int? = nil, loss: Double? = nil, learningRate: Double? = nil) {
        self.task = task; self.fraction = fraction; self.done = done; self.unit = unit; self.rate = rate
        self.elapsed = elapsed; self.epoch = epoch; self.epochs = epochs; self.loss = loss
        self.learningRate = learningRate
    }
}

/// A named number measured at the end of an epoch (`accuracy`, `dev_loss`, `dev_f1`...).
public struct Metric: Sendable, Equatable, Codable {
    /// The metric's name, as it appears in logs (`accuracy`, `dev_loss`...).
    public var name: String
    /// The measured value; nil when the metric was not measured (a dev metric without a dev set).
    public var value: Double?
    /// A metric called `name` with `value`; `value` nil stands for "not measured" (a dev metric without a dev set).
    public init(_ name: String, _ value: Double?) { self.name = name; self.value = value }
}

/// One finished epoch of a trainer.
public struct EpochRecord: Sendable, Equatable, Codable {
    /// The 1-based number of this epoch.
    public var epoch: Int
    /// The planned number of epochs of the training.
    public var epochs: Int
    /// The training objective over the epoch (GloVe's cost J / records, the mean cross-entropy...).
    public var loss: Double
    /// Wall-clock seconds the epoch took.
    public var seconds: Double
    /// Units trained per second over the epoch (words, updates, tokens), counted in `unit`.
    public var rate: Double
    /// The name of the unit counted by `rate` (`words`, `updates`, `tokens`).
    public var unit: String
    /// Further measurements, in a fixed order per trainer.
    public var metrics: [Metric]
    /// True when these weights are the best so far (the model keeps the best epoch's weights).
    public var isBest: Bool

    /// A record of epoch `epoch` of `epochs` with its `loss`, duration, rate and further metrics.
    public init(epoch: Int, epochs: Int, loss: Double, seconds: Double, rate: Double, unit: String,
                metrics: [Metric] = [], isBest: Bool = true) {
        self.epoch = epoch; self.epochs = epochs; self.loss = loss; self.seconds = seconds; self.rate = rate
        self.unit = unit; self.metrics = metrics; self.isBest = isBest
    }

    /// The value of metric `name`, nil when absent or not measured.
    public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }
}

/// One finished stage of a pipeline (vocabulary, co-occurrence, records...): its figures and its time.
public struct StageReport: Sendable, Equatable {
    /// The stage: `vocabulary`, `cooccurrence`, `records`, `encoding`, `vectors`.
    public var task: String
    /// Wall-clock seconds the stage took.
    public var seconds: Double
    /// The stage's counts in a fixed order per stage (`words`, `tokens`, `records`, `in_memory`...).
    public var figures: [Metric]

    /// A report of stage `task` that took `seconds` and produced `figures`.
    public init(task: String, seconds: Double, figures: [Metric]) {
        self.task = task; self.seconds = seconds; self.figures = figures
    }

    /// The figure called `name` (nil when absent).
    public func figure(_ name: String) -> Double? { figures.first { $0.name == name }?.value }
}

/// Receives what long work reports. Every method has a default that does nothing (and `shouldStop` is
/// false), so an observer implements only what it shows. Methods may be called from worker threads:
/// implementations must be thread-safe.
public protocol WorkObserver: AnyObject, Sendable {
    /// Called often (many times a second at most); the observer decides what to show and when.
    func progress(_ report: ProgressReport)
    /// Something the user should know that is not an error (a table was pruned, a setting was adjusted).
    func notice(_ message: String)
    /// A pipeline finished one of its stages.
    func stageEnded(_ report: StageReport)
    /// A trainer finished an epoch. Throwing stops the training with that error.
    func epochEnded(_ record: EpochRecord) throws
    /// A trainer saved its state to `path` (periodically, or because it was asked to stop).
    func checkpointSaved(_ path: String)
    /// Seconds between progress reports the observer wants (0: every time the work has one; 0.1 by default).
    var reportInterval: TimeInterval { get }
    /// Polled at safe points: true asks the work to stop. Trainers then save a checkpoint (when given a path)
    /// and return `.stopped`; other steps throw `Stopped`.
    var shouldStop: Bool { get }
}

extension WorkObserver {
    /// Does nothing by default.
    public func progress(_ report: ProgressReport) {}
    /// Does nothing by default.
    public func notice(_ message: String) {}
    /// Does nothing by default.
    public func stageEnded(_ report: StageReport) {}
    /// Does nothing by default (and so never throws).
    public func epochEnded(_ record: EpochRecord) throws {}
    /// Does nothing by default.
    public func checkpointSaved(_ path: String) {}
    /// False by default: the work is never asked to stop.
    public var shouldStop: Bool { false }
    /// 0.1 seconds by default.
    public var reportInterval: TimeInterval { 0.1 }
}

/// An observer that shows nothing and never asks to stop: the default of every long call.
public final class SilentObserver: WorkObserver {
    /// A silent observer (use `shared` rather than making new ones).
    public init() {}
    /// The shared instance.
    public static let shared = SilentObserver()
}

/// Thrown by a step that is not a trainer (counting, merging, reading) when its observer asked it to stop.
public struct Stopped: Error, CustomStringConvertible, Equatable, Sendable {
    /// The step that stopped.
    public var task: String
    /// A `Stopped` error for the step named `task`.
    public init(task: String) { self.task = task }
    /// `<task> stopped on request`.
    public var description: String { "\(task) stopped on request" }
}

/// Reports one step's progress to an observer at most every `interval` seconds, with the rate since it
/// started: library loops call `report` as often as they like and pay one clock read per call.
public struct ProgressMeter {
    /// The observer that receives the reports.
    public let observer: WorkObserver
    /// The step named in the reports (`vocabulary`, `cooccurrence`...).
    public let task: String
    /// The name of the unit counted in the reports (`tokens`, `records`, `bytes`, `vectors`).
    public let unit: String
    /// When the meter was made: the start of the step's elapsed time and rate.
    public let started = Date()
    /// Seconds between reports (the observer's `reportInterval`).
    public var interval: TimeInterval
    private var last = Date.distantPast

    /// A meter for `task` counting `unit`s (`tokens`, `records`, `bytes`, `vectors`).
    public init(_ observer: WorkObserver, task: String, unit: String) {
        self.observer = observer
        self.task = task
        self.unit = unit
        interval = observer.reportInterval
    }

    /// Seconds since the meter was made.
    public var elapsed: TimeInterval { Date().timeIntervalSince(started) }

    /// Reports `done` units (`fraction` of the step) when a report is due, or always with `force`.
    public mutating func report(done: Double, fraction: Double?, force: Bool = false) {
        let now = Date()
        guard force || now.timeIntervalSince(last) >= interval else { return }
        last = now
        let seconds = now.timeIntervalSince(started)
        observer.progress(ProgressReport(task: task, fraction: fraction.map { min(max($0, 0), 1) }, done: done,
                                         unit: unit, rate: done / max(seconds, 1e-9), elapsed: seconds))
    }

    /// Throws `Stopped` when the observer asks to stop (call at safe points).
    public func checkStop() throws {
        if observer.shouldStop { throw Stopped(task: task) }
    }
}
