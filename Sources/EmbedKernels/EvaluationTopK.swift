// Role: keeps the k best (score, row) pairs of a scan, sorted by score descending then row ascending,
// without sorting all scores (evaluation: analogy answers, nearest neighbours).
import EmbedCore

/// A top-k list kept in two caller-owned arrays (`scores` descending, their `rows`), ties going to the lower row.
public enum TopK {
    /// Empties a list: scores -infinity, rows -1.
    public static func reset(scores: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Int32>, k: Int) {
        scores.update(repeating: -.infinity, count: k)
        rows.update(repeating: -1, count: k)
    }

    /// Offers one candidate. Rows must be offered in increasing order: a tie does not displace an earlier row.
    /// NaN never enters.
    @inline(__always)
    public static func offer(_ score: Float, _ row: Int32, _ scores: UnsafeMutablePointer<Float>,
                             _ rows: UnsafeMutablePointer<Int32>, _ k: Int) {
        guard score > scores[k - 1] else { return }
        var i = k - 1
        while i > 0 && scores[i - 1] < score {
            scores[i] = scores[i - 1]; rows[i] = rows[i - 1]
            i -= 1
        }
        scores[i] = score; rows[i] = row
    }

    /// Offers values[0..<n] as rows firstRow..<firstRow+n.
    public static func scan(_ values: UnsafePointer<Float>, n: Int, firstRow: Int,
                            scores: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Int32>, k: Int) {
        let raw = UnsafeRawPointer(values)
        var threshold = SIMD16<Float>(repeating: scores[k - 1])
        var j = 0
        while j + 16 <= n {
            let s = raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            if any(s .> threshold) {
                for l in 0..<16 { offer(s[l], Int32(firstRow + j + l), scores, rows, k) }
                threshold = SIMD16<Float>(repeating: scores[k - 1])
            }
            j += 16
        }
        while j < n { offer(values[j], Int32(firstRow + j), scores, rows, k); j += 1 }
    }
}
