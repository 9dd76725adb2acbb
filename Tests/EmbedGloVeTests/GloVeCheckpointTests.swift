// Role: checkpoint tests: resuming after a checkpoint taken at an epoch boundary or in the middle of an epoch
// reproduces the uninterrupted run's per-epoch costs and parameters; wrong settings or data are refused.
import EmbedCooccurrence
import EmbedGloVe
import XCTest

final class GloVeCheckpointTests: XCTestCase {
    private let words = 10
    private var records: [CooccurrenceRecord] { Synthetic.records(words: words) }

    private func trainer(_ o: GloVeOptions, resume: String? = nil) throws -> GloVeTrainer {
        let store = try RecordStore(records: records, words: words, options: o)
        let t = try resume.map { try GloVeTrainer(resumingFrom: $0, records: store, options: o) }
            ?? GloVeTrainer(records: store, options: o)
        t.chunkRecords = 9
        return t
    }

    private func uninterrupted(epochs: Int) throws -> GloVeTrainer {
        let t = try trainer(Synthetic.options(epochs: epochs))
        XCTAssertEqual(try t.train(), .finished)
        return t
    }

    func testResumeFromEpochCheckpointContinuesTheSameCurve() throws {
        let dir = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reference = try uninterrupted(epochs: 8)

        var o = Synthetic.options(epochs: 4)
        o.checkpointEvery = 2
        o.checkpointPath = dir + "/ckpt"
        let first = try trainer(o)
        XCTAssertEqual(try first.train(), .finished)
        o.epochs = 8
        let second = try trainer(o, resume: dir + "/ckpt")
        XCTAssertEqual(second.epochsDone, 4)
        XCTAssertEqual(try second.train(), .finished)
        XCTAssertEqual(second.history.map(\.cost), reference.history.map(\.cost))
        XCTAssertEqual(Array(second.parameters.bytes), Array(reference.parameters.bytes))
    }

    func testResumeAfterInterruptionMidEpochContinuesTheSameCurve() throws {
        let dir = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reference = try uninterrupted(epochs: 5)

        var o = Synthetic.options(epochs: 5)
        o.checkpointPath = dir + "/ckpt"
        let first = try trainer(o)
        final class Counter: @unchecked Sendable { var n = 0 }
        let polls = Counter()
        first.stopRequested = { polls.n += 1; return polls.n == 30 }   // in epoch 3 (12 chunks per epoch)
        XCTAssertEqual(try first.train(), .interrupted(epoch: 3, checkpoint: dir + "/ckpt"))
        XCTAssertEqual(first.epochsDone, 2)

        let second = try trainer(o, resume: dir + "/ckpt")
        XCTAssertEqual(try second.train(), .finished)
        XCTAssertEqual(second.history.map(\.cost), reference.history.map(\.cost))
        XCTAssertEqual(Array(second.parameters.bytes), Array(reference.parameters.bytes))
    }

    func testMidEpochCheckpointWithThreadsResumesWithOtherThreadCounts() throws {
        let dir = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var o = Synthetic.options(epochs: 3)
        o.threads = 2
        o.checkpointPath = dir + "/ckpt"
        let first = try trainer(o)
        // After epoch 1, let the epoch start and each thread train a chunk or two, then stop.
        final class Flag: @unchecked Sendable {
            let lock = NSLock()
            var armed = false, polls = 0
            func poll() -> Bool { lock.lock(); defer { lock.unlock() }; if armed { polls += 1 }; return polls > 3 }
        }
        let flag = Flag()
        first.onEpoch = { _ in flag.armed = true }
        first.stopRequested = { flag.poll() }
        XCTAssertEqual(try first.train(), .interrupted(epoch: 2, checkpoint: dir + "/ckpt"))
        o.threads = 1   // a different thread count goes on from the saved position
        let second = try trainer(o, resume: dir + "/ckpt")
        XCTAssertEqual(try second.train(), .finished)
        XCTAssertEqual(second.history.count, 3)
        XCTAssertLessThan(second.history[2].cost, second.history[0].cost)
    }

    func testResumeRefusesOtherSettingsOrData() throws {
        let dir = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var o = Synthetic.options(epochs: 1)
        o.checkpointEvery = 1
        o.checkpointPath = dir + "/ckpt"
        _ = try trainer(o).train()
        var other = o
        other.dimension = 6
        XCTAssertThrowsError(try trainer(other, resume: dir + "/ckpt")) {
            XCTAssertTrue("\($0)".contains("--dim 5 (not 6)"), "\($0)")
        }
        let fewer = try RecordStore(records: Array(records.dropLast()), words: words, options: o)
        XCTAssertThrowsError(try GloVeTrainer(resumingFrom: dir + "/ckpt", records: fewer, options: o)) {
            XCTAssertTrue("\($0)".contains("other co-occurrence data"), "\($0)")
        }
        try Data("not a checkpoint at all".utf8).write(to: URL(fileURLWithPath: dir + "/bad"))
        XCTAssertThrowsError(try trainer(o, resume: dir + "/bad")) {
            XCTAssertEqual("\($0)", "\(dir)/bad: not an embed GloVe checkpoint")
        }
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir + "/ckpt"))
        try whole.prefix(whole.count - 3).write(to: URL(fileURLWithPath: dir + "/short"))
        XCTAssertThrowsError(try trainer(o, resume: dir + "/short")) {
            XCTAssertEqual("\($0)", "\(dir)/short: checkpoint is truncated")
        }
    }
}
