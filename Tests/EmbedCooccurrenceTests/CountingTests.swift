// Role: X computed by hand for small texts: window edges, line boundaries, the diagonal, symmetric and
// left-only modes, harmonic and flat weights, and unknown words removed before distances are counted.
import EmbedCore
import EmbedTestSupport
import XCTest
@testable import EmbedCooccurrence
import EmbedCorpus
import EmbedStreams
import EmbedVocabulary

final class CountingTests: XCTestCase {
    // Words a, b, c have ids 0, 1, 2 (1-based 1, 2, 3 in the records).
    private let abca: [Int32] = [0, 1, 2, 0]

    private func settings(window: Int, weighting: CooccurrenceWeighting = .harmonic, symmetric: Bool = true) -> CooccurrenceSettings {
        CooccurrenceSettings(window: window, weighting: weighting, symmetric: symmetric, memoryBytes: 8 << 20, threads: 1)
    }

    func testSymmetricHarmonicByHand() throws {
        let folder = try TestFolder()
        // "a b c a" and "b c", window 2: the two a's are 3 apart (outside the window).
        // a-b: d=1 (pos 0,1) and d=2 (pos 1,3) -> 1.5; a-c: d=2 (0,2) and d=1 (2,3) -> 1.5; b-c: 1 + 1 (second line).
        let (records, summary) = try countLines([abca, [1, 2]], vocabularySize: 3, settings: settings(window: 2), folder: folder)
        assertMatches(records, [Pair(i: 1, j: 2): 1.5, Pair(i: 1, j: 3): 1.5, Pair(i: 2, j: 1): 1.5,
                                Pair(i: 2, j: 3): 2, Pair(i: 3, j: 1): 1.5, Pair(i: 3, j: 2): 2])
        XCTAssertEqual(summary.records, 6)
        XCTAssertEqual(summary.pairs, 5 + 1)
    }

    func testWindowEdgeAndDiagonal() throws {
        let folder = try TestFolder()
        // Window 3 reaches the two a's (d = 3): each occurrence sees the other, so X_aa = 2 * 1/3.
        let (records, _) = try countLines([abca], vocabularySize: 3, settings: settings(window: 3), folder: folder)
        let x = Records.dictionary(records)
        XCTAssertEqual(x[Pair(i: 1, j: 1)]!, 2.0 / 3.0, accuracy: 1e-15)
        XCTAssertEqual(x[Pair(i: 1, j: 2)]!, 1 + 0.5, accuracy: 1e-15)
        XCTAssertEqual(records.count, 7)
        // Window 1: only neighbours.
        let (near, _) = try countLines([abca], vocabularySize: 3, settings: settings(window: 1), folder: folder, name: "w1.bin")
        assertMatches(near, [Pair(i: 1, j: 2): 1, Pair(i: 2, j: 1): 1, Pair(i: 2, j: 3): 1, Pair(i: 3, j: 2): 1,
                             Pair(i: 3, j: 1): 1, Pair(i: 1, j: 3): 1])
    }

    func testLinesAreNeverCrossed() throws {
        let folder = try TestFolder()
        // "a b" / "c" / "" / "c a": b-c and c-c would pair if lines were joined.
        let (records, summary) = try countLines([[0, 1], [2], [], [2, 0]], vocabularySize: 3, settings: settings(window: 5), folder: folder)
        assertMatches(records, [Pair(i: 1, j: 2): 1, Pair(i: 2, j: 1): 1, Pair(i: 1, j: 3): 1, Pair(i: 3, j: 1): 1])
        XCTAssertEqual(summary.lines, 4)
    }

    func testLeftContextOnly() throws {
        let folder = try TestFolder()
        // X[word][word on its left]: b<-a d1, c<-a d2, c<-b d1, a<-b d2, a<-c d1.
        let (records, _) = try countLines([abca], vocabularySize: 3, settings: settings(window: 2, symmetric: false), folder: folder)
        assertMatches(records, [Pair(i: 2, j: 1): 1, Pair(i: 3, j: 1): 0.5, Pair(i: 3, j: 2): 1,
                                Pair(i: 1, j: 2): 0.5, Pair(i: 1, j: 3): 1])
        // The same word twice within the window counts once in left mode.
        let (same, _) = try countLines([[1, 1]], vocabularySize: 3, settings: settings(window: 2, symmetric: false), folder: folder, name: "s.bin")
        assertMatches(same, [Pair(i: 2, j: 2): 1])
    }

    func testFlatWeights() throws {
        let folder = try TestFolder()
        let (records, _) = try countLines([abca, [1, 2]], vocabularySize: 3, settings: settings(window: 2, weighting: .flat), folder: folder)
        assertMatches(records, [Pair(i: 1, j: 2): 2, Pair(i: 1, j: 3): 2, Pair(i: 2, j: 1): 2,
                                Pair(i: 2, j: 3): 2, Pair(i: 3, j: 1): 2, Pair(i: 3, j: 2): 2])
    }

    func testLargeWindowWeightsAreRoundedFinely() throws {
        let folder = try TestFolder()
        let lines = randomLines(count: 20, vocabularySize: 15, maxLength: 60, seed: 3)
        var s = settings(window: 25)
        s.denseBytes = 512
        let counter = try CooccurrenceCounter(vocabularySize: 15, settings: s)
        XCTAssertFalse(counter.exactWeights)
        for l in lines { try counter.add(line: l) }
        _ = try counter.finish(sorted: folder.file("x.bin"))
        let expected = Reference.count(lines, window: 25)
        let got = try Records.read(folder.file("x.bin"))
        XCTAssertEqual(got.map { Pair(i: $0.i, j: $0.j) }, expected.keys.sorted())
        for r in got { XCTAssertEqual(r.x, expected[Pair(i: r.i, j: r.j)]!, accuracy: 1e-6 * expected[Pair(i: r.i, j: r.j)]!) }
    }

    func testUnknownWordsAreRemovedBeforeDistances() throws {
        let folder = try TestFolder()
        let corpusPath = try folder.write("a zz b\nb q q c\nzz\n", to: "corpus.txt")
        let vocabulary = try Vocabulary(words: ["a", "b", "c"], counts: [3, 2, 1], unknownCount: 4)
        for threads in [1, 2, 3] {
            var s = settings(window: 1)
            s.threads = threads
            let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: s)
            try counter.count(corpus: try CorpusReader(inputs: [corpusPath]))
            let summary = try counter.finish(sorted: folder.file("x\(threads).bin"))
            // Without zz, a and b are neighbours; without q q, so are b and c. <UNK> (id 4) never appears.
            assertMatches(try Records.read(folder.file("x\(threads).bin")),
                          [Pair(i: 1, j: 2): 1, Pair(i: 2, j: 1): 1, Pair(i: 2, j: 3): 1, Pair(i: 3, j: 2): 1])
            XCTAssertEqual(summary.tokens, 8)
            XCTAssertEqual(summary.lines, 3)
        }
    }

    func testBadIdsAndSettingsAreTypedErrors() throws {
        assertSettingError("window", "must be at least 1") {
            _ = try CooccurrenceCounter(vocabularySize: 3, settings: settings(window: 0))
        }
        let counter = try CooccurrenceCounter(vocabularySize: 3, settings: settings(window: 2))
        XCTAssertThrowsError(try counter.add(line: [0, 3])) { XCTAssertTrue($0 is InputError, "\($0)") }
        XCTAssertThrowsError(try counter.finish(sorted: nil, shuffled: nil)) { XCTAssertTrue($0 is StateError, "\($0)") }
    }
}
