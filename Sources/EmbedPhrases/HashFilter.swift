// Role: a one-hash bit filter in front of a hash table that is mostly asked for keys it does not hold (the
// joiner asks the phrase table for every adjacent pair of the corpus): a clear bit answers "absent" from a
// bitset small enough for the cache, instead of a probe of the table's larger slot array.
/// A set of 64-bit hashes kept as one bit each in a power-of-two bitset (false positives, no false negatives).
struct HashFilter {
    /// Bits kept per member: at most about 1 in `bitsPerMember` absent hashes finds its bit set.
    static let bitsPerMember = 16
    private var words: [UInt64] = [0]
    private var mask: UInt64 = 63

    /// The bit of `hash`: the high half, so that it is independent of the table's slot (its low bits).
    @inline(__always)
    private func bit(_ hash: UInt64) -> UInt64 { (hash >> 32) & mask }

    /// False when `hash` was never inserted; true when it was (or by chance).
    @inline(__always)
    func mayContain(_ hash: UInt64) -> Bool {
        let b = bit(hash)
        return words.withUnsafeBufferPointer { $0[Int(b >> 6)] >> (b & 63) & 1 == 1 }
    }

    /// Sets the bit of `hash`.
    mutating func insert(_ hash: UInt64) {
        let b = bit(hash)
        words[Int(b >> 6)] |= 1 << (b & 63)
    }

    /// True when `members` hashes are more than the bitset holds at `bitsPerMember` each.
    func isFull(members: Int) -> Bool { UInt64(members * HashFilter.bitsPerMember) > mask + 1 }

    /// An empty filter sized for `members` hashes.
    init(members: Int = 0) {
        var bits = 64
        while bits < members * HashFilter.bitsPerMember * 2 { bits <<= 1 }
        words = [UInt64](repeating: 0, count: bits / 64)
        mask = UInt64(bits - 1)
    }
}
