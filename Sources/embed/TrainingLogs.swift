// Role: the CSV training logs of the train commands (their columns are a contract), written through the
// library's one CSV log writer: skip-gram rows every half percent of progress, GloVe and classifier rows per
// epoch; saved at every checkpoint and at the end, so an interrupted and resumed run keeps every row.
import EmbedKit
import Foundation

/// Skip-gram: `step,progress,epoch,loss,learning_rate,words_per_sec,elapsed_seconds`.
final class SkipGramLog {
    static let columns = ["step", "progress", "epoch", "loss", "learning_rate", "words_per_sec", "elapsed_seconds"]
    private let log: CSVLog
    private var lastProgress = -1.0
    private var pending: ProgressReport?
    private let lock = NSLock()

    init(path: String, resuming: Bool) throws {
        log = try CSVLog(path: path, columns: SkipGramLog.columns, resuming: resuming)
    }

    /// Keeps a row when progress moved at least 0.5% since the last one.
    func record(_ r: ProgressReport) {
        lock.lock(); defer { lock.unlock() }
        pending = r
        guard let f = r.fraction, f - lastProgress >= 0.005 else { return }
        write(r)
    }

    private func write(_ r: ProgressReport) {
        let f = r.fraction ?? 0
        lastProgress = f
        pending = nil
        // Rows past this step came from a run that was later resumed from an earlier checkpoint.
        log.dropRows { (Double($0[0]) ?? 0) >= r.done }
        log.append([String(format: "%.0f", r.done), String(format: "%.6f", f),
                    String(format: "%.4f", f * Double(r.epochs ?? 1)), CSVLog.field(r.loss, "%.6f"),
                    CSVLog.field(r.learningRate, "%.7f"), String(format: "%.0f", r.rate),
                    String(format: "%.3f", r.elapsed)])
    }

    /// Writes the last report as a row (if not yet) and saves the file.
    func save() throws {
        lock.lock(); defer { lock.unlock() }
        if let r = pending { write(r) }
        try log.save()
    }
}

/// GloVe: `epoch,cost,seconds,updates_per_second`; classifier:
/// `epoch,loss,accuracy,dev_loss,dev_accuracy,seconds,tokens_per_sec`; tagger:
/// `epoch,loss,dev_precision,dev_recall,dev_f1,dev_accuracy,seconds,tokens_per_sec`. One row per epoch.
final class EpochLog {
    enum Kind { case glove, classifier, tagger }
    private let log: CSVLog
    private let kind: Kind

    init(path: String, kind: Kind, resuming: Bool) throws {
        self.kind = kind
        let columns: [String]
        switch kind {
        case .glove: columns = ["epoch", "cost", "seconds", "updates_per_second"]
        case .classifier: columns = ["epoch", "loss", "accuracy", "dev_loss", "dev_accuracy", "seconds", "tokens_per_sec"]
        case .tagger: columns = ["epoch", "loss", "dev_precision", "dev_recall", "dev_f1", "dev_accuracy", "seconds",
                                 "tokens_per_sec"]
        }
        log = try CSVLog(path: path, columns: columns, resuming: resuming)
    }

    /// Adds the epoch's row (replacing rows of that epoch or later from an earlier, resumed run) and saves.
    func record(_ e: EpochRecord) throws {
        log.dropRows { (Int($0[0]) ?? 0) >= e.epoch }
        switch kind {
        case .glove:
            log.append(["\(e.epoch)", String(format: "%.9g", e.loss), String(format: "%.3f", e.seconds),
                        String(format: "%.0f", e.rate)])
        case .classifier:
            log.append(["\(e.epoch)", String(format: "%.6f", e.loss), CSVLog.field(e.metric("accuracy"), "%.6f"),
                        CSVLog.field(e.metric("dev_loss"), "%.6f"), CSVLog.field(e.metric("dev_accuracy"), "%.6f"),
                        String(format: "%.3f", e.seconds), String(format: "%.0f", e.rate)])
        case .tagger:
            log.append(["\(e.epoch)", String(format: "%.6f", e.loss), CSVLog.field(e.metric("dev_precision"), "%.6f"),
                        CSVLog.field(e.metric("dev_recall"), "%.6f"), CSVLog.field(e.metric("dev_f1"), "%.6f"),
                        CSVLog.field(e.metric("dev_accuracy"), "%.6f"), String(format: "%.3f", e.seconds),
                        String(format: "%.0f", e.rate)])
        }
        try log.save()
    }

    func save() throws { try log.save() }
}
