// Role: a sorted stream of run entries delivered in blocks (one dynamic call per block, not per entry):
// in-memory runs, run files, and the dense table read by rows (upper part) or by columns (lower part).

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
    var bytes: Int { count * RunEntry.byteSize }

    init(copying source: UnsafePointer<UInt64>, count: Int) {
        entries = .allocate(capacity: max(2 * count, 1))
        entries.update(from: source, count: 2 * count)
        self.count = count
    }

    init(_ values: [UInt64]) {
        count = values.count / 2
        entries = .allocate(capacity: max(values.count, 1))
        values.withUnsafeBufferPointer { entries.update(from: $0.baseAddress!, count: values.count) }
    }

    deinit { entries.deallocate() }

    func source() -> MergeSource { MemorySource(entries, count: count) }
}

/// The dense table's records in (i, j) order. Symmetric tables store the upper triangle: row i of X is
/// column i of the rows above the diagonal (j < i), then row i of the table (j >= i, the diagonal twice).
final class DenseSource: MergeSource {
    private let table: DenseTable
    private let buffer: UnsafeMutablePointer<UInt64>
    private let capacity: Int
    private var i = 0, j = 0
    /// Still in the lower part (j < i) of row i?
    private var lower: Bool
    /// Rows 0 ..< reach have a cell in column i (their limits do not increase).
    private var reach: Int

    init(_ table: DenseTable, blockEntries: Int = 1 << 15) {
        self.table = table
        capacity = blockEntries
        buffer = .allocate(capacity: 2 * blockEntries)
        reach = table.nonEmptyRows
        lower = table.symmetric
        super.init()
    }

    deinit { buffer.deallocate() }

    override var remainingEstimate: Int { i < table.vocabularySize ? table.cellCount : 0 }

    override func nextBlock() throws -> Bool {
        let v = table.vocabularySize, rows = table.rows, cells = table.cells
        let symmetric = table.symmetric
        var n = 0
        while i < v {
            if lower {
                // X_ij = cell(j, i) for j < i. Successive rows read adjacent cells: the lines stay in cache.
                while reach > 0 && rows[reach - 1].limit <= i { reach -= 1 }
                let end = min(i, reach)
                while j < end {
                    let x = cells[rows[j].offset + i]
                    if x != 0 {
                        if n == capacity { return finishBlock(n) }
                        buffer[2 * n] = RunEntry.key(i, j)
                        buffer[2 * n + 1] = UInt64(x)
                        n += 1
                    }
                    j += 1
                }
                lower = false
                j = i
            }
            let r = rows[i]
            while j < r.limit {
                let x = cells[r.offset + j]
                if x != 0 {
                    if n == capacity { return finishBlock(n) }
                    buffer[2 * n] = RunEntry.key(i, j)
                    buffer[2 * n + 1] = symmetric && i == j ? 2 * UInt64(x) : UInt64(x)
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
        return n > 0
    }
}
