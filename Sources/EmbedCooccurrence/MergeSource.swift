// Role: a sorted stream of run entries delivered in blocks (one dynamic call per block, not per entry):
// in-memory runs, run files, and the dense table read by rows (upper part) or by columns (lower part).
import EmbedCore

class MergeSource {
    /// Current block: `count` entries, key at [2k], value at [2k + 1].
    var block: UnsafePointer<UInt64>
    var count = 0
    /// Upper bound on the entries still to come (for sizing outputs).
    var remainingEstimate: Int { 0 }

    init() { block = UnsafePointer(bitPattern: 0x10)! }

    /// Loads the next block; false at the end.
    func nextBlock() throws -> Bool { false }
}

/// One block over entries in memory; the owner keeps them alive.
final class MemorySource: MergeSource {
    private var delivered = false
    private let entries: UnsafePointer<UInt64>
    private let entryCount: Int

    init(_ entries: UnsafePointer<UInt64>, count: Int) {
        self.entries = entries
        entryCount = count
        super.init()
    }

    override var remainingEstimate: Int { delivered ? 0 : entryCount }

    override func nextBlock() throws -> Bool {
        if delivered || entryCount == 0 { return false }
        delivered = true
        block = entries
        count = entryCount
        return true
    }
}

/// A run kept in memory after a reduce (owns its storage).
final class MemoryRun {
    let entries: UnsafeMutablePointer<UInt64>
    let count: Int
    private let allocation: LargeAllocation
    var bytes: Int { count * RunEntry.byteSize }

    init(copying source: UnsafePointer<UInt64>, count: Int) {
        allocation = LargeAllocation(bytes: count * RunEntry.byteSize)
        entries = allocation.pointer(to: UInt64.self)
        entries.update(from: source, count: 2 * count)
        self.count = count
    }

    init(_ values: [UInt64]) {
        count = values.count / 2
        allocation = LargeAllocation(bytes: count * RunEntry.byteSize)
        entries = allocation.pointer(to: UInt64.self)
        values.withUnsafeBufferPointer { if let v = $0.baseAddress { entries.update(from: v, count: 2 * count) } }
    }

    func source() -> MergeSource { MemorySource(entries, count: count) }
}

/// The dense tables' records in (i, j) order, summed over tables of the same shape (one per counting thread).
/// Symmetric tables store the upper triangle: row i of X is column i of the rows above the diagonal (j < i),
/// then row i of the table (j >= i, the diagonal counted twice).
final class DenseSource: MergeSource {
    /// Released once read through, so their memory can go before the merge ends.
    private var tables: [DenseTable]
    private let cells: UnsafeMutablePointer<UnsafeMutablePointer<UInt32>>
    private let buffer: UnsafeMutablePointer<UInt64>
    private let capacity: Int
    private var i = 0, j = 0
    /// Still in the lower part (j < i) of row i?
    private var lower: Bool
    /// Rows 0 ..< reach have a cell in column i (their limits do not increase).
    private var reach: Int

    init(_ tables: [DenseTable], blockEntries: Int = 1 << 15) {
        precondition(!tables.isEmpty && tables.allSatisfy { $0.hasShape(of: tables[0]) })
        self.tables = tables
        cells = .allocate(capacity: tables.count)
        for (t, table) in tables.enumerated() { cells[t] = table.cells }
        capacity = blockEntries
        buffer = .allocate(capacity: 2 * blockEntries)
        reach = tables[0].nonEmptyRows
        lower = tables[0].symmetric
        super.init()
    }

    convenience init(_ table: DenseTable, blockEntries: Int = 1 << 15) {
        self.init([table], blockEntries: blockEntries)
    }

    deinit {
        buffer.deallocate()
        cells.deallocate()
    }

    override var remainingEstimate: Int { tables.first?.cellCount ?? 0 }

    /// Sum of cell c over the tables.
    @inline(__always)
    private func value(_ c: Int, first: UnsafeMutablePointer<UInt32>, tableCount: Int) -> UInt64 {
        var v = UInt64(first[c])
        var t = 1
        while t < tableCount { v += UInt64(cells[t][c]); t += 1 }
        return v
    }

    override func nextBlock() throws -> Bool {
        guard let table = tables.first else { return false }
        let v = table.vocabularySize, rows = table.rows, first = cells[0], tableCount = tables.count
        let symmetric = table.symmetric
        let buffer = self.buffer, capacity = self.capacity
        // Locals in the loop: class properties would cost an exclusivity check per access.
        var i = self.i, j = self.j, lower = self.lower, reach = self.reach
        defer { self.i = i; self.j = j; self.lower = lower; self.reach = reach }
        var n = 0
        while i < v {
            if lower {
                // X_ij = cell(j, i) for j < i. Successive rows read adjacent cells: the lines stay in cache.
                while reach > 0 && rows[reach - 1].limit <= i { reach -= 1 }
                let end = min(i, reach)
                while j < end {
                    let x = value(rows[j].offset + i, first: first, tableCount: tableCount)
                    if x != 0 {
                        if n == capacity { return finishBlock(n) }
                        buffer[2 * n] = RunEntry.key(i, j)
                        buffer[2 * n + 1] = x
                        n += 1
                    }
                    j += 1
                }
                lower = false
                j = i
            }
            let r = rows[i]
            while j < r.limit {
                let x = value(r.offset + j, first: first, tableCount: tableCount)
                if x != 0 {
                    if n == capacity { return finishBlock(n) }
                    buffer[2 * n] = RunEntry.key(i, j)
                    buffer[2 * n + 1] = symmetric && i == j ? 2 * x : x
                    n += 1
                }
                j += 1
            }
            i += 1
            j = 0
            lower = symmetric
        }
        return finishBlock(n)
    }

    private func finishBlock(_ n: Int) -> Bool {
        block = UnsafePointer(buffer)
        count = n
        if n == 0 { tables = [] }
        return n > 0
    }
}
