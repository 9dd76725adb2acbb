// Role: the choice of OpenBLAS kernels when its own detection fell back to SSE-era ones.
import EmbedCore
import EmbedTestSupport
import EmbedKernels
import XCTest

final class BLASCoreTests: XCTestCase {
    func testFallbackKernelsAreReplacedByTheBestTheCPUSupports() {
        let avx512: Set<Substring> = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl"]
        XCTAssertEqual(BLASCore.betterCoreType(current: "Prescott", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(BLASCore.betterCoreType(current: "Prescott", cpuFlags: ["sse2", "avx", "avx2", "fma"]), "Haswell")
        XCTAssertNil(BLASCore.betterCoreType(current: "Prescott", cpuFlags: ["sse2", "avx"]))
    }

    func testAVectorCoreChoiceIsKept() {
        XCTAssertNil(BLASCore.betterCoreType(current: "Haswell", cpuFlags: ["avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl"]))
        XCTAssertNil(BLASCore.betterCoreType(current: "SkylakeX", cpuFlags: ["avx2", "fma"]))
    }

    func testTheLoadedLibraryReportsACore() {
        XCTAssertFalse(BLASCore.name.isEmpty)
    }
}
