// Role: LargeAllocation on both of its paths (heap below 2 MB, mmap with huge pages requested from 2 MB on):
// zero-filled, 64-byte aligned, writable to the last byte.
import EmbedCore
import XCTest

final class LargeAllocationTests: XCTestCase {
    func testBothPathsAreZeroAlignedAndWritable() {
        for bytes in [0, 1, 100, (1 << 21) - 1, 1 << 21, 3 << 21] {
            let a = LargeAllocation(bytes: bytes)
            let n = max(bytes, 1)
            XCTAssertEqual(a.bytes, n)
            XCTAssertEqual(Int(bitPattern: a.base) % 64, 0, "\(bytes) bytes")
            let p = a.pointer(to: UInt8.self)
            XCTAssertTrue((0..<n).allSatisfy { p[$0] == 0 }, "\(bytes) bytes not zero")
            p[n - 1] = 7
            XCTAssertEqual(p[n - 1], 7)
        }
    }
}
