// Role: tests tick ranges (1-2-5 steps enclosing the data within the tick budget) and tick labels.
import EmbedCore
import XCTest
import EmbedKernels
@testable import EmbedPlots

final class NiceScaleTests: XCTestCase {
    func testHandPickedRanges() {
        let a = NiceScale(min: 0, max: 9.3, maxTicks: 6)
        XCTAssertEqual(a.step, 2); XCTAssertEqual(a.ticks, [0, 2, 4, 6, 8, 10])
        let b = NiceScale(min: 0.013, max: 0.087, maxTicks: 6)
        XCTAssertEqual(b.step, 0.02, accuracy: 1e-15)
        XCTAssertEqual(b.ticks.map { b.label($0) }, ["0", "0.02", "0.04", "0.06", "0.08", "0.10"])
        let c = NiceScale(min: -3.2, max: 7.9, maxTicks: 5)
        XCTAssertEqual(c.step, 5); XCTAssertEqual(c.ticks, [-5, 0, 5, 10])
        let flat = NiceScale(min: 5, max: 5, maxTicks: 6)
        XCTAssertLessThan(flat.lower, 5); XCTAssertGreaterThan(flat.upper, 5)
    }

    func testStepIsOneTwoOrFive() {
        XCTAssertEqual(NiceScale.niceStep(atLeast: 0.3), 0.5, accuracy: 1e-15)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 1), 1)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 1.01), 2)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 2.5), 5)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 7), 10)
        XCTAssertEqual(NiceScale.niceStep(atLeast: 130_000), 200_000)
    }

    func testRandomRangesAreEnclosedWithinTheBudget() {
        var rng = FastRandom(seed: 7)
        for _ in 0..<2000 {
            let magnitude = pow(10, Double(rng.next(below: 16)) - 8)
            let a = (rng.nextDouble() * 2 - 1) * magnitude, b = (rng.nextDouble() * 2 - 1) * magnitude
            let maxTicks = 3 + rng.next(below: 8)
            let s = NiceScale(min: min(a, b), max: max(a, b), maxTicks: maxTicks)
            XCTAssertLessThanOrEqual(s.lower, min(a, b))
            XCTAssertGreaterThanOrEqual(s.upper, max(a, b))
            XCTAssertLessThanOrEqual(s.ticks.count, maxTicks, "\(a) \(b) \(maxTicks)")
            XCTAssertGreaterThanOrEqual(s.ticks.count, 2)
            let mantissa = s.step / pow(10, floor(log10(s.step)))
            XCTAssertTrue([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(s.step)")
            // Labels are distinct (enough decimals) for every tick.
            XCTAssertEqual(Set(s.ticks.map { s.label($0) }).count, s.ticks.count, "\(s.ticks.map { s.label($0) })")
        }
    }

    func testLabels() {
        let tenths = NiceScale(lower: 0, upper: 0.6, step: 0.1)
        XCTAssertEqual(tenths.ticks.map { tenths.label($0) }, ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6"])
        let big = NiceScale(lower: 500_000, upper: 750_000, step: 50_000)
        XCTAssertEqual(big.ticks.map { big.label($0) }, ["500k", "550k", "600k", "650k", "700k", "750k"])
        let millions = NiceScale(lower: 0, upper: 15_000_000, step: 5_000_000)
        XCTAssertEqual(millions.ticks.map { millions.label($0) }, ["0", "5M", "10M", "15M"])
        let negative = NiceScale(lower: -2, upper: 2, step: 1)
        XCTAssertEqual(negative.label(-1), "\u{2212}1")
        let tiny = NiceScale(lower: 0, upper: 4e-5, step: 1e-5)
        XCTAssertEqual(tiny.label(2e-5), "2e-05")
        let halves = NiceScale(lower: 14_000, upper: 16_000, step: 500)
        XCTAssertEqual(halves.label(14_500), "14.5k")
    }
}
