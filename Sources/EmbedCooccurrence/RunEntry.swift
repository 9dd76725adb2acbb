// Role: the exact in-counter form of X: runs are arrays of UInt64 pairs (key, value) where
// key = i << 32 | j (0-based ids, so key order is (i, j) order) and value = X_ij in weight units.
import EmbedCore

enum RunEntry {
    /// Bytes per entry (key and value, both UInt64).
    static let byteSize = 16

    @inline(__always)
    static func key(_ i: Int, _ j: Int) -> UInt64 { UInt64(truncatingIfNeeded: i) << 32 | UInt64(truncatingIfNeeded: j) }

    @inline(__always)
    static func row(_ key: UInt64) -> Int32 { Int32(truncatingIfNeeded: key >> 32) }

    @inline(__always)
    static func column(_ key: UInt64) -> Int32 { Int32(truncatingIfNeeded: key & 0xFFFF_FFFF) }
}
