// Role: puts each point's label at the candidate spot around it (right, left, above, below, diagonals)
// that overlaps least with labels already placed, other points and arrow lines.
import EmbedCore

struct Box {
    var x0, y0, x1, y1: Double
    func overlap(_ b: Box) -> Double {
        max(0, min(x1, b.x1) - max(x0, b.x0)) * max(0, min(y1, b.y1) - max(y0, b.y0))
    }
    /// Length of the segment (ax, ay)-(bx, by) lying inside the box, estimated on 24 samples.
    func crossing(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        let length = ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
        var inside = 0
        for k in 0..<24 {
            let t = (Double(k) + 0.5) / 24
            let x = ax + (bx - ax) * t, y = ay + (by - ay) * t
            if x >= x0 && x <= x1 && y >= y0 && y <= y1 { inside += 1 }
        }
        return length * Double(inside) / 24
    }
}

struct PlacedLabel {
    /// Left end of the text and its baseline.
    let x: Double, baseline: Double
    let box: Box
}

enum LabelPlacer {
    /// Labels for points (pixels) at font `size`; `segments` are arrow lines to avoid; `area` the plot box
    /// (labels may leave it, at a small cost).
    static func place(labels: [String], points: [(Double, Double)], size: Double, radius: Double,
                      segments: [(Double, Double, Double, Double)], area: Box) -> [PlacedLabel] {
        let pad = radius + 4
        let pointBoxes = points.map { Box(x0: $0.0 - pad, y0: $0.1 - pad, x1: $0.0 + pad, y1: $0.1 + pad) }
        var placed: [PlacedLabel] = []
        let ascent = size * 0.78, descent = size * 0.22, gap = radius + 3
        for (i, label) in labels.enumerated() {
            let w = TextMetrics.width(label, size: size)
            let (px, py) = points[i]
            // (left, baseline) candidates in order of preference: a near ring, then a farther one.
            var candidates: [(Double, Double)] = []
            for g in [gap, gap * 2.2] {
                candidates += [
                    (px + g, py + size * 0.35),                   // right
                    (px - g - w, py + size * 0.35),               // left
                    (px - w / 2, py - g - descent),               // above
                    (px - w / 2, py + g + ascent),                // below
                    (px + g * 0.7, py - g * 0.7 - descent),       // upper right
                    (px + g * 0.7, py + g * 0.7 + ascent),        // lower right
                    (px - g * 0.7 - w, py - g * 0.7 - descent),   // upper left
                    (px - g * 0.7 - w, py + g * 0.7 + ascent),    // lower left
                ]
            }
            var best: PlacedLabel? = nil
            var bestCost = Double.infinity
            for (rank, (x, baseline)) in candidates.enumerated() {
                let box = Box(x0: x - 1, y0: baseline - ascent, x1: x + w + 1, y1: baseline + descent)
                var cost = Double(rank) * 0.5 + (rank >= 8 ? 40 : 0)
                for p in placed { cost += 5 * box.overlap(p.box) }
                for (j, pb) in pointBoxes.enumerated() where j != i { cost += 10 * box.overlap(pb) }
                for s in segments { cost += 0.6 * size * box.crossing(s.0, s.1, s.2, s.3) }
                let clipped = (box.x1 - box.x0) * (box.y1 - box.y0) - box.overlap(area)
                cost += 0.5 * clipped
                if cost < bestCost { bestCost = cost; best = PlacedLabel(x: x, baseline: baseline, box: box) }
            }
            placed.append(best!)
        }
        return placed
    }
}
