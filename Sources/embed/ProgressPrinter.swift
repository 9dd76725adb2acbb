// Role: the command-line tool's observer: turns the library's progress numbers into one updating line on a
// terminal (percent, rate, ETA) or plain lines every EMBED_PROGRESS_SECONDS (default 10 s) otherwise, prints
// notices, hands stage ends, epochs and checkpoints to the command, and answers "stop?" from Ctrl-C.
import EmbedKit
import Foundation

final class ConsoleObserver: WorkObserver, @unchecked Sendable {
    /// The command's name, prefixed to notices (`skipgram: resuming at 40.0%`).
    let command: String
    let quiet: Bool
    private let isTTY: Bool
    private let interval: TimeInterval
    private var lastPrint: Date
    private var lastLength = 0
    private var lastTask = ""
    /// When the current task was first reported, and how far it was then (for the ETA).
    private var taskStart = (date: Date(), fraction: 0.0)
    private let lock = NSLock()
    /// What the command does with the events it cares about (called on the reporting thread, under no lock).
    var onStage: (StageReport) -> Void = { _ in }
    var onEpoch: (EpochRecord) throws -> Void = { _ in }
    var onCheckpoint: (String) -> Void = { _ in }
    var onProgress: (ProgressReport) -> Void = { _ in }

    /// Seconds between plain lines when stderr is not a terminal: $EMBED_PROGRESS_SECONDS, else 10.
    static var plainInterval: TimeInterval {
        if let text = ProcessInfo.processInfo.environment["EMBED_PROGRESS_SECONDS"], let s = Double(text), s >= 0 {
            return s
        }
        return 10
    }

    /// On a terminal the line refreshes every 0.25 s; otherwise a plain line every `plainInterval` seconds
    /// (the first after that long, so quick runs print none). `quiet` silences progress and notices.
    init(command: String, quiet: Bool) {
        self.command = command
        self.quiet = quiet
        isTTY = isatty(2) == 1
        interval = isTTY ? 0.25 : ConsoleObserver.plainInterval
        lastPrint = isTTY ? .distantPast : Date()
    }

    var shouldStop: Bool { Interruption.requested }
    /// Reports as often as lines are shown (plain lines every EMBED_PROGRESS_SECONDS may ask for all of them).
    var reportInterval: TimeInterval { min(interval, 0.1) }

    func progress(_ report: ProgressReport) {
        onProgress(report)
        guard !quiet else { return }
        let now = Date()
        lock.lock(); defer { lock.unlock() }
        if report.task != lastTask { taskStart = (now, report.fraction ?? 0) }
        guard now.timeIntervalSince(lastPrint) >= interval || (isTTY && report.task != lastTask) else { return }
        lastPrint = now
        lastTask = report.task
        var eta: TimeInterval? = nil
        if let f = report.fraction, f > taskStart.fraction, f < 1 {
            eta = now.timeIntervalSince(taskStart.date) * (1 - f) / (f - taskStart.fraction)
        }
        show(ConsoleObserver.line(report, eta: eta))
    }

    func notice(_ message: String) {
        guard !quiet else { return }
        say("\(command): \(message)")
    }

    func stageEnded(_ report: StageReport) { clear(); onStage(report) }
    func epochEnded(_ record: EpochRecord) throws { clear(); try onEpoch(record) }
    func checkpointSaved(_ path: String) { onCheckpoint(path) }

    /// Prints a line of the command's own on stderr (clearing the progress line first), unless quiet.
    func say(_ line: String) {
        guard !quiet else { return }
        clear()
        printError(line)
    }

    /// Clears the updating line (before other output, and when the work ends).
    func clear() {
        lock.lock(); defer { lock.unlock() }
        guard isTTY, lastLength > 0 else { return }
        FileHandle.standardError.write(("\r" + String(repeating: " ", count: lastLength) + "\r").data(using: .utf8)!)
        lastLength = 0
    }

    private func show(_ text: String) {
        if isTTY {
            let pad = max(0, lastLength - text.count)
            FileHandle.standardError.write(("\r" + text + String(repeating: " ", count: pad)).data(using: .utf8)!)
            lastLength = text.count
        } else {
            FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
        }
    }

    /// `skipgram  42.0%  epoch 3/5  551.2k words/s  lr 0.01452  loss 2.3140  ETA 1m05s`. No colon after the
    /// task, so that progress lines stay apart from the `command: ...` summary lines scripts grep for.
    static func line(_ r: ProgressReport, eta: TimeInterval?) -> String {
        var text = r.task
        if let f = r.fraction, f > 0 { text += String(format: " %5.1f%%", min(f, 1) * 100) }
        if let e = r.epoch, let n = r.epochs { text += "  epoch \(e)/\(n)" }
        text += "  " + (r.unit == "bytes" ? String(format: "%.1f MB", r.done / 1e6) : "\(Int(r.done)) \(r.unit)")
        text += ", \(rate(r.rate)) \(r.unit)/s"
        if let lr = r.learningRate { text += String(format: "  lr %.5f", lr) }
        if let l = r.loss { text += String(format: "  loss %.4f", l) }
        if let eta { text += "  ETA " + duration(eta) }
        return text
    }

    static func duration(_ s: TimeInterval) -> String {
        guard s.isFinite else { return "--" }
        let t = Int(s.rounded())
        if t >= 3600 { return String(format: "%dh%02dm", t / 3600, (t % 3600) / 60) }
        if t >= 60 { return String(format: "%dm%02ds", t / 60, t % 60) }
        return "\(t)s"
    }

    static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return String(format: "%.2fM", perSecond / 1e6) }
        if perSecond >= 1e3 { return String(format: "%.1fk", perSecond / 1e3) }
        return String(format: "%.0f", perSecond)
    }
}

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
}
