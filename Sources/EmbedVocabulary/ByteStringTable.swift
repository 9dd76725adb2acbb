// Role: an open-addressing hash set of byte strings stored in one arena: maps a token's bytes to a dense
// entry number without creating a String per token (the hot path of counting and encoding). A caller that
// hashes tokens ahead can prefetch their slots.
import CKernels
import EmbedCore
import EmbedCorpus
import Foundation

/// A hash set of byte strings (tokens) kept in one arena, giving each distinct string a dense entry number
/// 0, 1, 2... in insertion order without making a String per token.
public final class ByteStringTable {
    /// The table's mutable fields, behind a pointer: the counting loops touch them several times per token, and
    /// every access to a class's stored `var` is an exclusivity check at run time (a fifth of the vocabulary pass).
    private struct Storage {
        // slot = (hash high 32 bits << 32) | (entry + 1); 0 = empty.
        var slots: UnsafeMutablePointer<UInt64>
        var slotCount: Int
        var arena: UnsafeMutablePointer<UInt8>
        var arenaCapacity: Int
        var arenaUsed = 0
        var offsets: UnsafeMutablePointer<Int>     // entry -> start in arena; offsets[count] = arenaUsed
        var entryCapacity: Int
        var count = 0
    }
    private let storage: UnsafeMutablePointer<Storage>
    /// The number of distinct byte strings stored (entries 0 ..< count).
    public var count: Int { storage.pointee.count }

    /// An empty table sized for about `capacity` entries without growing (it grows as needed).
    public init(capacity: Int = 1 << 16) {
        var slotCount = 16
        while slotCount < capacity * 2 { slotCount <<= 1 }
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        let entryCapacity = max(capacity, 16)
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: entryCapacity + 1)
        offsets[0] = 0
        let arenaCapacity = max(capacity * 8, 1024)
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage(slots: slots, slotCount: slotCount, arena: .allocate(capacity: arenaCapacity),
                                       arenaCapacity: arenaCapacity, offsets: offsets, entryCapacity: entryCapacity))
    }

    deinit {
        let s = storage.pointee
        s.slots.deallocate(); s.arena.deallocate(); s.offsets.deallocate()
        storage.deinitialize(count: 1)
        storage.deallocate()
    }

    /// A fast 64-bit hash of a byte string, 8 bytes at a time (a short tail in one or two loads, not byte by byte).
    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let p = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(p)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            // The last n - i bytes in at most two loads that stay inside the string (they may overlap bytes
            // already mixed; the length is mixed in too, so equal hashes still need equal bytes to be likely).
            let tail: UInt64
            if n >= 8 {
                tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            } else if n >= 4 {
                tail = UInt64(raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                    | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
            } else {
                tail = UInt64(p[0]) | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]) << 16
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 29
        }
        h = (h ^ (h >> 32)) &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }

    @inline(__always)
    private func equals(_ e: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let offsets = storage.pointee.offsets
        let off = offsets[e]
        let len = offsets[e + 1] - off
        guard len == bytes.count else { return false }
        return len == 0
            || ByteStringTable.same(UnsafeRawPointer(storage.pointee.arena + off), UnsafeRawPointer(bytes.baseAddress!), len)
    }

    /// True when the `n` bytes (n >= 1) at `a` and `b` are equal: whole words, the tail in one or two loads
    /// that stay inside the strings (a call to memcmp costs more than most tokens take to compare).
    @inline(__always)
    static func same(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Bool {
        if n >= 8 {
            var i = 0
            while i + 8 <= n {
                if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i += 8
            }
            return i == n
                || a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n >= 4 {
            return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
                && a.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == b.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        let x = a.assumingMemoryBound(to: UInt8.self), y = b.assumingMemoryBound(to: UInt8.self)
        return x[0] == y[0] && x[n >> 1] == y[n >> 1] && x[n - 1] == y[n - 1]
    }

    /// Linear probe for `bytes`: its entry when present, else the empty slot where it would go.
    @inline(__always)
    private func probe(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (slot: Int, entry: Int32?) {
        let tag = h & 0xFFFF_FFFF_0000_0000
        let mask = storage.pointee.slotCount - 1, slots = storage.pointee.slots
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let v = slots[s]
            if v == 0 { return (s, nil) }
            if v & 0xFFFF_FFFF_0000_0000 == tag {
                let e = Int(v & 0xFFFF_FFFF) - 1
                if equals(e, bytes) { return (s, Int32(e)) }
            }
            s = (s + 1) & mask
        }
    }

    /// The entry number of `bytes`, or nil.
    @inline(__always)
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        probe(bytes, hash: ByteStringTable.hash(bytes)).entry
    }

    /// The entry number of `bytes`, whose `hash(_:)` the caller already has, or nil.
    @inline(__always)
    public func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? { probe(bytes, hash: hash).entry }

    /// Starts loading the slot where a string of hash `hash` is looked up (see `hash(_:)`).
    @inline(__always)
    public func prefetch(hash: UInt64) {
        embed_prefetch_read(storage.pointee.slots + (Int(truncatingIfNeeded: hash) & (storage.pointee.slotCount - 1)))
    }

    /// The `hash(_:)` of each token of the tokenizer's line, into `hashes[0..<tokenizer.count]` (grown when
    /// short), so that a counting loop can prefetch its lookups with `prefetchAhead`.
    public static func hashTokens(of tokenizer: Tokenizer, into hashes: inout [UInt64]) {
        let line = tokenizer.line, n = line.count
        if hashes.count < n { hashes = [UInt64](repeating: 0, count: max(n, 2 * hashes.count)) }
        hashes.withUnsafeMutableBufferPointer { h in
            for t in 0..<n { h[t] = hash(line[t]) }
        }
    }

    /// The lookups of a line whose `hash(_:)` values are `hashes[0..<count]`: while lookup `t` runs, the slot
    /// of lookup t + 8 is loaded (a table of 100k+ words misses the cache on nearly every slot). Prefetching the
    /// entry offsets and bytes too, in later steps, measured no faster on wiki17m.
    @inline(__always)
    public func prefetchAhead(_ hashes: UnsafePointer<UInt64>, at t: Int, count: Int) {
        if t &+ 8 < count { prefetch(hash: hashes[t &+ 8]) }
    }

    /// The entry number of `bytes`, inserting it when new; `inserted` tells which.
    @inline(__always)
    public func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (entry: Int32, inserted: Bool) {
        insert(bytes, hash: ByteStringTable.hash(bytes))
    }

    /// `insert(_:)` of `bytes` whose `hash(_:)` the caller already has.
    @inline(__always)
    public func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (entry: Int32, inserted: Bool) {
        let (s, found) = probe(bytes, hash: h)
        if let e = found { return (e, false) }
        let tag = h & 0xFFFF_FFFF_0000_0000
        let entry = count
        appendBytes(bytes)
        storage.pointee.slots[s] = tag | UInt64(entry + 1)
        if count * 2 > storage.pointee.slotCount { grow() }
        return (Int32(entry), true)
    }

    private func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        let t = storage
        if t.pointee.count == t.pointee.entryCapacity {      // offsets holds entryCapacity + 1 ends
            var offsetsCapacity = t.pointee.entryCapacity + 1
            UnsafeMutablePointer.grow(&t.pointee.offsets, capacity: &offsetsCapacity, keeping: t.pointee.count + 1,
                                      toHold: t.pointee.entryCapacity * 2 + 1)
            t.pointee.entryCapacity = offsetsCapacity - 1
        }
        let used = t.pointee.arenaUsed
        UnsafeMutablePointer.grow(&t.pointee.arena, capacity: &t.pointee.arenaCapacity, keeping: used,
                                  toHold: used + bytes.count)
        if bytes.count > 0 { (t.pointee.arena + used).update(from: bytes.baseAddress!, count: bytes.count) }
        t.pointee.arenaUsed = used + bytes.count
        t.pointee.count += 1
        t.pointee.offsets[t.pointee.count] = used + bytes.count
    }

    /// The bytes of an entry, valid while the table lives and is not grown.
    public func bytes(_ entry: Int) -> UnsafeBufferPointer<UInt8> {
        let offsets = storage.pointee.offsets
        return UnsafeBufferPointer(start: storage.pointee.arena + offsets[entry], count: offsets[entry + 1] - offsets[entry])
    }

    /// The bytes of an entry decoded as UTF-8 (invalid sequences become U+FFFD).
    public func string(_ entry: Int) -> String { String(decoding: bytes(entry), as: UTF8.self) }

    /// Bytes the table holds (arena and index), for memory accounting.
    public var memoryBytes: Int {
        storage.pointee.arenaCapacity + storage.pointee.slotCount * 8 + (storage.pointee.entryCapacity + 1) * 8
    }

    private func grow() {
        let newCount = storage.pointee.slotCount * 2
        let newSlots = UnsafeMutablePointer<UInt64>.allocate(capacity: newCount)
        newSlots.initialize(repeating: 0, count: newCount)
        let mask = newCount - 1
        for e in 0..<count {
            let h = ByteStringTable.hash(bytes(e))
            var s = Int(truncatingIfNeeded: h) & mask
            while newSlots[s] != 0 { s = (s + 1) & mask }
            newSlots[s] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(e + 1)
        }
        storage.pointee.slots.deallocate()
        storage.pointee.slots = newSlots
        storage.pointee.slotCount = newCount
    }
}
