// Role: the embedding layer: a (words + 2) x dimension table (row 0 padding, rows 1...words the vectors,
// last row <UNK>), row lookup for a packed batch, and a sparse gradient over the rows a batch touched.
import EmbedCore

/// The classifier's embedding layer: a (words + 2) x dimension table (row 0 padding, rows 1...words the vectors,
/// the last row `<UNK>`), with a sparse gradient over the rows the last batch touched.
public final class EmbeddingTable<T: NetworkScalar> {
    /// The number of rows: the words plus the padding row and the `<UNK>` row.
    public let rows: Int
    /// The number of values per row (the vector dimension).
    public let dimension: Int
    /// rows x dimension values.
    public let values: UnsafeMutablePointer<T>

    // Sparse gradient: the distinct rows of the last batch and one gradient row each.
    private var slotOfRow: [Int32] = []
    /// The distinct rows of the last batch whose gradient was accumulated, in first-use order.
    public private(set) var touchedRows: [Int32] = []
    private let gradientRows = Scratch<T>()

    /// A zero table.
    public init(rows: Int, dimension: Int) {
        self.rows = rows
        self.dimension = dimension
        values = .allocate(capacity: rows * dimension)
        values.initialize(repeating: 0, count: rows * dimension)
    }

    /// Padding row 0 and the <UNK> row are zero; `vectors` (count x dimension) fills the rows in between.
    public convenience init<S: BinaryFloatingPoint>(vectors: UnsafeBufferPointer<S>, dimension: Int) {
        precondition(vectors.count % dimension == 0)
        self.init(rows: vectors.count / dimension + 2, dimension: dimension)
        let body = values + dimension
        for i in 0..<vectors.count { body[i] = T(vectors[i]) }
    }

    deinit { values.deallocate() }

    /// Row of the unknown word.
    public var unknownRow: Int32 { Int32(rows - 1) }

    /// out[r] = table[ids[r]] for each row of the batch.
    func gather(_ ids: [Int32], into out: UnsafeMutablePointer<T>) {
        let d = dimension
        for (r, id) in ids.enumerated() { (out + r * d).update(from: values + Int(id) * d, count: d) }
    }

    /// Sums the per-position gradients `dX` (one row per id) into one gradient row per distinct id.
    func accumulateGradient(ids: [Int32], dX: UnsafePointer<T>) {
        let d = dimension
        if slotOfRow.isEmpty { slotOfRow = [Int32](repeating: -1, count: rows) }
        for id in touchedRows { slotOfRow[Int(id)] = -1 }
        touchedRows.removeAll(keepingCapacity: true)
        for id in ids where slotOfRow[Int(id)] < 0 {
            slotOfRow[Int(id)] = Int32(touchedRows.count)
            touchedRows.append(id)
        }
        let g = gradientRows.reserve(touchedRows.count * d)
        g.update(repeating: 0, count: touchedRows.count * d)
        for (r, id) in ids.enumerated() {
            let row = g + Int(slotOfRow[Int(id)]) * d, src = dX + r * d
            for k in 0..<d { row[k] += src[k] }
        }
    }

    /// Gradient row of touchedRows[slot].
    public func gradient(slot: Int) -> UnsafeMutablePointer<T> { gradientRows.pointer + slot * dimension }

    /// The gradient of table row `row` from the last batch (zero when the batch did not use it).
    public func gradient(row: Int) -> [T] {
        guard !slotOfRow.isEmpty, slotOfRow[row] >= 0 else { return [T](repeating: 0, count: dimension) }
        return Array(UnsafeBufferPointer(start: gradient(slot: Int(slotOfRow[row])), count: dimension))
    }

    /// Forgets the sparse gradient (when the embedding is frozen, nothing is accumulated).
    /// Writes nothing when no row was touched, so replicas sharing a frozen table may call it concurrently.
    func clearGradient() {
        guard !touchedRows.isEmpty else { return }
        for id in touchedRows { slotOfRow[Int(id)] = -1 }
        touchedRows.removeAll(keepingCapacity: true)
    }
}
