// Role: the pieces under the counter: radix sort against the standard sort, merges summing equal keys, the
// event buffer's reduce, and the dense table's two views (rows, and columns for the lower triangle).
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedCooccurrence

final class SortMergeTests: XCTestCase {
    func testRadixSortSortsOnTheGivenBitsStably() {
        var state: UInt64 = 42
        for (count, low, bits) in [(1, 0, 8), (1000, 0, 34), (5000, 4, 20), (3000, 3, 37), (700, 10, 1)] {
            let values: [UInt64] = (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return state >> 5
            }
            let a = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
            let b = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
            defer { a.deallocate(); b.deallocate() }
            a.initialize(from: values, count: count)
            let result = RadixSort.sort(a, scratch: b, count: count, lowBit: low, bitCount: bits)
            let mask: UInt64 = bits >= 64 ? ~0 : (1 << UInt64(bits)) - 1
            let keyed = values.enumerated().sorted {
                let (x, y) = (($0.element >> UInt64(low)) & mask, ($1.element >> UInt64(low)) & mask)
                return x != y ? x < y : $0.offset < $1.offset
            }.map(\.element)
            XCTAssertEqual(Array(UnsafeBufferPointer(start: result, count: count)), keyed, "\(count) values, bits \(low)..<\(low + bits)")
        }
    }

    func testEventBufferReducesToSortedSums() {
        let buffer = PairEventBuffer(capacity: 8, vocabularySize: 5, window: 3)
        let units: [UInt32] = [0, 6, 3, 2]
        for (i, j, d) in [(4, 0, 1), (1, 2, 3), (4, 0, 2), (0, 4, 1), (1, 2, 3)] as [(Int32, Int32, Int)] {
            buffer.storage[buffer.count] = PairEventBuffer.pack(i, j, d, rowShift: buffer.rowShift, columnShift: buffer.columnShift)
            buffer.count += 1
        }
        let (entries, n) = units.withUnsafeBufferPointer { buffer.reduce(units: $0.baseAddress!) }
        let got = (0..<n).map { [entries[2 * $0], entries[2 * $0 + 1]] }
        XCTAssertEqual(got, [[RunEntry.key(0, 4), 6], [RunEntry.key(1, 2), 4], [RunEntry.key(4, 0), 9]])
        XCTAssertTrue(buffer.isEmpty)
    }

    func testMergesSumEqualKeys() throws {
        let runs = [MemoryRun([1, 10, 5, 50, 9, 90]), MemoryRun([5, 1, 6, 2]), MemoryRun([0, 7, 9, 1]), MemoryRun([])]
        for group in [Array(runs[0...1]), runs] {
            var got: [UInt64] = []
            try RunMerger.merge(group.map { $0.source() }) { p, n in got += UnsafeBufferPointer(start: p, count: 2 * n) }
            XCTAssertEqual(got, group.count == 2 ? [1, 10, 5, 51, 6, 2, 9, 90] : [0, 7, 1, 10, 5, 51, 6, 2, 9, 91])
        }
    }

    func testDenseTableReadsRowsOfTheFullMatrix() throws {
        // Symmetric 4-word table with every pair dense: stored upper triangle, read back as full rows.
        let table = DenseTable(vocabularySize: 4, symmetric: true, product: 100)
        XCTAssertEqual(table.cellCount, 4 + 3 + 2 + 1)
        var expected: [UInt64: UInt64] = [:]
        for a in 0..<4 {
            for b in a..<4 where (a + b) % 2 == 0 || b == 3 {
                let r = table.rows[a]
                table.cells[r.offset + b] = UInt32(10 * a + b + 1)
                expected[RunEntry.key(a, b)] = UInt64(10 * a + b + 1) * (a == b ? 2 : 1)
                if a != b { expected[RunEntry.key(b, a)] = UInt64(10 * a + b + 1) }
            }
        }
        var got: [UInt64] = []
        try RunMerger.merge([DenseSource(table, blockEntries: 3)]) { p, n in got += UnsafeBufferPointer(start: p, count: 2 * n) }
        let pairs = stride(from: 0, to: got.count, by: 2).map { (got[$0], got[$0 + 1]) }
        XCTAssertEqual(pairs.map(\.0), expected.keys.sorted())
        for (k, v) in pairs { XCTAssertEqual(v, expected[k]) }
    }

    func testDenseCellOverflowCarries() {
        let table = DenseTable(vocabularySize: 2, symmetric: true, product: 100)
        let c = table.rows[0].offset + 1
        table.cells[c] = UInt32.max - 1
        table.carry(cell: c, a: 0, b: 1, units: 5)
        table.cells[c] = 7
        XCTAssertEqual(DenseTable.carryEntries(of: [table]), [RunEntry.key(0, 1), UInt64(UInt32.max) + 4, RunEntry.key(1, 0), UInt64(UInt32.max) + 4])
    }
}
