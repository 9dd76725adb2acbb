// Role: Pearson and Spearman (average ranks for ties, as scipy's spearmanr) correlation coefficients.
import EmbedCore

/// Pearson's and Spearman's correlation coefficients (ties get average ranks, as scipy's spearmanr).
public enum Correlation {
    /// Pearson's r; nan when either side is constant or fewer than two values.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count)
        let n = Double(x.count)
        guard x.count >= 2 else { return .nan }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return sxy / (sxx.squareRoot() * syy.squareRoot())
    }

    /// Spearman's rho: Pearson's r of the ranks.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        pearson(ranks(x), ranks(y))
    }

    /// 1-based ranks; tied values share the mean of the ranks they span.
    public static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let mean = Double(i + j) / 2 + 1
            for t in i...j { ranks[order[t]] = mean }
            i = j + 1
        }
        return ranks
    }
}
