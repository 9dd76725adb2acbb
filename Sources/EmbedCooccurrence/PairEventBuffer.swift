// Role: the pairs that fall outside the dense table, each packed with its distance into one UInt64
// (i | j | d), collected until the buffer is full, then radix-sorted on (i, j) and summed into run entries.
import EmbedCore

final class PairEventBuffer {
    /// Events the buffer holds before it must be reduced.
    let capacity: Int
    let idBits: Int
    let distanceBits: Int
    /// 2 × capacity UInt64: events fill the lower half; the sort uses the upper half as scratch.
    /// The counting loop writes events at storage[count] directly (then sets `count`).
    let storage: UnsafeMutablePointer<UInt64>
    private let allocation: LargeAllocation
    var count = 0

    /// Bytes used for `capacity` events.
    static func bytes(capacity: Int) -> Int { capacity * 16 }

    /// Throws when (vocabularySize, window) cannot be packed into 64 bits.
    init(capacity: Int, vocabularySize: Int, window: Int) {
        self.capacity = max(capacity, 2)
        idBits = PairEventBuffer.bits(for: max(vocabularySize, 2))
        distanceBits = PairEventBuffer.bits(for: window + 1)
        precondition(2 * idBits + distanceBits <= 64, "vocabulary and window too large to pack")
        allocation = LargeAllocation(bytes: 2 * self.capacity * 8)
        storage = allocation.pointer(to: UInt64.self)
    }

    /// Whether a vocabulary of `size` words and a window of `window` can be packed.
    static func canPack(vocabularySize size: Int, window: Int) -> Bool {
        2 * bits(for: max(size, 2)) + bits(for: window + 1) <= 64
    }

    static func bits(for n: Int) -> Int { Int.bitWidth - (n - 1).leadingZeroBitCount }

    var isEmpty: Bool { count == 0 }

    /// The event "add weight(d) to X_ij" (0-based ids).
    @inline(__always)
    static func pack(_ i: Int32, _ j: Int32, _ d: Int, rowShift: UInt64, columnShift: UInt64) -> UInt64 {
        UInt64(UInt32(bitPattern: i)) << rowShift | UInt64(UInt32(bitPattern: j)) << columnShift | UInt64(d)
    }

    var rowShift: UInt64 { UInt64(idBits + distanceBits) }
    var columnShift: UInt64 { UInt64(distanceBits) }

    /// Sorts and sums the events into `n` run entries (key, value) at the start of the returned pointer
    /// (valid until the next append), and empties the buffer.
    func reduce(units: UnsafePointer<UInt32>) -> (entries: UnsafeMutablePointer<UInt64>, count: Int) {
        let n = count
        count = 0
        guard n > 0 else { return (storage, 0) }
        let upper = storage + capacity
        var sorted = RadixSort.sort(storage, scratch: upper, count: n, lowBit: distanceBits, bitCount: 2 * idBits)
        if sorted != upper {
            upper.update(from: sorted, count: n)
            sorted = upper
        }
        // Entries are written from the start of storage while events are read from the upper half: entry w
        // occupies slots 2w, 2w+1, which are always below the next unread event (capacity + r, r > w).
        let dMask = UInt64(1) << UInt64(distanceBits) - 1
        let dShift = UInt64(distanceBits)
        let idMask = UInt64(1) << UInt64(idBits) - 1
        let idShift = UInt64(idBits)
        var r = 0, w = 0
        while r < n {
            let pair = sorted[r] >> dShift
            var value = UInt64(units[Int(sorted[r] & dMask)])
            r += 1
            while r < n && sorted[r] >> dShift == pair {
                value += UInt64(units[Int(sorted[r] & dMask)])
                r += 1
            }
            storage[2 * w] = (pair >> idShift) << 32 | (pair & idMask)
            storage[2 * w + 1] = value
            w += 1
        }
        return (storage, w)
    }
}
