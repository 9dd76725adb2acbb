// Role: tests of whole training runs: J driven near zero on an X made from known vectors, byte-identical runs
// with one thread, Hogwild threads, streaming equal to memory, divergence stopping with the epoch named, output rows.
import EmbedCooccurrence
import EmbedGloVe
import EmbedKernels
import XCTest

final class GloVeTrainingTests: XCTestCase {
    func testTrainingDrivesCostNearZeroOnAnExactModel() throws {
        var o = Synthetic.options(dimension: 6, epochs: 150)
        o.eta = 0.1
        let store = try RecordStore(records: Synthetic.records(words: 12), words: 12, options: o)
        let trainer = try GloVeTrainer(records: store, options: o)
        let initial = trainer.parameters.cost(store.prepared!)
        XCTAssertEqual(try trainer.train(), .finished)
        let final = trainer.parameters.cost(store.prepared!)
        XCTAssertEqual(trainer.history.count, 150)
        XCTAssertLessThan(final, initial * 1e-4, "J from \(initial) to \(final)")
        XCTAssertLessThan(final / Double(store.count), 1e-4)
        // The per-epoch cost (measured during the pass) goes down and ends close to the exact J.
        XCTAssertLessThan(trainer.history.last!.cost, trainer.history.first!.cost * 1e-3)
        XCTAssertEqual(trainer.history.last!.cost, final / Double(store.count), accuracy: 1e-4)
    }

    private func run(_ o: GloVeOptions, words: Int = 10) throws -> GloVeTrainer {
        let store = try RecordStore(records: Synthetic.records(words: words), words: words, options: o)
        let trainer = try GloVeTrainer(records: store, options: o)
        XCTAssertEqual(try trainer.train(), .finished)
        return trainer
    }

    func testOneThreadIsByteIdenticalForASeed() throws {
        let o = Synthetic.options(epochs: 5, seed: 11)
        let a = try run(o), b = try run(o)
        XCTAssertEqual(Array(a.parameters.bytes), Array(b.parameters.bytes))
        XCTAssertEqual(a.history.map(\.cost), b.history.map(\.cost))
        var other = o
        other.seed = 12
        XCTAssertNotEqual(Array(try run(other).parameters.bytes), Array(a.parameters.bytes))
    }

    func testHogwildThreadsTrainToo() throws {
        var o = Synthetic.options(dimension: 6, epochs: 60)
        o.eta = 0.1
        o.threads = 2
        let t = try run(o, words: 16)
        XCTAssertLessThan(t.history.last!.cost, t.history.first!.cost * 1e-2)
    }

    func testStreamingFromFileEqualsMemoryInFileOrder() throws {
        let dir = try Synthetic.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let records = Synthetic.records(words: 9)
        try Synthetic.write(records, to: dir + "/cooc.bin")
        let o = Synthetic.options(epochs: 4)
        let memory = try GloVeTrainer(records: RecordStore(records: records, words: 9, options: o, shuffle: false), options: o)
        let streamed = try GloVeTrainer(records: RecordStore(path: dir + "/cooc.bin", words: 9, options: o, inMemory: false), options: o)
        streamed.streamChunkRecords = 7
        XCTAssertFalse(streamed.records.isInMemory)
        _ = try memory.train()
        _ = try streamed.train()
        XCTAssertEqual(Array(memory.parameters.bytes), Array(streamed.parameters.bytes))
        // In memory from the file (shuffled by the seed) reads the same records.
        let loaded = try RecordStore(path: dir + "/cooc.bin", words: 9, options: o, inMemory: true)
        XCTAssertEqual(Set(loaded.prepared!.map { "\($0)" }), Set(memory.records.prepared!.map { "\($0)" }))
    }

    func testAbsurdLearningRateStopsNamingTheEpoch() throws {
        var o = Synthetic.options(epochs: 5)
        o.eta = 1e30
        let store = try RecordStore(records: Synthetic.records(words: 10), words: 10, options: o)
        let trainer = try GloVeTrainer(records: store, options: o)
        XCTAssertThrowsError(try trainer.train()) { error in
            guard case GloVeError.diverged(let epoch, let cost) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(epoch <= 2, "epoch \(epoch)")
            XCTAssertFalse(cost.isFinite)
            XCTAssertTrue("\(error)".contains("in epoch \(epoch)"), "\(error)")
        }
    }

    func testOutputRowsAndUnknownVector() throws {
        let o = Synthetic.options(epochs: 2)
        let t = try run(o, words: 4)
        let p = t.parameters
        let words = ["a", "b", "c", "d"]
        let w = try p.embeddings(words: words, output: .w, unknownRow: false)
        XCTAssertEqual(w.words, words)
        XCTAssertEqual(w.vector(for: "c")!, Array(UnsafeBufferPointer(start: p.word(2), count: o.dimension)))
        let wc = try p.embeddings(words: words, output: .wPlusC, unknownRow: true)
        XCTAssertEqual(wc.words, words + ["<UNK>"])
        for k in 0..<o.dimension {
            XCTAssertEqual(wc.vector(for: "b")![k], p.word(1)[k] + p.context(1)[k])
            let mean = (0..<4).reduce(Float(0)) { $0 + wc.vector(at: $1)[k] } / 4
            XCTAssertEqual(wc.vector(for: "<UNK>")![k], mean, accuracy: 1e-6)
        }
    }

    func testInvalidOptionsAreRejected() {
        var o = GloVeOptions()
        o.eta = 0
        XCTAssertThrowsError(try o.validate()) { XCTAssertEqual("\($0)", "--eta must be positive") }
        o = GloVeOptions()
        o.dimension = 0
        XCTAssertThrowsError(try o.validate())
    }
}
