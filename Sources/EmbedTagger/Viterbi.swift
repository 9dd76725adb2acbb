// Role: Viterbi decoding over a packed batch: the highest-scoring tag path of each sequence under per-token
// scores plus transition, start and end scores (-infinity where not allowed), so the CRF and the per-token
// softmax (log-probabilities with 0 / -infinity transitions) decode under the same constraints.
import EmbedClassifier
import EmbedCore

/// Max-sum decoding of tag sequences.
public enum Viterbi {
    /// The best path of every packed sequence of `batch` (packed order) given `scores` (rows x tags),
    /// `transitions` (tags x tags, from row to column), `start` and `end` (tags each).
    public static func decode<T: NetworkScalar>(scores e: UnsafePointer<T>, batch: PackedBatch, tags k: Int,
                                                transitions: UnsafePointer<T>, start: UnsafePointer<T>,
                                                end: UnsafePointer<T>) -> [[Int32]] {
        let rows = batch.rows
        let delta = UnsafeMutablePointer<T>.allocate(capacity: rows * k)
        let back = UnsafeMutablePointer<Int32>.allocate(capacity: rows * k)
        let best = UnsafeMutablePointer<T>.allocate(capacity: k)
        let arg = UnsafeMutablePointer<Int32>.allocate(capacity: k)
        defer { delta.deallocate(); back.deallocate(); best.deallocate(); arg.deallocate() }
        for b in 0..<batch.stepSizes[0] {
            for j in 0..<k { delta[b * k + j] = start[j] + e[b * k + j] }
        }
        for t in 1..<max(batch.steps, 1) {
            let r0 = batch.stepOffsets[t], q0 = batch.stepOffsets[t - 1]
            for b in 0..<batch.stepSizes[t] {
                let q = delta + (q0 + b) * k
                best.update(repeating: -T.infinity, count: k)
                arg.update(repeating: 0, count: k)
                for i in 0..<k {
                    let di = q[i], row = transitions + i * k
                    guard di > -T.infinity else { continue }
                    for j in 0..<k {
                        let v = di + row[j]
                        if v > best[j] { best[j] = v; arg[j] = Int32(i) }
                    }
                }
                let r = r0 + b
                for j in 0..<k {
                    delta[r * k + j] = best[j] + e[r * k + j]
                    back[r * k + j] = arg[j]
                }
            }
        }
        var paths: [[Int32]] = []
        paths.reserveCapacity(batch.count)
        for b in 0..<batch.count {
            let length = batch.lengths[b], last = Int(batch.lastRows[b])
            var top = -T.infinity, current: Int32 = 0
            for j in 0..<k {
                let v = delta[last * k + j] + end[j]
                if v > top { top = v; current = Int32(j) }
            }
            var path = [Int32](repeating: 0, count: length)
            for t in stride(from: length - 1, through: 0, by: -1) {
                path[t] = current
                if t > 0 { current = back[(batch.stepOffsets[t] + b) * k + Int(current)] }
            }
            paths.append(path)
        }
        return paths
    }
}
