// Role: a classifier's confusion matrix as an SVG heat map: rows are true labels, columns predictions,
// each cell shows its count and is shaded by its share of the row (per-class recall), accuracy on top.
import EmbedCore
import Foundation

/// A classifier's confusion matrix as an SVG heat map: rows are true labels, columns predictions, each cell
/// shaded by its share of the row (per-class recall), with the accuracy on top.
public struct ConfusionMatrixPlot: SVGPicture {
    /// The class labels, naming both the rows (true) and the columns (predicted), in class order.
    public var labels: [String]
    /// counts[t][p]: examples of true label t predicted as p.
    public var counts: [[Int]]
    /// The heading drawn above the matrix (nil: none).
    public var title: String?

    /// `counts` must be labels.count x labels.count with non-negative entries.
    public init(labels: [String], counts: [[Int]], title: String? = nil) {
        precondition(counts.count == labels.count && counts.allSatisfy { $0.count == labels.count },
                     "confusion matrix must be labels.count x labels.count")
        precondition(counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "confusion counts must be non-negative")
        self.labels = labels; self.counts = counts; self.title = title
    }

    /// The SVG document of the heat map.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let k = labels.count
        let total = counts.reduce(0) { $0 + $1.reduce(0, +) }
        let correct = (0..<k).reduce(0) { $0 + counts[$1][$1] }
        let cell = max(44, min(72, 560 / Double(max(k, 1))))
        let countSize = min(16, cell * 0.3)
        let labelSize = 13.0
        let widestColumnLabel = labels.map { TextMetrics.width($0, size: labelSize) }.max() ?? 0
        // Column labels: horizontal when they fit in a cell, else slanted upwards.
        let slanted = widestColumnLabel > cell - 6
        let columnLabelHeight = slanted ? widestColumnLabel * 0.75 + 10 : labelSize + 8
        let top = columnLabelHeight + 22

        if let title { canvas.text(title, x: cell * Double(k) / 2, y: -40, size: 17, anchor: .middle, bold: true) }
        let accuracy = total > 0 ? String(format: "accuracy %.1f%% (%d/%d)", 100 * Double(correct) / Double(total), correct, total)
                                 : "no examples"
        canvas.text(accuracy, x: cell * Double(k) / 2, y: -16, size: 13, anchor: .middle, fill: Palette.muted)
        canvas.text("predicted", x: cell * Double(k) / 2, y: 12, size: 13, anchor: .middle, bold: true)

        for t in 0..<k {
            let rowTotal = counts[t].reduce(0, +)
            for p in 0..<k {
                let share = rowTotal > 0 ? Double(counts[t][p]) / Double(rowTotal) : 0
                let x = Double(p) * cell, y = top + Double(t) * cell
                canvas.rect(x: x, y: y, width: cell, height: cell, fill: ConfusionMatrixPlot.shade(share),
                            stroke: "#ffffff", strokeWidth: 1.5)
                canvas.text(String(counts[t][p]), x: x + cell / 2, y: y + cell / 2, size: countSize, anchor: .middle,
                            fill: share > 0.55 ? "#ffffff" : Palette.text, bold: t == p, middle: true)
            }
            // True label to the left of its row.
            canvas.text(labels[t], x: -8, y: top + (Double(t) + 0.5) * cell, size: labelSize, anchor: .end, middle: true)
        }
        for p in 0..<k {
            let cx = (Double(p) + 0.5) * cell
            if slanted {
                canvas.slantedText(labels[p], x: cx, y: top - 8, size: labelSize)
            } else {
                canvas.text(labels[p], x: cx, y: top - 8, size: labelSize, anchor: .middle)
            }
        }
        let widestRowLabel = labels.map { TextMetrics.width($0, size: labelSize) }.max() ?? 0
        canvas.text("true", x: -widestRowLabel - 22, y: top + cell * Double(k) / 2, size: 13, anchor: .middle,
                    bold: true, rotate: -90)
        canvas.text("shade: share of the true label's row", x: 0, y: top + cell * Double(k) + 22, size: 11,
                    fill: Palette.muted)
        return canvas.render(margin: 14)
    }

    /// White to dark blue as `share` goes from 0 to 1.
    static func shade(_ share: Double) -> String {
        let s = max(0, min(1, share))
        let from = (247.0, 251.0, 255.0), to = (8.0, 69.0, 148.0)
        let r = Int((from.0 + (to.0 - from.0) * s).rounded())
        let g = Int((from.1 + (to.1 - from.1) * s).rounded())
        let b = Int((from.2 + (to.2 - from.2) * s).rounded())
        return String(format: "#%02x%02x%02x", r, g, b)
    }
}

/// A confusion matrix heat map as an SVG document (rows: true labels, columns: predictions).
/// Write it with `ConfusionMatrixPlot(labels:counts:title:).write(to:)` for an atomic file.
public func confusionMatrixSVG(labels: [String], counts: [[Int]], title: String? = nil) -> String {
    ConfusionMatrixPlot(labels: labels, counts: counts, title: title).svg()
}
