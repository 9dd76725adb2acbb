// Role: the shuffle's seedable random numbers (SplitMix64: one add and a mix per draw) and
// unbiased-enough bounded draws (multiply-high; bias below n / 2^64).

struct ShuffleRandom {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A draw in 0 ..< n.
    @inline(__always)
    mutating func next(below n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Fisher-Yates over `count` records.
    mutating func shuffle(_ records: UnsafeMutablePointer<CooccurrenceRecord>, count: Int) {
        var i = count - 1
        while i > 0 {
            let j = next(below: i + 1)
            let t = records[i]
            records[i] = records[j]
            records[j] = t
            i -= 1
        }
    }
}
