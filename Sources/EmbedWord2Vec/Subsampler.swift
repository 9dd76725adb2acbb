// Role: subsampling of frequent words (Mikolov et al.): a word of corpus frequency f is kept with probability
// sqrt(t/f) + t/f (word2vec's formula), decided per occurrence before windowing, as one integer comparison.
import EmbedCore
import Foundation
import EmbedKernels

/// Subsampling of frequent words: decides per occurrence, before windowing, whether a word is kept, with
/// probability sqrt(t/f) + t/f for a word of corpus frequency f (word2vec's formula).
public final class Subsampler: @unchecked Sendable {
    /// Keep thresholds scaled to 2^32 (2^32 = always keep), by word id.
    private let threshold: UnsafeMutablePointer<UInt64>
    /// The number of word ids it decides for (0 ..< count).
    public let count: Int

    /// `counts` of the kept words, `sample` the threshold t (0 keeps everything).
    public init(counts: [Int64], sample: Double) {
        count = counts.count
        threshold = .allocate(capacity: max(1, count))
        let total = Double(counts.reduce(0, +))
        for i in 0..<count {
            threshold[i] = UInt64(1) << 32
            guard sample > 0, counts[i] > 0 else { continue }
            let p = Subsampler.keepProbability(count: counts[i], total: total, sample: sample)
            if p < 1 { threshold[i] = UInt64(p * 4_294_967_296.0) }
        }
    }

    deinit { threshold.deallocate() }

    /// The probability of keeping a word seen `count` times among `total` tokens, with threshold `sample` (t):
    /// min(1, sqrt(t/f) + t/f) with f = count / total.
    public static func keepProbability(count: Int64, total: Double, sample: Double) -> Double {
        let r = sample * total / Double(count)      // t / f
        return min(1, r.squareRoot() + r)
    }

    /// True when always kept (no random number is drawn then).
    @inline(__always)
    public func keepsAlways(_ id: Int32) -> Bool { threshold[Int(id)] > UInt64(UInt32.max) }

    /// Whether this occurrence of word `id` is kept (draws a random number only for words not always kept).
    @inline(__always)
    public func keep(_ id: Int32, _ rng: inout FastRandom) -> Bool {
        let t = threshold[Int(id)]
        if t > UInt64(UInt32.max) { return true }
        return (rng.next() >> 32) < t
    }
}
