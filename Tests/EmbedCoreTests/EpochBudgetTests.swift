// Role: tests the time budget's epoch planning against hand-worked cases: what fits before the deadline,
// never fewer than the epoch in progress, never more than the cap, and an unknown speed.
import EmbedCore
import Foundation
import XCTest

final class EpochBudgetTests: XCTestCase {
    func testEpochsThatFitBeforeTheDeadline() {
        let now = Date(timeIntervalSince1970: 1000)
        let budget = EpochBudget(deadline: now.addingTimeInterval(100), maxEpochs: 50)
        // 0.4 epochs done, 10 s per epoch, 100 s left: 0.4 + 10 = 10.4 -> 10 epochs.
        XCTAssertEqual(budget.epochs(done: 0.4, secondsPerEpoch: 10, now: now), 10)
        // Exactly at a boundary: 3 done + 100 / 25 = 7.
        XCTAssertEqual(budget.epochs(done: 3, secondsPerEpoch: 25, now: now), 7)
        // Too slow for even the current one to end in time: the epoch in progress still finishes.
        XCTAssertEqual(budget.epochs(done: 2.5, secondsPerEpoch: 1000, now: now), 3)
        XCTAssertEqual(budget.epochs(done: 0.1, secondsPerEpoch: 1000, now: now), 1)
        // Past the deadline: nothing more than the epoch in progress (none when at a boundary).
        XCTAssertEqual(budget.epochs(done: 4, secondsPerEpoch: 10, now: now.addingTimeInterval(500)), 4)
        // Fast: capped.
        XCTAssertEqual(budget.epochs(done: 1, secondsPerEpoch: 0.01, now: now), 50)
        // Speed unknown (nothing measured yet): the epoch in progress only.
        XCTAssertEqual(budget.epochs(done: 0, secondsPerEpoch: .infinity, now: now), 1)
        XCTAssertEqual(budget.epochs(done: 0, secondsPerEpoch: 0, now: now), 1)
    }
}
