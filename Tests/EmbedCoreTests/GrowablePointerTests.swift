// Role: tests of the pointer-buffer growth the hot loops share: elements kept, capacity doubled until the need
// fits, nothing done when it already fits.
import EmbedCore
import XCTest

final class GrowablePointerTests: XCTestCase {
    func testGrowingKeepsTheElementsInUseAndDoublesUntilTheNeedFits() {
        var capacity = 3
        var p = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer { p.deallocate() }
        for i in 0..<3 { p[i] = Int32(10 + i) }
        UnsafeMutablePointer.grow(&p, capacity: &capacity, keeping: 2, toHold: 13)
        XCTAssertEqual(capacity, 24, "3 doubled until it holds 13")
        XCTAssertEqual([p[0], p[1]], [10, 11])
        p[23] = 7                                           // the whole new capacity is writable
        let before = p
        UnsafeMutablePointer.grow(&p, capacity: &capacity, keeping: 24, toHold: 24)
        XCTAssertEqual(capacity, 24)
        XCTAssertEqual(p, before, "a need that fits moves nothing")
    }
}
