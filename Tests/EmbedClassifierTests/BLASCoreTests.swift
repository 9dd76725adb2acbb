// Role: the choice of OpenBLAS kernels when its own detection fell back to SSE-era ones.
import EmbedCore
import EmbedTestSupport
import EmbedKernels
import XCTest

final class BLASCoreTests: XCTestCase {
    func testFallbackKernelsAreReplacedByTheWidestTheCPURuns() {
        XCTAssertEqual(BLASCore.betterCoreType(current: "Prescott", widest: .avx512), "SkylakeX")
        XCTAssertEqual(BLASCore.betterCoreType(current: "nehalem", widest: .avx2), "Haswell")
        XCTAssertNil(BLASCore.betterCoreType(current: "Prescott", widest: .baseline))
    }

    func testAVectorCoreChoiceIsKept() {
        XCTAssertNil(BLASCore.betterCoreType(current: "Haswell", widest: .avx512))
        XCTAssertNil(BLASCore.betterCoreType(current: "SkylakeX", widest: .avx2))
    }

    func testTheLoadedLibraryReportsACore() {
        XCTAssertFalse(BLASCore.name.isEmpty)
    }
}
