// Role: fastText's string hash, bit for bit: 32-bit FNV-1a over the UTF-8 bytes, each byte sign-extended as a
// C `int8_t` before the xor (fastText's historical quirk, kept so models stay compatible: it changes the hash
// of every string with a byte >= 128). Feeds the n-gram buckets of subword models.

/// fastText's `Dictionary::hash`: FNV-1a (offset basis 2166136261, prime 16777619) over bytes taken as signed.
public enum FastTextHash {
    /// FNV-1a's 32-bit offset basis.
    public static let offsetBasis: UInt32 = 2_166_136_261
    /// FNV-1a's 32-bit prime.
    public static let prime: UInt32 = 16_777_619

    /// One step: `h` after feeding `byte`, sign-extended first (0xC3 is xor-ed in as 0xFFFFFFC3).
    @inline(__always)
    public static func step(_ h: UInt32, _ byte: UInt8) -> UInt32 {
        (h ^ UInt32(bitPattern: Int32(Int8(bitPattern: byte)))) &* prime
    }

    /// The hash of `bytes`.
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h = offsetBasis
        for b in bytes { h = step(h, b) }
        return h
    }

    /// The hash of the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { hash($0) }
    }
}
