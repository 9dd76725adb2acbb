// Role: checkpoint tests: resuming after a checkpoint taken at an epoch boundary or in the middle of an epoch
// reproduces the uninterrupted run's per-epoch costs and parameters; periodic checkpoints are taken; wrong
// settings, other data and damaged files are refused.
import EmbedCooccurrence
import EmbedCore
import EmbedGloVe
import EmbedTestSupport
import XCTest

final class GloVeCheckpointTests: XCTestCase {
    private let words = 10
    private var records: [CooccurrenceRecord] { Synthetic.records(words: words) }

    private func trainer(_ o: GloVeSettings, checkpoint: String? = nil, every: TimeInterval? = nil,
                         resume: Bool = false) throws -> GloVeTrainer {
        let store = try RecordStore(records: records, words: words, settings: o)
        let policy = checkpoint.map { CheckpointPolicy(path: $0, every: every) }
        let t = resume ? try GloVeTrainer(resumingFrom: checkpoint!, records: store, settings: o, checkpoint: policy)
            : try GloVeTrainer(records: store, settings: o, checkpoint: policy)
        t.chunkRecords = 9
        return t
    }

    private func uninterrupted(epochs: Int) throws -> GloVeTrainer {
        let t = try trainer(Synthetic.options(epochs: epochs))
        XCTAssertEqual(try t.run(SilentObserver()).outcome, .finished)
        return t
    }

    func testResumeFromEpochCheckpointContinuesTheSameCurve() throws {
        let dir = try TestFolder()
        let reference = try uninterrupted(epochs: 8)

        var o = Synthetic.options(epochs: 8)
        let first = try trainer(o, checkpoint: dir.file("ckpt"))
        // Stop at the first poll after epoch 4 ended: the checkpoint is at an epoch boundary.
        let observer = RecordingObserver()
        observer.stopWhen = { $0.epochs.count == 4 }
        XCTAssertEqual(try first.run(observer).outcome, .stopped(checkpoint: dir.file("ckpt")))
        XCTAssertEqual(first.epochsDone, 4)
        XCTAssertEqual(observer.checkpoints, [dir.file("ckpt")])
        o.epochs = 8
        let second = try trainer(o, checkpoint: dir.file("ckpt"), resume: true)
        XCTAssertEqual(second.epochsDone, 4)
        XCTAssertEqual(try second.run(SilentObserver()).outcome, .finished)
        XCTAssertEqual(second.history.map(\.loss), reference.history.map(\.loss))
        XCTAssertEqual(Array(second.model.bytes), Array(reference.model.bytes))
    }

    func testResumeAfterInterruptionMidEpochContinuesTheSameCurve() throws {
        let dir = try TestFolder()
        let reference = try uninterrupted(epochs: 5)

        let o = Synthetic.options(epochs: 5)
        let first = try trainer(o, checkpoint: dir.file("ckpt"))
        // 12 chunks per epoch: the 30th poll is inside epoch 3.
        XCTAssertEqual(try first.run(RecordingObserver(stopAtPoll: 30)).outcome, .stopped(checkpoint: dir.file("ckpt")))
        XCTAssertEqual(first.epochsDone, 2)

        let second = try trainer(o, checkpoint: dir.file("ckpt"), resume: true)
        XCTAssertEqual(try second.run(SilentObserver()).outcome, .finished)
        XCTAssertEqual(second.history.map(\.loss), reference.history.map(\.loss))
        XCTAssertEqual(Array(second.model.bytes), Array(reference.model.bytes))
    }

    func testPeriodicCheckpointsFollowProgressAndResumeExactly() throws {
        let dir = try TestFolder()
        let reference = try uninterrupted(epochs: 3)
        // every: 0 saves after each chunk of records (and at each epoch end): each save moved forward.
        let observer = RecordingObserver()
        let first = try trainer(Synthetic.options(epochs: 3), checkpoint: dir.file("ckpt"), every: 0)
        XCTAssertEqual(try first.run(observer).outcome, .finished)
        XCTAssertGreaterThanOrEqual(observer.checkpoints.count, 3 * 11)
        XCTAssertEqual(Array(first.model.bytes), Array(reference.model.bytes), "saving does not change the run")
    }

    func testMidEpochCheckpointWithThreadsResumesWithOtherThreadCounts() throws {
        let dir = try TestFolder()
        var o = Synthetic.options(epochs: 3)
        o.threads = 2
        let first = try trainer(o, checkpoint: dir.file("ckpt"))
        // After epoch 1, let the epoch start and each thread train a chunk or two, then stop.
        let observer = RecordingObserver()
        let pollsBefore = 12 + 1   // the chunks of epoch 1 and the poll before epoch 2
        observer.stopWhen = { $0.epochs.count >= 1 && $0.polls > pollsBefore + 3 }
        XCTAssertEqual(try first.run(observer).outcome, .stopped(checkpoint: dir.file("ckpt")))
        o.threads = 1   // a different thread count goes on from the saved position
        let second = try trainer(o, checkpoint: dir.file("ckpt"), resume: true)
        XCTAssertEqual(try second.run(SilentObserver()).outcome, .finished)
        XCTAssertEqual(second.history.count, 3)
        XCTAssertLessThan(second.history[2].loss, second.history[0].loss)
    }

    func testResumeRefusesOtherSettingsOrDataOrDamagedFiles() throws {
        let dir = try TestFolder()
        let o = Synthetic.options(epochs: 1)
        let t = try trainer(o, checkpoint: dir.file("ckpt"))
        _ = try t.run(SilentObserver())
        try t.saveCheckpoint(to: dir.file("ckpt"))
        var other = o
        other.dimension = 6
        XCTAssertThrowsError(try trainer(other, checkpoint: dir.file("ckpt"), resume: true)) {
            XCTAssertEqual(($0 as? ResumeMismatch)?.differences, [.init(setting: "dimension", now: "6", saved: "5")], "\($0)")
        }
        let fewer = try RecordStore(records: Array(records.dropLast()), words: words, settings: o)
        XCTAssertThrowsError(try GloVeTrainer(resumingFrom: dir.file("ckpt"), records: fewer, settings: o)) {
            XCTAssertTrue("\($0)".contains("other co-occurrence data"), "\($0)")
        }
        let bad = try dir.write("not a checkpoint at all", to: "bad")
        assertInputError(bad, line: nil, "not a GloVe checkpoint") {
            _ = try trainer(o, checkpoint: bad, resume: true)
        }
        let whole = try dir.bytes("ckpt")
        let short = try dir.write(bytes: Array(whole.prefix(whole.count - 3)), to: "short")
        assertInputError(short, line: nil, "truncated") { _ = try trainer(o, checkpoint: short, resume: true) }
        // Every single flipped byte is refused (checksum, or an inconsistent header).
        for offset in stride(from: 0, to: whole.count, by: max(1, whole.count / 97)) {
            var damaged = whole
            damaged[offset] ^= 0x20
            let path = try dir.write(bytes: damaged, to: "flip")
            XCTAssertThrowsError(try trainer(o, checkpoint: path, resume: true), "byte \(offset)") {
                XCTAssertTrue($0 is InputError, "byte \(offset): \($0)")
            }
        }
    }
}
