// Role: tests of the vocabulary pass on several threads against one thread: the same counts over several files
// (plain and zstd), long lines read in pieces and chunks of a few bytes; errors name the file and line; pruning
// keeps the table within its bound and says so.
import EmbedCore
import EmbedCorpus
import EmbedStreams
import EmbedTestSupport
@testable import EmbedVocabulary
import XCTest

final class ParallelCountTests: XCTestCase {
    /// Every entry's count, as a dictionary.
    private func counts(_ c: WordCounter) -> [String: Int64] {
        var d: [String: Int64] = [:]
        for e in 0..<c.table.count { d[String(decoding: c.table.bytes(e), as: UTF8.self)] = c.counts[e] }
        return d
    }

    /// Two plain files and a zstd one of Zipf-like words, some lines longer than the 64-byte pieces.
    private func files(in dir: TemporaryFolder) throws -> [String] {
        var rng = SplitMix64(seed: 7)
        var paths: [String] = []
        for f in 0..<3 {
            var lines: [String] = []
            for _ in 0..<150 {
                let n = Int(rng.next() % 40)
                lines.append((0..<n).map { _ in "w\(Int(rng.next() % 60) * Int(rng.next() % 60) / 59)" }.joined(separator: " "))
            }
            lines.append("")
            let text = lines.joined(separator: "\n") + "\n"
            let path = dir.file(f == 2 ? "c.txt.zst" : "c\(f).txt")
            if f == 2 {
                let out = try AtomicOutput(path: path, compress: true)
                try out.write(text); try out.commit()
            } else {
                try text.write(toFile: path, atomically: false, encoding: .utf8)
            }
            paths.append(path)
        }
        return paths
    }

    private func reader(_ paths: [String]) throws -> CorpusReader {
        let r = try CorpusReader(inputs: paths)
        r.maxTokenBytes = 64
        return r
    }

    func testThreadsCountWhatOneThreadCounts() throws {
        let dir = try TemporaryFolder()
        let paths = try files(in: dir)
        let one = try WordCounter.count(try reader(paths))
        XCTAssertGreaterThan(one.totalTokens, 5_000)
        for threads in [2, 3] {
            for chunk in [16, 100, 1 << 20] {
                let many = try WordCounter.countInParallel(try reader(paths), maxEntries: 1000, observer: SilentObserver.shared,
                                                           threads: threads, chunkBytes: chunk)
                XCTAssertEqual(many.totalTokens, one.totalTokens, "threads \(threads), chunks of \(chunk) bytes")
                XCTAssertEqual(counts(many), counts(one), "threads \(threads), chunks of \(chunk) bytes")
                XCTAssertEqual(many.prunedBelow, 0)
            }
        }
        let v1 = try Vocabulary.build(from: try reader(paths), minCount: 2)
        let v2 = try Vocabulary.build(from: try reader(paths), minCount: 2, threads: 2)
        XCTAssertEqual(v2.words, v1.words)
        XCTAssertEqual(v2.counts, v1.counts)
        XCTAssertEqual(v2.unknownCount, v1.unknownCount)
    }

    func testAnInvalidLineIsNamedWithThreads() throws {
        let dir = try TemporaryFolder()
        let good = dir.file("a.txt"), bad = dir.file("b.txt")
        try String(repeating: "one two three\n", count: 500).write(toFile: good, atomically: false, encoding: .utf8)
        var bytes = Array(String(repeating: "four five\n", count: 300).utf8)
        bytes += [0x73, 0xFF, 0x0A] + Array("six\n".utf8)       // line 301 holds an invalid byte
        XCTAssertTrue(FileManager.default.createFile(atPath: bad, contents: Data(bytes)))
        XCTAssertThrowsError(try WordCounter.countInParallel(try CorpusReader(inputs: [good, bad]), maxEntries: 100,
                                                             observer: SilentObserver.shared, threads: 2, chunkBytes: 256)) { error in
            let e = error as? InputError
            XCTAssertEqual(e?.path, bad)
            XCTAssertEqual(e?.line, 301, "\(error)")
        }
    }

    func testPruningKeepsTheBoundAndSaysSo() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("c.txt")
        // 400 distinct rare words among two frequent ones.
        try (0..<400).map { "common w\($0) other common" }.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let observer = RecordingObserver()
        let c = try WordCounter.countInParallel(try CorpusReader(inputs: [path]), maxEntries: 60, observer: observer,
                                                threads: 2, chunkBytes: 64)
        XCTAssertLessThanOrEqual(c.table.count, 60)
        XCTAssertGreaterThan(c.prunedBelow, 0)
        XCTAssertEqual(c.totalTokens, 1600)
        XCTAssertEqual(counts(c)["common"], 800)
        XCTAssertEqual(counts(c)["other"], 400)
        XCTAssertEqual(observer.notices.count, 1, "\(observer.notices)")
    }
}
