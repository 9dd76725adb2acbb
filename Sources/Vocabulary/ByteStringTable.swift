// Role: an open-addressing hash set of byte strings stored in one arena: maps a token's bytes to a dense
// entry number without creating a String per token (the hot path of counting and encoding).

public struct ByteStringTable {
    private var slots: [Int32]            // entry number, or -1 when empty
    private var mask: Int
    private var arena: [UInt8] = []
    private var offsets: [Int] = []       // entry -> start in arena
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    public private(set) var count = 0

    public init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    /// The entry number of `bytes`, or nil.
    @inline(__always)
    public func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        find(bytes, hash: ByteStringTable.hash(bytes))
    }

    @inline(__always)
    public func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32? {
        var s = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slotBuf in
            while true {
                let e = slotBuf[s]
                if e < 0 { return nil }
                if hashes[Int(e)] == hash && equals(Int(e), bytes) { return e }
                s = (s + 1) & mask
            }
        }
    }

    /// The entry number of `bytes`, inserting it when new; `inserted` tells which.
    @inline(__always)
    public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (entry: Int32, inserted: Bool) {
        let h = ByteStringTable.hash(bytes)
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let e = slots[s]
            if e < 0 { break }
            if hashes[Int(e)] == h && equals(Int(e), bytes) { return (e, false) }
            s = (s + 1) & mask
        }
        let entry = Int32(count)
        offsets.append(arena.count)
        lengths.append(Int32(bytes.count))
        hashes.append(h)
        arena.append(contentsOf: bytes)
        slots[s] = entry
        count += 1
        if count * 2 > slots.count { grow() }
        return (entry, true)
    }

    /// The bytes of an entry.
    public func bytes(_ entry: Int) -> ArraySlice<UInt8> {
        arena[offsets[entry] ..< offsets[entry] + Int(lengths[entry])]
    }

    public func string(_ entry: Int) -> String { String(decoding: bytes(entry), as: UTF8.self) }

    /// Bytes the table holds (arena and index), for memory accounting.
    public var memoryBytes: Int { arena.capacity + slots.count * 4 + offsets.capacity * 8 + lengths.capacity * 4 + hashes.capacity * 8 }

    @inline(__always)
    private func equals(_ e: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let len = Int(lengths[e])
        guard len == bytes.count else { return false }
        let off = offsets[e]
        return arena.withUnsafeBufferPointer { a in
            len == 0 || memcmp(a.baseAddress! + off, bytes.baseAddress!, len) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for e in 0..<count {
            var s = Int(truncatingIfNeeded: hashes[e]) & mask
            while slots[s] >= 0 { s = (s + 1) & mask }
            slots[s] = Int32(e)
        }
    }
}

import Foundation
