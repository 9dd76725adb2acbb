// Role: how classifier scores are shown: the accuracy line, the confusion matrix as a text table, as JSON
// (`accuracy`, `n`, `correct`, `loss`, `labels`, `confusion` rows = true label) and as an SVG heat map.
import EmbedKit
import Foundation

enum ClassifyReport {
    /// "accuracy 0.8214 (46/56)  loss 0.5012".
    static func accuracyLine(_ e: ClassifierScores, name: String) -> String {
        String(format: "%@ accuracy %.4f (%d/%d)  loss %.4f", name, e.accuracy, e.correct, e.count, e.loss)
    }

    /// Rows = true label, columns = predicted label, with row and column headers.
    static func confusionTable(_ e: ClassifierScores, labels: LabelSet) -> String {
        let rowNames = (0..<labels.count).map { labels.display($0) }
        let columnNames = labels.labels
        let cells = e.confusion.map { $0.map(String.init) }
        let nameWidth = max(rowNames.map(\.count).max() ?? 0, "true \\ predicted".count)
        let width = max(columnNames.map(\.count).max() ?? 1, cells.flatMap { $0 }.map(\.count).max() ?? 1) + 2
        func pad(_ s: String, _ n: Int, left: Bool) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? fill + s : s + fill
        }
        var out = pad("true \\ predicted", nameWidth, left: false)
        for c in columnNames { out += pad(c, width, left: true) }
        out += "\n"
        for (i, row) in cells.enumerated() {
            out += pad(rowNames[i], nameWidth, left: false)
            for cell in row { out += pad(cell, width, left: true) }
            out += "\n"
        }
        return out
    }

    /// The JSON object of one evaluation.
    static func json(_ e: ClassifierScores, labels: LabelSet) -> [String: Any] {
        var object: [String: Any] = [
            "accuracy": e.accuracy, "n": e.count, "correct": e.correct, "loss": e.loss,
            "labels": labels.labels, "confusion": e.confusion,
        ]
        if let emoji = labels.display { object["emoji"] = emoji.map { ["symbol": $0.symbol, "name": $0.name] } }
        return object
    }

    static func jsonText(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes the heat map (atomically).
    static func writeConfusionSVG(_ e: ClassifierScores, labels: LabelSet, title: String, to path: String) throws {
        let names = (0..<labels.count).map { labels.display($0) }
        try ConfusionMatrixPlot(labels: names, counts: e.confusion, title: title).write(to: path)
    }
}
