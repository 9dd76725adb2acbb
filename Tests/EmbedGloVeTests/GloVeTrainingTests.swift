// Role: tests of whole training runs: J driven near zero on an X made from known vectors, byte-identical runs
// with one thread, Hogwild threads, streaming equal to memory, divergence stopping with the epoch named, output rows.
import EmbedCore
import EmbedCooccurrence
import EmbedGloVe
import EmbedKernels
import EmbedTestSupport
import Foundation
import XCTest

final class GloVeTrainingTests: XCTestCase {
    func testTrainingDrivesCostNearZeroOnAnExactModel() throws {
        var o = Synthetic.options(dimension: 6, epochs: 150)
        o.eta = 0.1
        let store = try RecordStore(records: Synthetic.records(words: 12), words: 12, settings: o)
        let trainer = try GloVeTrainer(records: store, settings: o)
        let initial = trainer.model.cost(store.prepared!)
        XCTAssertEqual(try trainer.run(SilentObserver()).outcome, .finished)
        let final = trainer.model.cost(store.prepared!)
        XCTAssertEqual(trainer.history.count, 150)
        XCTAssertLessThan(final, initial * 1e-4, "J from \(initial) to \(final)")
        XCTAssertLessThan(final / Double(store.count), 1e-4)
        // The per-epoch cost (measured during the pass) goes down and ends close to the exact J.
        XCTAssertLessThan(trainer.history.last!.loss, trainer.history.first!.loss * 1e-3)
        XCTAssertEqual(trainer.history.last!.loss, final / Double(store.count), accuracy: 1e-4)
    }

    private func run(_ o: GloVeSettings, words: Int = 10) throws -> GloVeTrainer {
        let store = try RecordStore(records: Synthetic.records(words: words), words: words, settings: o)
        let trainer = try GloVeTrainer(records: store, settings: o)
        XCTAssertEqual(try trainer.run(SilentObserver()).outcome, .finished)
        return trainer
    }

    /// A time budget that cannot bind runs to its cap, the fixed run's bytes; a spent one trains a single epoch.
    func testTimeBudget() throws {
        let o = Synthetic.options(epochs: 2, seed: 3)
        var four = o
        four.epochs = 4
        let fixed = try run(four)
        let store = try RecordStore(records: Synthetic.records(words: 10), words: 10, settings: o)
        let roomy = try GloVeTrainer(records: store, settings: o)
        roomy.budget = EpochBudget(deadline: Date().addingTimeInterval(3600), maxEpochs: 4)
        XCTAssertEqual(try roomy.run(SilentObserver()).epochsRun, 4)
        XCTAssertEqual(roomy.history.map(\.epochs), [4, 4, 4, 4], "the planned count, as epochs end")
        XCTAssertEqual(Array(roomy.model.bytes), Array(fixed.model.bytes))
        let spent = try GloVeTrainer(records: store, settings: o)
        spent.budget = EpochBudget(deadline: Date().addingTimeInterval(-1), maxEpochs: 100)
        XCTAssertEqual(try spent.run(SilentObserver()).epochsRun, 1)
        XCTAssertEqual(spent.plannedEpochs, 1)
    }

    func testOneThreadIsByteIdenticalForASeed() throws {
        let o = Synthetic.options(epochs: 5, seed: 11)
        let a = try run(o), b = try run(o)
        XCTAssertEqual(Array(a.model.bytes), Array(b.model.bytes))
        XCTAssertEqual(a.history.map(\.loss), b.history.map(\.loss))
        var other = o
        other.seed = 12
        XCTAssertNotEqual(Array(try run(other).model.bytes), Array(a.model.bytes))
    }

    func testHogwildThreadsTrainToo() throws {
        var o = Synthetic.options(dimension: 6, epochs: 60)
        o.eta = 0.1
        o.threads = 2
        let t = try run(o, words: 16)
        XCTAssertLessThan(t.history.last!.loss, t.history.first!.loss * 1e-2)
    }

    func testStreamingFromFileEqualsMemoryInFileOrder() throws {
        let dir = try TestFolder()
        let records = Synthetic.records(words: 9)
        try Synthetic.write(records, to: dir.file("cooc.bin"))
        let o = Synthetic.options(epochs: 4)
        let memory = try GloVeTrainer(records: RecordStore(records: records, words: 9, settings: o, shuffle: false), settings: o)
        let streamed = try GloVeTrainer(records: RecordStore(path: dir.file("cooc.bin"), words: 9, settings: o, inMemory: false), settings: o)
        streamed.streamChunkRecords = 7
        XCTAssertFalse(streamed.records.isInMemory)
        _ = try memory.run(SilentObserver())
        _ = try streamed.run(SilentObserver())
        XCTAssertEqual(Array(memory.model.bytes), Array(streamed.model.bytes))
        // In memory from the file (shuffled by the seed) reads the same records.
        let loaded = try RecordStore(path: dir.file("cooc.bin"), words: 9, settings: o, inMemory: true)
        XCTAssertEqual(Set(loaded.prepared!.map { "\($0)" }), Set(memory.records.prepared!.map { "\($0)" }))
    }

    func testAbsurdLearningRateStopsNamingTheEpoch() throws {
        var o = Synthetic.options(epochs: 5)
        o.eta = 1e30
        let store = try RecordStore(records: Synthetic.records(words: 10), words: 10, settings: o)
        let trainer = try GloVeTrainer(records: store, settings: o)
        XCTAssertThrowsError(try trainer.run(SilentObserver())) { error in
            guard let d = error as? TrainingDiverged else { return XCTFail("\(error)") }
            XCTAssertTrue(d.epoch <= 2, "epoch \(d.epoch)")
            XCTAssertFalse(d.value.isFinite)
            XCTAssertEqual(d.rateSetting, "eta")
            XCTAssertTrue("\(error)".contains("in epoch \(d.epoch)"), "\(error)")
        }
    }

    func testOutputRowsAndUnknownVector() throws {
        let o = Synthetic.options(epochs: 2)
        let t = try run(o, words: 4)
        let p = t.model
        let words = ["a", "b", "c", "d"]
        let w = try p.wordVectors(words: words, output: .w, unknownRow: false)
        XCTAssertEqual(w.words, words)
        XCTAssertEqual(w.vector(for: "c")!, Array(UnsafeBufferPointer(start: p.word(2), count: o.dimension)))
        let wc = try p.wordVectors(words: words, output: .wPlusC, unknownRow: true)
        XCTAssertEqual(wc.words, words + ["<UNK>"])
        for k in 0..<o.dimension {
            XCTAssertEqual(wc.vector(for: "b")![k], p.word(1)[k] + p.context(1)[k])
            let mean = (0..<4).reduce(Float(0)) { $0 + wc.vector(at: $1)[k] } / 4
            XCTAssertEqual(wc.vector(for: "<UNK>")![k], mean, accuracy: 1e-6)
        }
    }

    func testInvalidOptionsAreRejected() {
        var o = GloVeSettings()
        o.eta = 0
        XCTAssertThrowsError(try o.validate()) { XCTAssertEqual("\($0)", "eta must be positive") }
        o = GloVeSettings()
        o.dimension = 0
        assertSettingError("dimension", "must be at least 1") { try o.validate() }
        o = GloVeSettings()
        o.dimension = 100_000_000
        assertSettingError("dimension", "needs") { try o.validate(words: 93_000) }
    }
}
