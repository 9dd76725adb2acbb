// Role: a minimal SVG document builder: shapes and escaped text in pixel coordinates; it tracks the extent of
// everything drawn so the final picture is sized to hold it all (labels are never clipped).
import EmbedCore
import Foundation

/// Where a text sits relative to its anchor point (SVG's `text-anchor`): `start` (left), `middle` or `end` (right).
public enum TextAnchor: String { case start, middle, end }

struct SVGCanvas {
    static let fontFamily = "DejaVu Sans, Noto Sans, Helvetica, Arial, Noto Sans CJK SC, Noto Color Emoji, sans-serif"
    private var body: [String] = []
    private var defs: [String] = []
    private(set) var minX = Double.infinity, minY = Double.infinity
    private(set) var maxX = -Double.infinity, maxY = -Double.infinity

    mutating func include(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) {
        minX = min(minX, x0, x1); maxX = max(maxX, x0, x1)
        minY = min(minY, y0, y1); maxY = max(maxY, y0, y1)
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, strokeWidth: Double = 1) {
        include(x, y, x + width, y + height)
        var s = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(fill)\""
        if let stroke { s += " stroke=\"\(stroke)\" stroke-width=\"\(n(strokeWidth))\"" }
        body.append(s + "/>")
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width: Double = 1, opacity: Double = 1, markerEnd: String? = nil) {
        include(x1, y1, x2, y2)
        var s = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if opacity < 1 { s += " stroke-opacity=\"\(n(opacity))\"" }
        if let markerEnd { s += " marker-end=\"url(#\(markerEnd))\"" }
        body.append(s + "/>")
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String = "#ffffff") {
        include(cx - r, cy - r, cx + r, cy + r)
        body.append("<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1\"/>")
    }

    /// A connected line through `points` (already in pixels).
    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2) {
        guard !points.isEmpty else { return }
        for (x, y) in points { include(x, y, x, y) }
        let coords = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(coords)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    /// Text whose baseline is at `y`, or centred vertically on `y` when `middle` (estimated, font independent).
    /// `rotate` = -90 writes bottom to top around (x, y).
    mutating func text(_ string: String, x: Double, y: Double, size: Double, anchor: TextAnchor = .start,
                       fill: String = "#222222", bold: Bool = false, middle: Bool = false, rotate: Double = 0,
                       halo: Bool = false) {
        let w = TextMetrics.width(string, size: size, bold: bold)
        let start: Double = anchor == .start ? 0 : anchor == .middle ? -w / 2 : -w
        let baseline = middle ? size * 0.35 : 0
        if rotate == 0 {
            include(x + start, y + baseline - size * 0.8, x + start + w, y + baseline + size * 0.25)
        } else {
            // Rotated by -90: the text runs upwards from (x, y).
            include(x + baseline - size * 0.8, y - start - w, x + baseline + size * 0.25, y - start)
        }
        var s = "<text x=\"\(n(x))\" y=\"\(n(y + (rotate == 0 ? baseline : 0)))\" font-size=\"\(n(size))\""
        if anchor != .start { s += " text-anchor=\"\(anchor.rawValue)\"" }
        if fill != "#222222" { s += " fill=\"\(fill)\"" }
        if bold { s += " font-weight=\"bold\"" }
        // A white outline painted under the glyphs keeps labels readable over lines and other labels.
        if halo { s += " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"" }
        if rotate != 0 {
            s += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\""
            if middle { s += " dy=\"\(n(baseline))\"" }
        }
        body.append(s + ">\(XMLText.escape(string))</text>")
    }

    /// Text starting at (x, y) and rising up-right at 40 degrees (column labels too long to lie flat).
    mutating func slantedText(_ string: String, x: Double, y: Double, size: Double, fill: String = "#222222") {
        let w = TextMetrics.width(string, size: size)
        let c = cos(40 * Double.pi / 180), s = sin(40 * Double.pi / 180)
        include(x - size * 0.6, y - w * s - size * 0.8, x + w * c + size * 0.6, y + size * 0.3)
        let fillAttribute = fill == "#222222" ? "" : " fill=\"\(fill)\""
        body.append("<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"start\"\(fillAttribute) "
                    + "transform=\"rotate(-40 \(n(x)) \(n(y)))\">\(XMLText.escape(string))</text>")
    }

    /// An arrowhead marker usable as `markerEnd: id`.
    mutating func arrowMarker(id: String, color: String) {
        defs.append("<marker id=\"\(id)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                    + "orient=\"auto-start-reverse\" markerUnits=\"strokeWidth\"><path d=\"M0,1 L10,5 L0,9 z\" fill=\"\(color)\"/></marker>")
    }

    /// The document: a white background and everything drawn, framed with `margin` pixels around the extent.
    func render(margin: Double = 12) -> String {
        let x0 = (minX.isFinite ? minX : 0) - margin, y0 = (minY.isFinite ? minY : 0) - margin
        let w = max(1, (maxX.isFinite ? maxX : 0) + margin - x0), h = max(1, (maxY.isFinite ? maxY : 0) + margin - y0)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(w.rounded(.up)))\" height=\"\(n(h.rounded(.up)))\" "
        out += "viewBox=\"\(n(x0)) \(n(y0)) \(n(w.rounded(.up))) \(n(h.rounded(.up)))\" font-family=\"\(SVGCanvas.fontFamily)\">\n"
        if !defs.isEmpty { out += "<defs>\n" + defs.joined(separator: "\n") + "\n</defs>\n" }
        out += "<rect x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
        out += body.joined(separator: "\n")
        out += "\n</svg>\n"
        return out
    }

    /// Pixel numbers with at most two decimals, no trailing zeros, never "-0".
    private func n(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        if r == 0 { return "0" }
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
