// Role: the same X whatever the memory bound: many spilled runs, multi-level merges with few open files, no
// dense table, several threads; scratch files are removed at the end and on failure.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedCooccurrence
import EmbedCorpus
import EmbedStreams
import EmbedVocabulary

final class SpillTests: XCTestCase {
    private let lines = randomLines(count: 300, vocabularySize: 200, maxLength: 50, seed: 7)

    private func run(_ s: CooccurrenceSettings, _ folder: TestFolder, _ name: String) throws -> ([CooccurrenceRecord], CooccurrenceSummary) {
        try countLines(lines, vocabularySize: 200, settings: s, folder: folder, name: name)
    }

    func testSameXWhateverTheMemoryBound() throws {
        let folder = try TestFolder()
        let scratch = try folder.makeFolder("tmp")
        for symmetric in [true, false] {
            var roomy = CooccurrenceSettings(window: 4, symmetric: symmetric, memoryBytes: 16 << 20, threads: 1)
            roomy.temporaryParent = scratch
            let (reference, big) = try run(roomy, folder, "roomy.bin")
            assertMatches(reference, Reference.count(lines, window: 4, symmetric: symmetric))
            XCTAssertEqual(big.spilledRuns, 0)

            // A tiny bound: a small dense table, 256-event buffers, runs spilled all the time, and with at
            // most 4 open files the runs are merged in several levels.
            var tiny = roomy
            tiny.memoryBytes = 20_000
            tiny.denseBytes = 4_000
            tiny.maxOpenFiles = 4
            let (small, summary) = try run(tiny, folder, "tiny.bin")
            XCTAssertGreaterThan(summary.spilledRuns, 10)
            XCTAssertGreaterThan(summary.intermediateMerges, 3)
            XCTAssertEqual(small, reference, "identical records, bit for bit")

            var noDense = roomy
            noDense.denseBytes = 0
            let (sparse, _) = try run(noDense, folder, "sparse.bin")
            XCTAssertEqual(sparse, reference)
            XCTAssertEqual(folder.contents("tmp"), [], "scratch files removed")
        }
    }

    func testThreadsGiveTheSameX() throws {
        let folder = try TestFolder()
        let scratch = try folder.makeFolder("tmp")
        let words = (0..<200).map { "w\($0)" }
        let text = lines.map { $0.map { words[Int($0)] }.joined(separator: " ") }.joined(separator: "\n")
        let corpus = try folder.write(text, to: "corpus.txt")
        let vocabulary = try Vocabulary(words: words, counts: Array(repeating: 1, count: 200), unknownCount: 0)
        let expected = Reference.count(lines, window: 3)
        for (threads, memory) in [(1, 8 << 20), (2, 8 << 20), (3, 60_000), (2, 30_000)] {
            var s = CooccurrenceSettings(window: 3, memoryBytes: memory, temporaryParent: scratch, threads: threads)
            s.maxOpenFiles = 6
            let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: s)
            try counter.count(corpus: try CorpusReader(inputs: [corpus]))
            let out = folder.file("t\(threads)-\(memory).bin")
            let summary = try counter.finish(sorted: out)
            assertMatches(try Records.read(out), expected)
            XCTAssertEqual(summary.records, Int64(expected.count))
            XCTAssertEqual(folder.contents("tmp"), [])
        }
    }

    func testScratchRemovedOnFailure() throws {
        let folder = try TestFolder()
        let scratch = try folder.makeFolder("tmp")
        let words = (0..<200).map { "w\($0)" }
        var text = lines.map { $0.map { words[Int($0)] }.joined(separator: " ") }.joined(separator: "\n")
        text += "\nw1 w2 \u{FFFD}"
        var bytes = Array(text.utf8)
        bytes.removeLast(3)
        bytes.append(0xFF)                                   // invalid UTF-8 on the last line
        let corpus = folder.file("bad.txt")
        try Data(bytes).write(to: URL(fileURLWithPath: corpus))
        let vocabulary = try Vocabulary(words: words, counts: Array(repeating: 1, count: 200), unknownCount: 0)
        for threads in [1, 2] {
            let s = CooccurrenceSettings(window: 3, memoryBytes: 30_000, temporaryParent: scratch, threads: threads)
            let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: s)
            XCTAssertThrowsError(try counter.count(corpus: try CorpusReader(inputs: [corpus]))) { error in
                XCTAssertEqual((error as? InputError)?.line, lines.count + 1)
            }
            XCTAssertEqual(folder.contents("tmp"), [], "spilled runs removed after a failure")
        }
    }
}
