// Role: the dense part of X for frequent pairs (Stanford's idea: pairs whose 1-based ids have a product below
// a bound), as UInt32 weight units in one zero-initialised block. Symmetric counting stores only the upper
// triangle (i <= j). A cell about to overflow moves its value to a small list of carries.
import EmbedCore
import Foundation

final class DenseTable {
    struct Row {
        /// cell(a, b) = cells[offset + b]
        var offset: Int
        /// Columns start(a) ..< limit are dense; start(a) = a when symmetric, else 0.
        var limit: Int
    }

    let vocabularySize: Int
    let symmetric: Bool
    /// Pairs with (i + 1) * (j + 1) < product are dense.
    let product: Int
    let rows: UnsafeMutablePointer<Row>
    let cells: UnsafeMutablePointer<UInt32>
    private let storage: LargeAllocation
    let cellCount: Int
    /// Rows 0 ..< nonEmptyRows hold cells (a prefix: limits do not increase while starts do).
    let nonEmptyRows: Int
    /// (key, value) pairs of cells that overflowed UInt32, in dense orientation (a, b).
    private(set) var carries: [UInt64] = []

    /// Bytes a table of `product` takes (cells and row index).
    static func bytes(vocabularySize v: Int, symmetric: Bool, product: Int) -> Int {
        var cells = 0
        for a in 0..<v {
            let limit = min(v, product / (a + 1))
            let start = symmetric ? a : 0
            if limit <= start { break }
            cells += limit - start
        }
        return cells * 4 + v * MemoryLayout<Row>.stride
    }

    /// The largest product <= `target` whose table fits in `maxBytes` (0 when even an empty table does not).
    static func product(vocabularySize v: Int, symmetric: Bool, maxBytes: Int, target: Int) -> Int {
        if bytes(vocabularySize: v, symmetric: symmetric, product: 0) > maxBytes { return 0 }
        var lo = 0, hi = target
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            if bytes(vocabularySize: v, symmetric: symmetric, product: mid) <= maxBytes { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    init(vocabularySize v: Int, symmetric: Bool, product: Int) {
        vocabularySize = v
        self.symmetric = symmetric
        self.product = product
        rows = .allocate(capacity: max(v, 1))
        var cells = 0, nonEmpty = 0
        for a in 0..<v {
            let start = symmetric ? a : 0
            let limit = max(start, min(v, product / (a + 1)))
            rows[a] = Row(offset: cells - start, limit: limit)
            cells += limit - start
            if limit > start { nonEmpty = a + 1 }
        }
        cellCount = cells
        nonEmptyRows = nonEmpty
        // Zero pages, resident only when touched.
        storage = LargeAllocation(bytes: cells * 4)
        self.cells = storage.pointer(to: UInt32.self)
    }

    deinit { rows.deallocate() }

    /// Cell `c` of pair (a, b) would overflow when adding `units`: its sum moves to the carries.
    func carry(cell c: Int, a: Int32, b: Int32, units: UInt32) {
        carries.append(RunEntry.key(Int(a), Int(b)))
        carries.append(UInt64(cells[c]) + UInt64(units))
        cells[c] = 0
    }

    /// Nonzero cells (each is one record, two off the diagonal when symmetric).
    func nonzeroCells() -> (diagonal: Int, offDiagonal: Int) {
        var diagonal = 0, off = 0
        for a in 0..<vocabularySize {
            let r = rows[a]
            let start = symmetric ? a : 0
            guard r.limit > start else { continue }
            for b in start..<r.limit where cells[r.offset + b] != 0 {
                if a == b { diagonal += 1 } else { off += 1 }
            }
        }
        return (diagonal, off)
    }

    /// Records of X the table holds (an upper bound for merging: exact unless carries overlap).
    func recordCount() -> Int {
        let (d, o) = nonzeroCells()
        return symmetric ? d + 2 * o : d + o
    }

    /// The same shape (product, orientation, vocabulary) as `other`: cells can be added index by index.
    func hasShape(of other: DenseTable) -> Bool {
        other.product == product && other.symmetric == symmetric && other.vocabularySize == vocabularySize
    }

    /// The carries of `tables` as final run entries (transposed copies added when symmetric), sorted by key.
    static func carryEntries(of tables: [DenseTable]) -> [UInt64] {
        var pairs: [(UInt64, UInt64)] = []
        let carries = tables.flatMap(\.carries)
        let symmetric = tables.first?.symmetric ?? true
        var k = 0
        while k < carries.count {
            let key = carries[k], value = carries[k + 1]
            let a = Int(RunEntry.row(key)), b = Int(RunEntry.column(key))
            if symmetric && a == b {
                pairs.append((key, 2 * value))
            } else {
                pairs.append((key, value))
                if symmetric { pairs.append((RunEntry.key(b, a), value)) }
            }
            k += 2
        }
        pairs.sort { $0.0 < $1.0 }
        var out: [UInt64] = []
        out.reserveCapacity(pairs.count * 2)
        for (key, value) in pairs {
            if out.count >= 2 && out[out.count - 2] == key { out[out.count - 1] += value } else { out.append(key); out.append(value) }
        }
        return out
    }
}
