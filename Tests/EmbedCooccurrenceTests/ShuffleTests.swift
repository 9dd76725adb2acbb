// Role: the shuffled records are a permutation of the sorted ones, reproducible by seed, in memory and through
// scratch buckets (scratch removed), and uniform: each record lands in each position about equally often.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedCooccurrence
import EmbedStreams

final class ShuffleTests: XCTestCase {
    private let lines = randomLines(count: 60, vocabularySize: 30, maxLength: 40, seed: 11)

    private func sortedByKey(_ r: [CooccurrenceRecord]) -> [CooccurrenceRecord] {
        r.sorted { ($0.i, $0.j) < ($1.i, $1.j) }
    }

    func testShuffledIsAPermutationOfSorted() throws {
        let folder = try TestFolder()
        let scratch = try folder.makeFolder("tmp")
        var outputs: [[CooccurrenceRecord]] = []
        for (memory, seed) in [(16 << 20, UInt64(1)), (16 << 20, 1), (16 << 20, 2), (20_000, 1)] {
            let s = CooccurrenceSettings(window: 3, memoryBytes: memory, temporaryParent: scratch, threads: 1)
            let counter = try CooccurrenceCounter(vocabularySize: 30, settings: s)
            for l in lines { try counter.add(line: l) }
            let summary = try counter.finish(sorted: folder.file("s.bin"), shuffled: folder.file("r.bin"), seed: seed)
            XCTAssertEqual(summary.shuffleSpilled, memory < 1 << 20)
            let sorted = try Records.read(folder.file("s.bin"))
            let shuffled = try Records.read(folder.file("r.bin"))
            XCTAssertGreaterThan(sorted.count, 300)
            XCTAssertNotEqual(shuffled, sorted)
            XCTAssertEqual(sortedByKey(shuffled), sorted)
            XCTAssertEqual(folder.contents("tmp"), [])
            outputs.append(shuffled)
        }
        XCTAssertEqual(outputs[0], outputs[1], "same seed, same order")
        XCTAssertNotEqual(outputs[0], outputs[2], "another seed, another order")
    }

    func testShuffleOnlyAndStandaloneShuffler() throws {
        let folder = try TestFolder()
        let counter = try CooccurrenceCounter(vocabularySize: 30, settings: CooccurrenceSettings(window: 3, threads: 1))
        for l in lines { try counter.add(line: l) }
        _ = try counter.finish(sorted: nil, shuffled: folder.file("only.bin"), seed: 5)
        let records = try Records.read(folder.file("only.bin"))
        let sorted = sortedByKey(records)
        try Records.write(sorted, to: folder.file("in.bin"))
        for memory in [64 << 20, 8_000] {
            let n = try Shuffler.shuffle(input: folder.file("in.bin"), output: folder.file("out.bin"), memoryBytes: memory,
                                         seed: 9, temporaryParent: folder.path, maxOpenFiles: 8)
            XCTAssertEqual(n, Int64(records.count))
            let out = try Records.read(folder.file("out.bin"))
            XCTAssertNotEqual(out, sorted)
            XCTAssertEqual(sortedByKey(out), sorted)
        }
        XCTAssertEqual(folder.contents().sorted(), ["in.bin", "only.bin", "out.bin"])
    }

    /// Position of record 0 among 5, over many seeds, through file buckets and the two-level in-memory path:
    /// every position should come up about 1/5 of the time (chi-square, 4 degrees of freedom).
    func testShuffleIsUniform() throws {
        let folder = try TestFolder()
        let space = SpillSpace(parent: folder.path)
        defer { space.remove() }
        let records = (0..<5).map { CooccurrenceRecord(i: Int32($0 + 1), j: 1, x: Double($0)) }
        for (memory, piece) in [(1 << 20, 1), (100, 1 << 10), (100, 1)] {
            var positions = [Int](repeating: 0, count: 5)
            let trials = 1000
            for seed in 0..<trials {
                let sink = try ShuffleSink(expectedRecords: 5, collectBytes: memory, finishBytes: memory, space: space,
                                           seed: UInt64(seed) &* 0x9E37_79B9, maxOpenFiles: 8)
                sink.pieceRecords = piece
                try records.withUnsafeBufferPointer { try sink.append($0.baseAddress!, count: 5) }
                var out: [CooccurrenceRecord] = []
                try sink.finish { out.append(contentsOf: $0) }
                XCTAssertEqual(sortedByKey(out), records)
                positions[out.firstIndex { $0.i == 1 }!] += 1
            }
            let expected = Double(trials) / 5
            let chi2 = positions.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
            XCTAssertLessThan(chi2, 18.5, "positions \(positions) (chi-square 18.5 is p = 0.001)")
        }
    }
}
