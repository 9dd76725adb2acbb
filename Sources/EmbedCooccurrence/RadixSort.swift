// Role: LSD radix sort of UInt64 values on a range of their bits (up to 12 bits per pass, one counting pass
// for all digits, constant digits skipped): the sort behind every spilled run.
import EmbedCore

enum RadixSort {
    /// Sorts `count` values of `a` by bits `lowBit ..< lowBit + bitCount` (stable), using `b` (same size) as
    /// scratch. Returns whichever of `a` and `b` holds the result.
    static func sort(_ a: UnsafeMutablePointer<UInt64>, scratch b: UnsafeMutablePointer<UInt64>, count: Int,
                     lowBit: Int, bitCount: Int) -> UnsafeMutablePointer<UInt64> {
        guard count > 1, bitCount > 0 else { return a }
        let passes = (bitCount + 11) / 12
        let digitBits = (bitCount + passes - 1) / passes
        let radix = 1 << digitBits
        let mask = UInt64(radix - 1)
        // The last digit may be narrower: bits above lowBit + bitCount must not take part.
        let lastMask = UInt64(1) << UInt64(bitCount - digitBits * (passes - 1)) - 1
        let hist = UnsafeMutablePointer<Int>.allocate(capacity: passes * radix)
        defer { hist.deallocate() }
        hist.initialize(repeating: 0, count: passes * radix)
        let low = UInt64(lowBit), step = UInt64(digitBits)
        for i in 0..<count {
            var v = a[i] >> low
            var h = hist
            for p in 0..<passes {
                h[Int(v & (p == passes - 1 ? lastMask : mask))] += 1
                v >>= step
                h += radix
            }
        }
        var src = a, dst = b
        for p in 0..<passes {
            let h = hist + p * radix
            let shift = low + UInt64(p) * step
            let digitMask = p == passes - 1 ? lastMask : mask
            if h[Int((src[0] >> shift) & digitMask)] == count { continue }   // every value has the same digit
            var sum = 0
            for d in 0..<radix {
                let c = h[d]
                h[d] = sum
                sum += c
            }
            for i in 0..<count {
                let v = src[i]
                let d = Int((v >> shift) & digitMask)
                dst[h[d]] = v
                h[d] += 1
            }
            swap(&src, &dst)
        }
        return src
    }
}
