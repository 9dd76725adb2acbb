// Role: the --log CSV of a training run (one row per half percent of progress and a last one):
// step (tokens processed), progress, epoch, loss, learning_rate, words_per_sec, elapsed_seconds.
import Foundation
import Streams

public final class TrainingLog {
    public static let header = "step,progress,epoch,loss,learning_rate,words_per_sec,elapsed_seconds\n"
    private let output: AtomicOutput
    private var lastProgress = -1.0

    public init(path: String) throws {
        output = try AtomicOutput(path: path)
        try output.write(TrainingLog.header)
    }

    /// Appends a row when progress moved at least 0.5% since the last one (always when `force`).
    public func record(step: Int64, progress: Double, epochs: Int, loss: Double?, rate: Float, wordsPerSecond: Double,
                       elapsed: TimeInterval, force: Bool = false) throws {
        guard force || progress - lastProgress >= 0.005 else { return }
        lastProgress = progress
        let lossText = loss.map { String(format: "%.6f", $0) } ?? ""
        try output.write(String(format: "%lld,%.6f,%.4f,%@,%.7f,%.0f,%.3f\n", step, progress, progress * Double(epochs),
                                lossText, rate, wordsPerSecond, elapsed))
    }

    /// Puts the file in place (also after an interruption: the rows so far are kept).
    public func commit() throws { try output.commit() }
}
