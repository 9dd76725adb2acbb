// Role: one rectangular plotting area: maps data coordinates to pixels and draws the light grid,
// the frame, tick labels and axis titles shared by the word map and the training curves.
import EmbedCore

struct PlotFrame {
    /// Pixel box of the plotting area.
    let left: Double, top: Double, width: Double, height: Double
    /// Data ranges shown.
    let xRange: ClosedRange<Double>, yRange: ClosedRange<Double>
    /// Tick steps (ticks are the step multiples inside the ranges).
    let xScale: NiceScale, yScale: NiceScale

    static let gridColor = "#e6e6e6", frameColor = "#b0b0b0", tickTextColor = "#555555", tickSize = 12.0

    func px(_ x: Double) -> Double {
        let span = xRange.upperBound - xRange.lowerBound
        return left + (span > 0 ? (x - xRange.lowerBound) / span : 0.5) * width
    }

    func py(_ y: Double) -> Double {
        let span = yRange.upperBound - yRange.lowerBound
        return top + height - (span > 0 ? (y - yRange.lowerBound) / span : 0.5) * height
    }

    private func inside(_ ticks: [Double], _ r: ClosedRange<Double>) -> [Double] {
        let eps = (r.upperBound - r.lowerBound) * 1e-9
        return ticks.filter { $0 >= r.lowerBound - eps && $0 <= r.upperBound + eps }
    }

    /// Grid lines at the ticks, a thin frame, and tick labels below (if `xLabels`) and on the left.
    func drawAxes(on canvas: inout SVGCanvas, xLabels: Bool = true, yLabels: Bool = true) {
        canvas.rect(x: left, y: top, width: width, height: height, fill: "#ffffff")
        for t in inside(xScale.ticks, xRange) {
            let x = px(t)
            canvas.line(x, top, x, top + height, stroke: PlotFrame.gridColor)
            if xLabels {
                canvas.text(xScale.label(t), x: x, y: top + height + PlotFrame.tickSize + 5,
                            size: PlotFrame.tickSize, anchor: .middle, fill: PlotFrame.tickTextColor)
            }
        }
        for t in inside(yScale.ticks, yRange) {
            let y = py(t)
            canvas.line(left, y, left + width, y, stroke: PlotFrame.gridColor)
            if yLabels {
                canvas.text(yScale.label(t), x: left - 6, y: y, size: PlotFrame.tickSize, anchor: .end,
                            fill: PlotFrame.tickTextColor, middle: true)
            }
        }
        canvas.rect(x: left, y: top, width: width, height: height, fill: "none", stroke: PlotFrame.frameColor)
    }

    /// Axis title centred under the plot.
    func xTitle(_ title: String, on canvas: inout SVGCanvas) {
        canvas.text(title, x: left + width / 2, y: top + height + PlotFrame.tickSize + 26, size: 13, anchor: .middle)
    }

    /// Axis title along the left side, reading upwards, clear of the widest y tick label.
    func yTitle(_ title: String, on canvas: inout SVGCanvas) {
        let widest = inside(yScale.ticks, yRange).map { TextMetrics.width(yScale.label($0), size: PlotFrame.tickSize) }.max() ?? 0
        canvas.text(title, x: left - widest - 14, y: top + height / 2, size: 13, anchor: .middle, rotate: -90)
    }
}
