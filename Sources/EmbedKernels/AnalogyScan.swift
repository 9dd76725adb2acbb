// Role: the analogy hot loop: combines three rows of word-by-vocabulary cosines into 3CosAdd / 3CosMul
// scores and keeps the k best candidates (TopK: score descending, lower row first on ties) without sorting.
import EmbedCore

/// The analogy scan kernels: 3CosAdd and 3CosMul scores over a block of candidate rows, kept as a top-k list.
public enum AnalogyScan {
    /// 3CosAdd over n columns: score[j] = (cb[j] + cc[j]) - ca[j], where c* are cosines of the inputs with
    /// candidate rows firstRow + j. Updates the top-k list in place.
    public static func add(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafePointer<Float>, n: Int,
                           firstRow: Int, scores: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Int32>, k: Int) {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), rc = UnsafeRawPointer(c)
        var j = 0
        var threshold = SIMD16<Float>(repeating: scores[k - 1])
        while j + 16 <= n {
            let s = (rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                + rc.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self))
                - ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            if any(s .> threshold) {
                for l in 0..<16 { TopK.offer(s[l], Int32(firstRow + j + l), scores, rows, k) }
                threshold = SIMD16<Float>(repeating: scores[k - 1])
            }
            j += 16
        }
        while j < n {
            TopK.offer((b[j] + c[j]) - a[j], Int32(firstRow + j), scores, rows, k)
            j += 1
        }
    }

    /// 3CosMul over n columns of shifted cosines p = (1 + cos) / 2: score[j] = pb[j] * pc[j] / (pa[j] + epsilon).
    public static func mul(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafePointer<Float>, n: Int,
                           epsilon: Float, firstRow: Int,
                           scores: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Int32>, k: Int) {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b), rc = UnsafeRawPointer(c)
        let eps = SIMD16<Float>(repeating: epsilon)
        var j = 0
        var threshold = SIMD16<Float>(repeating: scores[k - 1])
        while j + 16 <= n {
            let s = (rb.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                * rc.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self))
                / (ra.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) + eps)
            if any(s .> threshold) {
                for l in 0..<16 { TopK.offer(s[l], Int32(firstRow + j + l), scores, rows, k) }
                threshold = SIMD16<Float>(repeating: scores[k - 1])
            }
            j += 16
        }
        while j < n {
            TopK.offer((b[j] * c[j]) / (a[j] + epsilon), Int32(firstRow + j), scores, rows, k)
            j += 1
        }
    }

    /// x = (1 + x) / 2 for n values: cosines shifted to [0, 1] for 3CosMul.
    public static func shiftCosines(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        let raw = UnsafeMutableRawPointer(x)
        let one = SIMD16<Float>(repeating: 1), half = SIMD16<Float>(repeating: 0.5)
        var j = 0
        while j + 16 <= n {
            let v = (raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self) + one) * half
            raw.storeBytes(of: v, toByteOffset: j * 4, as: SIMD16<Float>.self)
            j += 16
        }
        while j < n { x[j] = (1 + x[j]) * 0.5; j += 1 }
    }
}
