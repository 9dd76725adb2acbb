// Role: tests of the shared core against published values: FNV-1a 64 test vectors, SplitMix64's reference
// output, the word-wise FNV used by checksums, memory checks and the messages of the typed errors.
import EmbedCore
import EmbedTestSupport
import XCTest

final class CoreTests: XCTestCase {
    func testFNV1a64MatchesThePublishedTestVectors() {
        // From the FNV reference (isthe.com/chongo/tech/comp/fnv): "" -> offset basis, "a", "foobar".
        func fnv(_ s: String) -> UInt64 {
            var h = FNV1a64()
            Array(s.utf8).withUnsafeBytes { h.add($0) }
            return h.value
        }
        XCTAssertEqual(fnv(""), 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(fnv("a"), 0xAF63_DC4C_8601_EC8C)
        XCTAssertEqual(fnv("foobar"), 0x8594_4171_F739_67E8)
    }

    func testWordWiseChecksumChangesWithEveryByteAndIsPieceIndependent() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var whole = FNV1a64()
        bytes.withUnsafeBytes { whole.addWords($0) }
        for i in stride(from: 0, to: bytes.count, by: 7) {
            var changed = bytes
            changed[i] ^= 1
            var h = FNV1a64()
            changed.withUnsafeBytes { h.addWords($0) }
            XCTAssertNotEqual(h.value, whole.value, "byte \(i)")
        }
    }

    func testSplitMix64MatchesTheReferenceImplementation() {
        // Vigna's splitmix64.c with x = 0: the first three outputs.
        var g = SplitMix64(seed: 0)
        XCTAssertEqual(g.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(g.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(g.next(), 0x06C4_5D18_8009_454F)
    }

    func testShufflesArePermutationsReproducibleFromTheSeed() {
        var a = Array(0..<100), b = Array(0..<100)
        var g1 = SplitMix64(seed: 9), g2 = SplitMix64(seed: 9)
        g1.shuffle(&a)
        g2.shuffle(&b)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.sorted(), Array(0..<100))
        XCTAssertNotEqual(a, Array(0..<100))
        var c = Array(0..<100)
        var f = FastRandom(seed: 9)
        f.shuffle(&c)
        XCTAssertEqual(c.sorted(), Array(0..<100))
    }

    func testMemoryCheckRefusesWhatDoesNotFitWithTheSettingNamed() {
        let bytes = MemoryCheck.bytes(93_000, 100_000_000, size: 4)
        XCTAssertEqual(bytes, 3.72e13)
        assertSettingError("dimension", "needs 37 TB for 93,000 rows; this machine has 24 GB available") {
            try MemoryCheck.require(bytes, setting: "dimension", value: 100_000_000, for: "for 93,000 rows", available: 24e9)
        }
        XCTAssertNoThrow(try MemoryCheck.require(1e9, setting: "dimension", value: 1, for: "", available: 24e9))
        XCTAssertEqual(MemoryCheck.grouped(1_234_567), "1,234,567")
        XCTAssertEqual(MemoryCheck.grouped(12), "12")
        XCTAssertEqual(MemoryCheck.gigabytes(37.2e9), "37 GB")
        XCTAssertEqual(MemoryCheck.gigabytes(2.5e9), "2.5 GB")
    }

    func testErrorMessagesNameTheSettingOrTheFile() {
        XCTAssertEqual("\(SettingError("dimension", "must be at least 1"))", "dimension must be at least 1")
        XCTAssertEqual(SettingError("dimension", "needs 4 GB", value: "9").message(naming: "--dim"), "--dim 9 needs 4 GB")
        XCTAssertEqual("\(InputError("bad row", path: "v.txt", line: 3))", "v.txt:3: bad row")
        let m = ResumeMismatch(path: "c.ckpt", differences: [.init(setting: "epochs", now: "4", saved: "5")])
        XCTAssertEqual(m.message(naming: { "--" + $0 }), "c.ckpt: cannot resume: settings differ from the saved run's: --epochs 4 (saved: 5)")
        let d = TrainingDiverged(epoch: 2, learningRate: 1e30, value: .nan, rateSetting: "alpha")
        XCTAssertEqual(d.message(naming: "--alpha"),
                       "training diverged in epoch 2: the loss became NaN at learning rate 1e+30; nothing was written: try a smaller --alpha")
    }

    func testProgressMeterPacesReportsAndPassesStopRequests() throws {
        let observer = RecordingObserver()
        var meter = ProgressMeter(observer, task: "vocabulary", unit: "tokens")
        for i in 1...1000 { meter.report(done: Double(i), fraction: Double(i) / 1000) }
        XCTAssertEqual(observer.reports.count, 1, "at most one report per 0.1 s (the first)")
        meter.report(done: 1000, fraction: 1, force: true)
        XCTAssertEqual(observer.reports.last?.fraction, 1)
        XCTAssertNoThrow(try meter.checkStop())
        observer.stopWhen = { _ in true }
        XCTAssertThrowsError(try meter.checkStop()) { XCTAssertEqual($0 as? Stopped, Stopped(task: "vocabulary")) }
    }
}
