// Role: the one FNV-1a hash: 64-bit, fed in pieces, for checksums and data fingerprints.

/// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3), fed bytes or words in pieces.
public struct FNV1a64: Sendable, Equatable {
    /// The hash of everything fed so far.
    public private(set) var value: UInt64

    /// The standard FNV-1a 64-bit offset basis, the hash of no bytes.
    public static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    /// The FNV-1a 64-bit prime each byte's step multiplies by.
    public static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// A fresh hash; `seed` is mixed into the offset basis (0: standard FNV-1a).
    public init(seed: UInt64 = 0) { value = FNV1a64.offsetBasis ^ seed }

    /// Feeds bytes, one at a time (standard FNV-1a).
    @inline(__always)
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for b in bytes { h = (h ^ UInt64(b)) &* FNV1a64.prime }
        value = h
    }

    /// Feeds one 32-bit word as a unit (fingerprints of id streams: one step per id).
    @inline(__always)
    public mutating func add(word: UInt32) {
        value = (value ^ UInt64(word)) &* FNV1a64.prime
    }

    /// Feeds bytes eight at a time (a little-endian word per step, then the tail byte by byte): the fast
    /// form for checksums of large files. Not the same value as `add(_:)` over the same bytes.
    public mutating func addWords(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        let words = bytes.count / 8
        if let base = bytes.baseAddress {
            for i in 0..<words {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                h = (h ^ w) &* FNV1a64.prime
                h ^= h >> 29
            }
        }
        for i in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* FNV1a64.prime }
        value = h
    }
}
