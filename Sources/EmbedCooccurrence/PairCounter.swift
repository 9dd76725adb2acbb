// Role: the counting core. Given lines of 0-based word ids (unknown words already removed), adds weight(d)
// for every pair within the window into a dense table (frequent pairs) or a buffer of packed pair events,
// which is sorted and summed into runs kept in memory until their share is used, then spilled to disk.
import EmbedCore

final class PairCounter {
    let vocabularySize: Int
    let window: Int
    let symmetric: Bool
    let weights: FixedPointWeights
    private let units: UnsafeMutablePointer<UInt32>
    private(set) var table: DenseTable?
    private var events: PairEventBuffer?
    private(set) var memoryRuns: [MemoryRun] = []
    private(set) var memoryRunBytes = 0
    private let runBudget: Int
    private(set) var diskRuns: [DiskRun] = []
    private let space: SpillSpace
    /// Pairs counted (each pair within the window once, whatever the mode).
    private(set) var pairs: Int64 = 0
    private(set) var spills = 0

    /// Memory plan for a share of `memoryBytes`: at most `denseBytes` (and 40% of the share) for the dense
    /// table, about 20% for the event buffer (up to 16M events), the rest for runs kept in memory.
    init(vocabularySize: Int, window: Int, weights: FixedPointWeights, symmetric: Bool, memoryBytes: Int,
         denseBytes: Int, space: SpillSpace) {
        self.vocabularySize = vocabularySize
        self.window = window
        self.symmetric = symmetric
        self.weights = weights
        self.space = space
        units = .allocate(capacity: weights.units.count)
        for (d, u) in weights.units.enumerated() { units[d] = u }
        let share = max(memoryBytes, 1 << 14)
        let product = DenseTable.product(vocabularySize: vocabularySize, symmetric: symmetric,
                                         maxBytes: min(denseBytes, share * 2 / 5), target: Int(Int32.max))
        let table = DenseTable(vocabularySize: vocabularySize, symmetric: symmetric, product: product)
        self.table = table
        let tableBytes = DenseTable.bytes(vocabularySize: vocabularySize, symmetric: symmetric, product: product)
        let eventCapacity = min(max(share / 5 / 16, 256), 1 << 24)
        events = PairEventBuffer(capacity: eventCapacity, vocabularySize: vocabularySize, window: window)
        runBudget = max(share - tableBytes - PairEventBuffer.bytes(capacity: eventCapacity), 0)
    }

    deinit { units.deallocate() }

    /// Bytes held by the dense table and the runs in memory.
    var residentBytes: Int {
        (table.map { $0.cellCount * 4 + $0.vocabularySize * MemoryLayout<DenseTable.Row>.stride } ?? 0) + memoryRunBytes
    }

    /// Counts one line (a document): ids[0 ..< n], 0-based, all known. With `from` > 0 the first `from` ids
    /// are context carried over from the previous piece of the same line: only pairs whose later word is at
    /// `from` or after are counted (the others were counted with that piece).
    func add(_ ids: UnsafePointer<Int32>, count n: Int, from: Int = 0) throws {
        guard n > 1, n > from, let table = table, let events = events else { return }
        let window = self.window
        func pairsBefore(_ m: Int) -> Int { m > window ? (m - window) * window + window * (window - 1) / 2 : m * max(m - 1, 0) / 2 }
        pairs += Int64(pairsBefore(n) - pairsBefore(from))
        // The loop runs once per pair of the corpus: everything it touches is a local.
        let rows = table.rows, cells = table.cells, units = self.units
        let buffer = events.storage, capacity = events.capacity
        let rowShift = events.rowShift, columnShift = events.columnShift
        var used = events.count
        defer { events.count = used }
        if symmetric {
            for p in max(1, from)..<n {
                let x = ids[p]
                var q = p > window ? p - window : 0
                while q < p {
                    let y = ids[q]
                    let a = min(x, y), b = max(x, y)
                    let d = p - q
                    let row = rows[Int(a)]
                    if Int(b) < row.limit {
                        let c = row.offset + Int(b)
                        let (sum, overflow) = cells[c].addingReportingOverflow(units[d])
                        if overflow { table.carry(cell: c, a: a, b: b, units: units[d]) } else { cells[c] = sum }
                    } else {
                        if used + 2 > capacity { events.count = used; try flushEvents(); used = 0 }
                        buffer[used] = PairEventBuffer.pack(a, b, d, rowShift: rowShift, columnShift: columnShift)
                        buffer[used + 1] = PairEventBuffer.pack(b, a, d, rowShift: rowShift, columnShift: columnShift)
                        used += 2
                    }
                    q += 1
                }
            }
        } else {
            // Left context only: X[center][word on its left].
            for p in max(1, from)..<n {
                let x = ids[p]
                let row = rows[Int(x)]
                var q = p > window ? p - window : 0
                while q < p {
                    let y = ids[q]
                    let d = p - q
                    if Int(y) < row.limit {
                        let c = row.offset + Int(y)
                        let (sum, overflow) = cells[c].addingReportingOverflow(units[d])
                        if overflow { table.carry(cell: c, a: x, b: y, units: units[d]) } else { cells[c] = sum }
                    } else {
                        if used + 1 > capacity { events.count = used; try flushEvents(); used = 0 }
                        buffer[used] = PairEventBuffer.pack(x, y, d, rowShift: rowShift, columnShift: columnShift)
                        used += 1
                    }
                    q += 1
                }
            }
        }
    }

    /// Sorts and sums the buffered events into a run; keeps it in memory when the runs' share allows, else
    /// merges it with the runs in memory into one run on disk.
    func flushEvents() throws {
        guard let events = events, !events.isEmpty else { return }
        let (entries, n) = events.reduce(units: units)
        if memoryRunBytes + n * RunEntry.byteSize <= runBudget {
            memoryRuns.append(MemoryRun(copying: entries, count: n))
            memoryRunBytes += n * RunEntry.byteSize
            return
        }
        let sources = memoryRuns.map { $0.source() } + [MemorySource(entries, count: n)]
        diskRuns.append(try RunMerger.mergeToDisk(sources, space: space))
        memoryRuns = []
        memoryRunBytes = 0
        spills += 1
    }

    /// Ends counting: flushes the events and frees their buffer.
    func finishCounting() throws {
        try flushEvents()
        events = nil
    }

    var isCounting: Bool { events != nil }

    /// Records the table and the runs can produce at most.
    func recordEstimate() -> Int {
        (table?.recordCount() ?? 0) + (table?.carries.count ?? 0)
            + memoryRuns.reduce(0) { $0 + $1.count } + diskRuns.reduce(0) { $0 + $1.count }
    }

    /// Frees the dense table and the runs in memory (after the final merge).
    func release() {
        table = nil
        memoryRuns = []
        memoryRunBytes = 0
    }
}
