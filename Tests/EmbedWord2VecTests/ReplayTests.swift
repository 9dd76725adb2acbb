// Role: replayed old text in a continued run (`SkipGramPipeline.replay`, `ReplaySample`): whole lines kept at
// about the fraction asked, the same ones every time; the replay joins the training stream (token counts by
// hand) but adds no words or counts; an old word that only the replay mentions learns, and without it does not.
import EmbedCore
import EmbedCorpus
import EmbedTestSupport
import EmbedVocabulary
import XCTest
@testable import EmbedWord2Vec

extension ContinuedTrainingTests {
    func testReplaySampleKeepsWholeLinesAtAboutTheFraction() {
        var all = ReplaySample(fraction: 1)
        XCTAssertTrue((0..<1000).allSatisfy { _ in all.keepsPiece(endsLine: true) })
        var sample = ReplaySample(fraction: 0.3)
        var kept = 0
        for line in 0..<10_000 {
            let pieces = (0..<3).map { sample.keepsPiece(endsLine: $0 == 2) }
            XCTAssertEqual(Set(pieces).count, 1, "line \(line) cut in two")
            XCTAssertEqual(pieces[0], ReplaySample.keeps(line: UInt64(line), fraction: 0.3))
            if pieces[0] { kept += 1 }
        }
        XCTAssertTrue((2_700...3_300).contains(kept), "\(kept) of 10,000 lines kept at 0.3")
    }

    func testReplayJoinsTheStreamButAddsNoWordsOrCounts() throws {
        var o = small()
        o.epochs = 2
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 60, seed: 1, in: folder)
        let b = try corpus("b.txt", topics: 2..<6, lines: 60, seed: 2, in: folder)
        let old = try pipeline(o).train(corpus: try CorpusReader(inputs: [a])).trainer.model
        try old.save(to: folder.file("a.model"))
        func continued(replay: Double?) throws -> (SkipGramModel, Int64) {
            var p = pipeline(o, continuing: folder.file("a.model"))
            if let fraction = replay { p.replay = try CorpusReader(inputs: [a]); p.replayFraction = fraction }
            let trainer = try p.train(corpus: try CorpusReader(inputs: [b])).trainer
            return (trainer.model, trainer.corpus.tokenCount)
        }
        let (plain, plainTokens) = try continued(replay: nil)
        let (replayed, replayedTokens) = try continued(replay: 1)
        let (half, halfTokens) = try continued(replay: 0.5)
        XCTAssertEqual(plainTokens, 600)                                   // 60 lines of 10 known words
        XCTAssertEqual(replayedTokens, 1200)
        let keptLines = (0..<60).filter { ReplaySample.keeps(line: UInt64($0), fraction: 0.5) }.count
        XCTAssertEqual(halfTokens, Int64(600 + 10 * keptLines))
        for model in [replayed, half] {
            XCTAssertEqual(model.vocabulary.words, plain.vocabulary.words)
            XCTAssertEqual(model.vocabulary.counts, plain.vocabulary.counts)
        }
        // Topic 0 is only in the old text: its rows stay as they were unless the old text is replayed.
        let id = Int(old.vocabulary.id(of: "g0w1"))
        XCTAssertLessThan(id, old.vocabulary.size)
        XCTAssertEqual(rows(plain.input, id..<id + 1), rows(old.input, id..<id + 1))
        XCTAssertNotEqual(rows(replayed.input, id..<id + 1), rows(old.input, id..<id + 1))
    }

    func testReplayNeedsAContinuedModelAndAFractionInRange() throws {
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 20, seed: 1, in: folder)
        try pipeline(small()).train(corpus: try CorpusReader(inputs: [a])).trainer.model.save(to: folder.file("a.model"))
        var fresh = pipeline(small())
        fresh.replay = try CorpusReader(inputs: [a])
        assertSettingError("replay") { _ = try fresh.train(corpus: try CorpusReader(inputs: [a])) }
        for fraction in [0, -0.5, 1.5, .nan] {
            var p = pipeline(small(), continuing: folder.file("a.model"))
            p.replay = try CorpusReader(inputs: [a]); p.replayFraction = fraction
            assertSettingError("replayFraction") { _ = try p.train(corpus: try CorpusReader(inputs: [a])) }
        }
    }
}
