// Role: progress reporting on stderr: one updating line on a terminal (percent, rate, ETA), plain periodic
// lines otherwise (every EMBED_PROGRESS_SECONDS, default 10 s); silent when quiet.
import Foundation

public final class Progress: @unchecked Sendable {
    public enum Mode { case auto, quiet }
    private let label: String
    private let isTTY: Bool
    private let quiet: Bool
    private let start = Date()
    private var lastPrint = Date(timeIntervalSince1970: 0)
    private let interval: TimeInterval
    private var lastLength = 0
    private let lock = NSLock()

    /// Seconds between plain lines when stderr is not a terminal: $EMBED_PROGRESS_SECONDS, else 10.
    public static var plainInterval: TimeInterval {
        if let text = ProcessInfo.processInfo.environment["EMBED_PROGRESS_SECONDS"], let s = Double(text), s >= 0 {
            return s
        }
        return 10
    }

    /// On a terminal the line refreshes every 0.25 s from the first update; otherwise a plain line every
    /// `plainInterval` seconds (default `Progress.plainInterval`), the first one after that long, so quick
    /// runs print none. `quiet` silences everything. Labels carry no colon, so that progress lines stay
    /// apart from the `command: ...` summary lines scripts grep for.
    public init(_ label: String, quiet: Bool = false, plainInterval: TimeInterval? = nil) {
        self.label = label
        self.quiet = quiet
        isTTY = isatty(2) == 1
        interval = isTTY ? 0.25 : (plainInterval ?? Progress.plainInterval)
        if !isTTY { lastPrint = start }
    }

    public var elapsed: TimeInterval { Date().timeIntervalSince(start) }

    /// Reports progress; `fraction` in 0...1 when known (gives percent and ETA), `detail` any extra text.
    public func update(fraction: Double?, detail: String) {
        guard !quiet else { return }
        let now = Date()
        lock.lock(); defer { lock.unlock() }
        guard now.timeIntervalSince(lastPrint) >= interval else { return }
        lastPrint = now
        var text = label
        if let f = fraction.map({ min($0, 1) }), f > 0 {
            let eta = elapsed * (1 - f) / f
            text += String(format: " %5.1f%%", f * 100) + "  " + detail + "  ETA " + Progress.duration(eta)
        } else {
            text += "  " + detail
        }
        if isTTY {
            let pad = max(0, lastLength - text.count)
            FileHandle.standardError.write(("\r" + text + String(repeating: " ", count: pad)).data(using: .utf8)!)
            lastLength = text.count
        } else {
            FileHandle.standardError.write((text + "\n").data(using: .utf8)!)
        }
    }

    /// Clears the updating line (call once when the work ends).
    public func finish() {
        guard !quiet, isTTY, lastLength > 0 else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(("\r" + String(repeating: " ", count: lastLength) + "\r").data(using: .utf8)!)
        lastLength = 0
    }

    public static func duration(_ s: TimeInterval) -> String {
        guard s.isFinite else { return "--" }
        let t = Int(s.rounded())
        if t >= 3600 { return String(format: "%dh%02dm", t / 3600, (t % 3600) / 60) }
        if t >= 60 { return String(format: "%dm%02ds", t / 60, t % 60) }
        return "\(t)s"
    }

    public static func rate(_ perSecond: Double) -> String {
        if perSecond >= 1e6 { return String(format: "%.2fM", perSecond / 1e6) }
        if perSecond >= 1e3 { return String(format: "%.1fk", perSecond / 1e3) }
        return String(format: "%.0f", perSecond)
    }
}

/// Writes one line to standard error.
public func printError(_ message: String) {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
}
