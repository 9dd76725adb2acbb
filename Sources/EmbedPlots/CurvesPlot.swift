// Role: training curves: one small panel per measured column (loss, learning rate, words/s...), stacked
// vertically over a shared x axis (step or epoch), each with its own y scale since their units differ.
import EmbedCore
import Foundation
import EmbedStreams

/// Training curves as SVG: one panel per series (loss, learning rate, words/s...), stacked over a shared x
/// axis, each with its own y scale.
public struct CurvesPlot: SVGPicture {
    /// One curve: a named column of values, one per x.
    public struct Series {
        /// The series' name, shown as its panel's title (a column of the log).
        public var name: String
        /// One value per x; NaN or infinite values leave a gap.
        public var values: [Double]
        /// A series called `name` with `values` (one per x).
        public init(name: String, values: [Double]) { self.name = name; self.values = values }
    }

    /// The shared x values (steps or epochs), one per value of every series.
    public var x: [Double]
    /// The x axis title (the name of the x column).
    public var xTitle: String
    /// The curves, one panel each, top to bottom.
    public var series: [Series]
    /// The heading drawn above the panels (nil: none).
    public var title: String?

    /// Curves of `series` over `x` (every series holds one value per x), titled `title`.
    public init(x: [Double], xTitle: String, series: [Series], title: String? = nil) {
        precondition(series.allSatisfy { $0.values.count == x.count }, "one value per x in every series")
        self.x = x; self.xTitle = xTitle; self.series = series; self.title = title
    }

    /// Curves of a --log table: x is the column `x` (default the first), y the columns `y` (default every
    /// other numeric column). Throws InputError for an unknown column or a non-numeric cell in a chosen one.
    public init(table: DataTable, x: String? = nil, y: [String] = [], title: String? = nil) throws {
        let xc = try x.map { try table.column(named: $0) } ?? 0
        let xs = try table.numbers(xc)
        var ys: [Int]
        if y.isEmpty {
            ys = table.columns.indices.filter { $0 != xc && table.isNumeric($0) }
            guard !ys.isEmpty else {
                throw InputError("no numeric column to plot besides \"\(table.columns[xc])\"", path: table.path)
            }
        } else {
            ys = try y.map { try table.column(named: $0) }
        }
        let series = try ys.map { Series(name: table.columns[$0], values: try table.numbers($0)) }
        self.init(x: xs, xTitle: table.columns[xc], series: series, title: title)
    }

    static let panelWidth = 640.0, panelHeight = 140.0, panelGap = 40.0

    /// The SVG document of the stacked panels.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let finiteX = x.filter(\.isFinite)
        var x0 = finiteX.min() ?? 0, x1 = finiteX.max() ?? 1
        if x1 <= x0 { x0 -= 0.5; x1 += 0.5 }
        let xScale = NiceScale(min: x0, max: x1, maxTicks: 8)
        var top = 0.0
        if let title {
            canvas.text(title, x: CurvesPlot.panelWidth / 2, y: -30, size: 17, anchor: .middle, bold: true)
        }
        for (k, s) in series.enumerated() {
            let finite = s.values.filter(\.isFinite)
            let yScale = NiceScale(min: finite.min() ?? 0, max: finite.max() ?? 1, maxTicks: 5)
            let frame = PlotFrame(left: 0, top: top, width: CurvesPlot.panelWidth, height: CurvesPlot.panelHeight,
                                  xRange: x0...x1, yRange: yScale.lower...yScale.upper, xScale: xScale, yScale: yScale)
            let last = k == series.count - 1
            frame.drawAxes(on: &canvas, xLabels: last)
            if last { frame.xTitle(xTitle, on: &canvas) }
            canvas.text(s.name, x: 0, y: top - 9, size: 14, bold: true)
            if let lastValue = s.values.last(where: \.isFinite) {
                canvas.text("last " + CurvesPlot.format(lastValue), x: CurvesPlot.panelWidth, y: top - 9, size: 12,
                            anchor: .end, fill: Palette.muted)
            }
            let color = Palette.series[k % Palette.series.count]
            for run in CurvesPlot.finiteRuns(x: x, y: s.values) {
                let pixels = run.map { (frame.px(x[$0]), frame.py(s.values[$0])) }
                if pixels.count == 1 {
                    canvas.circle(cx: pixels[0].0, cy: pixels[0].1, r: 2.5, fill: color, stroke: color)
                } else {
                    canvas.polyline(pixels, stroke: color, width: 1.8)
                }
            }
            top += CurvesPlot.panelHeight + CurvesPlot.panelGap
        }
        return canvas.render(margin: 16)
    }

    /// Row indices split into runs where both x and y are finite.
    static func finiteRuns(x: [Double], y: [Double]) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for i in x.indices {
            if x[i].isFinite && y[i].isFinite { current.append(i) } else if !current.isEmpty { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Four significant digits: "2.427", "0.0125", "2.5e-06"; whole numbers from 1000 up ("587184").
    static func format(_ v: Double) -> String {
        abs(v) >= 1000 && abs(v) < 1e15 ? String(format: "%.0f", v) : String(format: "%.4g", v)
    }
}
