// Role: the counts of plain adjacent pairs (two word ids packed in 64 bits), in one open-addressing array of
// (key, count) slots: one cache line per lookup, no byte comparison (the hot table of phrase counting); a key's
// slot can be prefetched ahead of its `add`, since a table of millions of pairs misses the cache on every lookup.
import CKernels

/// A hash map from a pair of word ids (`a << 32 | b`) to its count.
public final class PairCountTable {
    private struct Slot { var key: UInt64; var count: Int64 }
    private static let empty = UInt64.max
    private var slots: UnsafeMutablePointer<Slot>
    private var mask: Int
    private var shift: UInt64
    /// Distinct pairs held.
    public private(set) var count = 0

    /// An empty table with room for about `capacity` pairs before it grows.
    public init(capacity: Int = 256) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = .allocate(capacity: n)
        slots.initialize(repeating: Slot(key: PairCountTable.empty, count: 0), count: n)
        mask = n - 1
        shift = UInt64(64 - n.trailingZeroBitCount)
    }

    deinit { slots.deallocate() }

    /// The packed key of the pair (a, b).
    @inline(__always)
    public static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    /// Number of slots (entries are found by scanning them with `entry(at:)`).
    public var slotCount: Int { mask + 1 }

    /// Bytes held.
    public var memoryBytes: Int { slotCount * MemoryLayout<Slot>.stride }

    /// The pair and count in slot `i`, or nil for an empty slot.
    public func entry(at i: Int) -> (key: UInt64, count: Int64)? {
        let s = slots[i]
        return s.key == PairCountTable.empty ? nil : (s.key, s.count)
    }

    /// The count of `key` (0 when absent).
    public func count(of key: UInt64) -> Int64 {
        var i = home(key)
        while true {
            let s = slots[i]
            if s.key == key { return s.count }
            if s.key == PairCountTable.empty { return 0 }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// Starts loading the slot where `key` is looked up, so that an `add` of it a little later finds it cached.
    @inline(__always)
    public func prefetch(_ key: UInt64) { embed_prefetch_write(slots + home(key)) }

    /// Adds `by` to the count of `key`; returns true when the key is new.
    @inline(__always)
    @discardableResult
    public func add(_ key: UInt64, by: Int64 = 1) -> Bool {
        let slots = self.slots, mask = self.mask
        var i = home(key)
        while true {
            let k = slots[i].key
            if k == key { slots[i].count += by; return false }
            if k == PairCountTable.empty { break }
            i = (i + 1) & mask
        }
        slots[i] = Slot(key: key, count: by)
        count += 1
        if count * 2 > mask + 1 { grow() }
        return true
    }

    private func grow() {
        let old = slots, oldCount = mask + 1
        let n = oldCount * 2
        slots = .allocate(capacity: n)
        slots.initialize(repeating: Slot(key: PairCountTable.empty, count: 0), count: n)
        mask = n - 1
        shift = UInt64(64 - n.trailingZeroBitCount)
        count = 0
        for i in 0..<oldCount where old[i].key != PairCountTable.empty { add(old[i].key, by: old[i].count) }
        old.deallocate()
    }
}
