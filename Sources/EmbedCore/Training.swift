// Role: the one training shape every trainer follows: a settings value, a trainer made from it and its data,
// `run(observer)`, and a result saying how the run ended. Checkpoints go where a `CheckpointPolicy` says.
import Foundation

/// How a training run ended.
public enum TrainingOutcome: Equatable, Sendable {
    /// Every planned epoch ran (or early stopping ended it: see the result's `stoppedEarly`).
    case finished
    /// The observer asked to stop; the state was saved to `checkpoint` when a policy named one.
    case stopped(checkpoint: String?)
}

/// Where and how often a trainer saves its state while it runs.
public struct CheckpointPolicy: Equatable, Sendable {
    /// The checkpoint file (replaced atomically at each save).
    public var path: String
    /// Save also every this many seconds of training (nil: only when asked to stop).
    public var every: TimeInterval?

    /// A policy saving to `path` when asked to stop and, with `every`, also every that many seconds.
    public init(path: String, every: TimeInterval? = nil) {
        self.path = path
        self.every = every
    }
}

/// What `run` returns: how the run ended, and its figures.
public struct TrainingSummary: Equatable, Sendable {
    /// How the run ended: finished, or stopped on request (with the checkpoint written, if any).
    public var outcome: TrainingOutcome
    /// Epochs completed (over the whole run, including those before a resume).
    public var epochsRun: Int
    /// The epoch whose weights the model holds (the best one when the trainer selects on a dev set).
    public var bestEpoch: Int
    /// True when early stopping ended the run before its last epoch.
    public var stoppedEarly: Bool
    /// Seconds spent training in this call.
    public var seconds: Double
    /// Units trained in this call (words, updates, tokens), counted in `unit`.
    public var units: Double
    /// The name of the unit counted by `units` (`words`, `updates`, `tokens`).
    public var unit: String

    /// A summary of a run that ended with `outcome` after `epochsRun` epochs, with its time and units trained.
    public init(outcome: TrainingOutcome, epochsRun: Int, bestEpoch: Int, stoppedEarly: Bool = false,
                seconds: Double, units: Double, unit: String) {
        self.outcome = outcome; self.epochsRun = epochsRun; self.bestEpoch = bestEpoch
        self.stoppedEarly = stoppedEarly; self.seconds = seconds; self.units = units; self.unit = unit
    }

    /// Units per second over this call.
    public var rate: Double { units / max(seconds, 1e-9) }
}

/// The shape of every trainer: made from a settings value and its data (or from a checkpoint), then run
/// once (or again after a stop, to go on). The trained model is the trainer's `model`.
public protocol Trainer: AnyObject {
    /// The hyper-parameters, as given (validated when the trainer is made).
    associatedtype Settings
    /// What training produces (the skip-gram model, GloVe's parameters, a classifier).
    associatedtype Model

    /// The settings the trainer was made with.
    var settings: Settings { get }
    /// The model being trained (after `run`: the trained one, holding the best epoch's weights).
    var model: Model { get }

    /// Trains until done or until `observer.shouldStop`; progress and epochs go to the observer.
    /// Throws on divergence (NaN or infinite loss: nothing is worth keeping) and on write errors.
    func run(_ observer: WorkObserver) throws -> TrainingSummary
}

/// Training produced NaN or infinite values: the weights are meaningless and nothing should be written.
public struct TrainingDiverged: Error, CustomStringConvertible, Equatable, Sendable {
    /// The 1-based epoch in which the loss became NaN or infinite.
    public var epoch: Int
    /// The learning rate when it happened.
    public var learningRate: Double
    /// The loss value seen (NaN or ±infinity).
    public var value: Double
    /// The setting worth lowering, in the library's words (`learningRate`, `eta`).
    public var rateSetting: String

    /// A divergence in `epoch` at `learningRate` with loss `value`; `rateSetting` names the setting to lower.
    public init(epoch: Int, learningRate: Double, value: Double, rateSetting: String) {
        self.epoch = epoch; self.learningRate = learningRate; self.value = value; self.rateSetting = rateSetting
    }

    /// The message with the rate setting named `name`.
    public func message(naming name: String) -> String {
        let what = value.isNaN ? "NaN" : value.isInfinite ? "infinite" : "\(value)"
        return "training diverged in epoch \(epoch): the loss became \(what) at learning rate \(learningRate); "
            + "nothing was written: try a smaller \(name)"
    }

    /// The message naming the rate setting by its library name (`learningRate`, `eta`).
    public var description: String { message(naming: rateSetting) }
}
