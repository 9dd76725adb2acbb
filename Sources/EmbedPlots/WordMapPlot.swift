// Role: the word map: chosen words' vectors projected to 2D by PCA, drawn as labelled points on an
// equal-aspect grid, with optional arrows between word pairs (man -> woman, king -> queen) to show offsets.
import EmbedCore
import EmbedVectors
import Foundation
import EmbedStreams

/// A word map as SVG: word vectors projected to 2D (by PCA) drawn as labelled points on an equal-aspect grid,
/// with optional arrows between word pairs (man -> woman, king -> queen) to show offsets.
public struct WordMapPlot: SVGPicture {
    /// The words shown, one per point.
    public var words: [String]
    /// One point per word, in data units.
    public var points: [(x: Double, y: Double)]
    /// Arrows as indices into `words`: from -> to.
    public var arrows: [(from: Int, to: Int)]
    /// The heading drawn above the map (nil: none).
    public var title: String?
    /// The x axis title (`PC1 (x% of variance)` for a PCA map).
    public var xTitle: String
    /// The y axis title (`PC2 (y% of variance)` for a PCA map).
    public var yTitle: String
    /// Share of the words' variance on each axis when built by PCA (empty otherwise).
    public var explainedVariance: [Double] = []

    /// A map of `words` at `points` (one per word, in data units) with `arrows` between them, and the titles.
    public init(words: [String], points: [(x: Double, y: Double)], arrows: [(from: Int, to: Int)] = [],
                title: String? = nil, xTitle: String = "", yTitle: String = "") {
        precondition(words.count == points.count, "one point per word")
        self.words = words; self.points = points; self.arrows = arrows
        self.title = title; self.xTitle = xTitle; self.yTitle = yTitle
    }

    /// PCA map of `words` plus every word of `pairs` (each once, in order of first mention).
    /// `normalize` scales each vector to unit length first (cosine geometry).
    /// Throws InputError (no path) listing every word absent from `embeddings`.
    public init(embeddings: WordVectors, words: [String], pairs: [(String, String)] = [],
                title: String? = nil, normalize: Bool = false) throws {
        var chosen: [String] = [], seen = Set<String>()
        for w in words + pairs.flatMap({ [$0.0, $0.1] }) where seen.insert(w).inserted { chosen.append(w) }
        let missing = chosen.filter { embeddings.index(of: $0) == nil }
        if !missing.isEmpty {
            let hints = missing.compactMap { w -> String? in
                let lower = w.lowercased()
                return lower != w && embeddings.index(of: lower) != nil ? "\(w) (try \(lower))" : nil
            }
            var message = "not in the vectors: " + missing.joined(separator: ", ")
            if !hints.isEmpty { message += "; case matters: " + hints.joined(separator: ", ") }
            throw InputError(message)
        }
        guard chosen.count >= 2 else { throw InputError("give at least two distinct words to plot") }
        let rows: [[Double]] = chosen.map { w in
            var v = embeddings.vector(for: w)!.map(Double.init)
            if normalize {
                let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
                if norm > 0 { v = v.map { $0 / norm } }
            }
            return v
        }
        let pca = PCA.project(rows: rows, components: 2)
        let position = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { ($1, $0) })
        self.init(words: chosen,
                  points: pca.coordinates.map { (x: $0[0], y: $0[1]) },
                  arrows: pairs.map { (from: position[$0.0]!, to: position[$0.1]!) },
                  title: title,
                  xTitle: String(format: "PC1 (%.1f%% of variance)", pca.explainedVariance[0] * 100),
                  yTitle: String(format: "PC2 (%.1f%% of variance)", pca.explainedVariance[1] * 100))
        explainedVariance = pca.explainedVariance
    }

    /// The SVG document of the map.
    public func svg() -> String {
        var canvas = SVGCanvas()
        let frame = layout()
        if let title { canvas.text(title, x: frame.left + frame.width / 2, y: frame.top - 16, size: 17, anchor: .middle, bold: true) }
        frame.drawAxes(on: &canvas)
        frame.xTitle(xTitle, on: &canvas)
        frame.yTitle(yTitle, on: &canvas)

        let pixels = points.map { (frame.px($0.x), frame.py($0.y)) }
        let radius = 4.5
        // Arrows stop short of the points so heads stay visible.
        var segments: [(Double, Double, Double, Double)] = []
        for a in arrows where a.from != a.to {
            let (x1, y1) = pixels[a.from], (x2, y2) = pixels[a.to]
            let length = ((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1)).squareRoot()
            guard length > 3 * radius else { continue }
            let ux = (x2 - x1) / length, uy = (y2 - y1) / length
            segments.append((x1 + ux * (radius + 2), y1 + uy * (radius + 2), x2 - ux * (radius + 2), y2 - uy * (radius + 2)))
        }
        if !segments.isEmpty { canvas.arrowMarker(id: "head", color: "#8a8a8a") }
        for s in segments { canvas.line(s.0, s.1, s.2, s.3, stroke: "#8a8a8a", width: 1.6, markerEnd: "head") }

        let sources = Set(arrows.map(\.from)), targets = Set(arrows.map(\.to))
        func color(_ i: Int) -> String {
            if arrows.isEmpty || sources.contains(i) { return Palette.series[0] }
            return targets.contains(i) ? Palette.series[1] : "#555555"
        }
        for (i, p) in pixels.enumerated() { canvas.circle(cx: p.0, cy: p.1, r: radius, fill: color(i)) }
        let area = Box(x0: frame.left, y0: frame.top, x1: frame.left + frame.width, y1: frame.top + frame.height)
        let labels = LabelPlacer.place(labels: words, points: pixels, size: 14, radius: radius, segments: segments, area: area)
        for (i, l) in labels.enumerated() {
            canvas.text(words[i], x: l.x, y: l.baseline, size: 14,
                        fill: color(i) == "#555555" ? Palette.text : color(i), halo: true)
        }
        return canvas.render(margin: 14)
    }

    /// Equal scale on both axes (PCA distances stay honest): the larger spread gets up to 640 px, the other
    /// at least 260 px, with the same nice tick step on both.
    private func layout() -> PlotFrame {
        var x0 = points.map(\.x).min() ?? 0, x1 = points.map(\.x).max() ?? 1
        var y0 = points.map(\.y).min() ?? 0, y1 = points.map(\.y).max() ?? 1
        var span = max(x1 - x0, y1 - y0)
        if span <= 0 { span = 1 }
        let pad = span * 0.07
        x0 -= pad; x1 += pad; y0 -= pad; y1 += pad
        let scale = min(640 / (x1 - x0), 480 / (y1 - y0))
        func widen(_ lo: inout Double, _ hi: inout Double, toPixels minimum: Double) {
            let need = minimum / scale - (hi - lo)
            if need > 0 { lo -= need / 2; hi += need / 2 }
        }
        widen(&x0, &x1, toPixels: 380)
        widen(&y0, &y1, toPixels: 260)
        let width = (x1 - x0) * scale, height = (y1 - y0) * scale
        let step = NiceScale.niceStep(atLeast: max(x1 - x0, y1 - y0) / max(3, (max(width, height) / 80).rounded(.down)))
        return PlotFrame(left: 0, top: 0, width: width, height: height, xRange: x0...x1, yRange: y0...y1,
                         xScale: NiceScale(lower: x0, upper: x1, step: step),
                         yScale: NiceScale(lower: y0, upper: y1, step: step))
    }
}
