// Role: draws negative samples from the unigram distribution raised to 0.75 in O(1) per draw with Walker's
// alias method (two small tables, one random number per draw), instead of word2vec's 10^8-entry table.
import EmbedCore
import Foundation
import EmbedKernels

/// Draws negative samples from counts^0.75 in constant time per draw with Walker's alias method.
public final class NoiseSampler: @unchecked Sendable {
    /// The number of word ids drawn from (0 ..< count).
    public let count: Int
    /// Acceptance thresholds scaled to 2^32 and alias ids, by word id.
    private let threshold: UnsafeMutablePointer<UInt32>
    private let alias: UnsafeMutablePointer<Int32>

    /// Probabilities proportional to counts[i]^power (counts must hold a positive total).
    public init(counts: [Int64], power: Double = 0.75) {
        count = counts.count
        threshold = .allocate(capacity: max(1, count))
        alias = .allocate(capacity: max(1, count))
        let weights = counts.map { pow(Double($0), power) }
        let total = weights.reduce(0, +)
        precondition(count > 0 && total > 0, "noise distribution needs a positive total")
        // Vose's construction: scaled probabilities, split into under- and over-full columns.
        var scaled = weights.map { $0 * Double(count) / total }
        var small: [Int] = [], large: [Int] = []
        for (i, p) in scaled.enumerated() { if p < 1 { small.append(i) } else { large.append(i) } }
        var prob = [Double](repeating: 1, count: count)
        var aliasIDs = [Int32](repeating: 0, count: count)
        for i in 0..<count { aliasIDs[i] = Int32(i) }
        while let s = small.last, let l = large.last {
            small.removeLast()
            prob[s] = scaled[s]
            aliasIDs[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { large.removeLast(); small.append(l) }
        }
        // Leftovers (rounding) are full columns.
        for i in 0..<count {
            threshold[i] = prob[i] >= 1 ? UInt32.max : UInt32(prob[i] * 4_294_967_296.0)
            alias[i] = aliasIDs[i]
        }
    }

    deinit { threshold.deallocate(); alias.deallocate() }

    /// Probability of drawing `id` (from the tables, for tests).
    public func probability(_ id: Int) -> Double {
        var p = 0.0
        for i in 0..<count {
            let keep = threshold[i] == UInt32.max ? 1.0 : Double(threshold[i]) / 4_294_967_296.0
            if i == id { p += keep }
            if Int(alias[i]) == id { p += 1 - keep }
        }
        return p / Double(count)
    }

    /// One draw: the high 32 bits pick a column, the low 32 bits decide between it and its alias.
    @inline(__always)
    public func draw(_ rng: inout FastRandom) -> Int32 {
        let r = rng.next()
        let column = Int(((r >> 32) &* UInt64(count)) >> 32)
        return UInt32(truncatingIfNeeded: r) < threshold[column] ? Int32(column) : alias[column]
    }
}
