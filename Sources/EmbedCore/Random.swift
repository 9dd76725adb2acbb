// Role: the one source of seeded random numbers: SplitMix64 (seeding, and the shuffles' fast generator) and
// xoshiro256** seeded by it (training). Value types, no allocation, reproducible from a seed.

/// SplitMix64: one add and a mix per draw. Seeds the other generators and drives record shuffles.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The whole state (one word), for checkpoints.
    public private(set) var state: UInt64

    /// A generator whose first draw follows `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A draw in 0 ..< n (n > 0) by the high word of a full-width product (bias below n / 2^64).
    @inline(__always)
    public mutating func next(below n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Fisher-Yates shuffle of `count` values at `base`.
    public mutating func shuffle<T>(_ base: UnsafeMutablePointer<T>, count: Int) {
        var i = count - 1
        while i > 0 {
            let j = next(below: i + 1)
            let t = base[i]
            base[i] = base[j]
            base[j] = t
            i -= 1
        }
    }

    /// Fisher-Yates shuffle of an array.
    public mutating func shuffle<T>(_ values: inout [T]) {
        values.withUnsafeMutableBufferPointer { shuffle($0.baseAddress!, count: $0.count) }
    }
}

/// xoshiro256**, seeded by SplitMix64: fast, good quality, reproducible from a seed.
public struct FastRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// The generator for `seed` (its four state words are SplitMix64's first four draws).
    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        s0 = mix.next(); s1 = mix.next(); s2 = mix.next(); s3 = mix.next()
    }

    /// The full state, for checkpoints (four words).
    public var state: [UInt64] {
        get { [s0, s1, s2, s3] }
        set { s0 = newValue[0]; s1 = newValue[1]; s2 = newValue[2]; s3 = newValue[3] }
    }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1) with 24 bits.
    @inline(__always)
    public mutating func nextFloat() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

    /// Uniform in [0, 1) with 53 bits.
    @inline(__always)
    public mutating func nextDouble() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// Uniform integer in 0..<n (0 < n < 2^32), Lemire's multiply-shift (tiny bias, fine for sampling).
    @inline(__always)
    public mutating func next(below n: Int) -> Int {
        Int((UInt64(UInt32(truncatingIfNeeded: next() >> 32)) &* UInt64(n)) >> 32)
    }

    /// Fisher-Yates shuffle of an array with this generator.
    public mutating func shuffle<T>(_ values: inout [T]) {
        var i = values.count - 1
        while i > 0 {
            values.swapAt(i, next(below: i + 1))
            i -= 1
        }
    }
}
