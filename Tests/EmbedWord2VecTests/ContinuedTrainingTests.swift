// Role: tests continued training: the saved model file round-trips and refuses damage; growing a model keeps
// old ids, rows and counts (plus the new corpus's), appends new words with word2vec's start, and moves subword
// buckets intact; zero epochs change nothing; a word first seen in the new corpus gets a vector among its
// topic's; an interrupted continued run resumes to the uninterrupted one; another shape is refused.
import EmbedCore
import EmbedCorpus
import EmbedStreams
import EmbedTestSupport
import EmbedVocabulary
import Foundation
import XCTest
@testable import EmbedWord2Vec

final class ContinuedTrainingTests: XCTestCase {
    func small(_ loss: SkipGramLoss = .ns, maxn: Int = 0) -> SkipGramSettings {
        var o = SkipGramSettings()
        o.loss = loss
        o.dimension = 12; o.window = 3; o.negative = 4; o.epochs = 3; o.sample = 0; o.threads = 1; o.seed = 7
        o.maxn = maxn; o.minn = 2; o.buckets = 97
        return o
    }

    /// Lines of `length` words from topics `topics` (6 words each, `g<topic>w<k>`).
    func corpus(_ name: String, topics: Range<Int>, lines: Int, length: Int = 10, seed: UInt64,
                in folder: TestFolder) throws -> String {
        var rng = FastRandom(seed: seed)
        var text = ""
        for _ in 0..<lines {
            let g = topics.lowerBound + rng.next(below: topics.count)
            text += (0..<length).map { _ in "g\(g)w\(rng.next(below: 6))" }.joined(separator: " ") + "\n"
        }
        return try folder.write(text, to: name)
    }

    func pipeline(_ o: SkipGramSettings, continuing: String? = nil) -> SkipGramPipeline {
        var p = SkipGramPipeline()
        p.settings = o; p.minCount = 1; p.continuing = continuing
        return p
    }

    func rows(_ m: WeightMatrix, _ range: Range<Int>) -> [Float] {
        range.flatMap { r in (0..<m.dimension).map { m.row(r)[$0] } }
    }

    func testSavedModelRoundTripsAndRefusesDamage() throws {
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 40, seed: 1, in: folder)
        let model = try pipeline(small(.hs)).train(corpus: try CorpusReader(inputs: [a])).trainer.model
        let path = folder.file("a.model")
        try model.save(to: path)
        let back = try SkipGramModel.load(path: path)
        XCTAssertEqual(back.settings, model.settings)
        XCTAssertEqual(back.vocabulary.words, model.vocabulary.words)
        XCTAssertEqual(back.vocabulary.counts, model.vocabulary.counts)
        XCTAssertEqual(back.input.unpadded(), model.input.unpadded())
        XCTAssertEqual(back.output.unpadded(), model.output.unpadded())
        XCTAssertEqual(try SkipGramModel.savedSettings(path: path), model.settings)
        let whole = try folder.bytes("a.model")
        for offset in stride(from: 0, to: whole.count, by: max(1, whole.count / 53)) {
            var damaged = whole
            damaged[offset] ^= 0x10
            _ = try folder.write(bytes: damaged, to: "a.model")
            XCTAssertThrowsError(try SkipGramModel.load(path: path), "byte \(offset)") { XCTAssertTrue($0 is InputError, "\($0)") }
        }
        _ = try folder.write("word 1 2\n", to: "a.model")
        XCTAssertThrowsError(try SkipGramModel.load(path: path)) { XCTAssertTrue("\($0)".contains("not a skip-gram model"), "\($0)") }
    }

    /// Old words keep ids, rows and counts (plus the new corpus's); new words follow in the new vocabulary's
    /// order with word2vec's start (inputs in (-0.5, 0.5) / dim, outputs zero); a subword model's buckets move intact.
    func checkGrowing(_ o: SkipGramSettings) throws {
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 40, seed: 1, in: folder)
        let b = try corpus("b.txt", topics: 2..<6, lines: 40, seed: 2, in: folder)
        let old = try pipeline(o).train(corpus: try CorpusReader(inputs: [a])).trainer.model
        let added = try Vocabulary.build(from: try CorpusReader(inputs: [b]), minCount: 1)
        var run = o
        run.epochs = 2; run.window = 2; run.seed = 99
        let grown = try old.grown(by: added, settings: run)
        let v = old.vocabulary.size
        XCTAssertEqual(Array(grown.vocabulary.words.prefix(v)), old.vocabulary.words)
        let newWords = added.words.filter { old.vocabulary.id(of: $0) == old.vocabulary.unknownID }
        XCTAssertFalse(newWords.isEmpty)
        XCTAssertEqual(Array(grown.vocabulary.words.dropFirst(v)), newWords)
        for (i, w) in grown.vocabulary.words.enumerated() {
            let before = i < v ? old.vocabulary.counts[i] : 0
            let now = added.id(of: w) == added.unknownID ? 0 : added.counts[Int(added.id(of: w))]
            XCTAssertEqual(grown.vocabulary.counts[i], before + now, w)
        }
        XCTAssertEqual(rows(grown.input, 0..<v), rows(old.input, 0..<v))
        let fresh = rows(grown.input, v..<grown.vocabulary.size)
        XCTAssertTrue(fresh.allSatisfy { abs($0) <= 0.5 / Float(o.dimension) } && fresh.contains { $0 != 0 })
        if let ngrams = o.ngrams {
            XCTAssertEqual(grown.input.rows, grown.vocabulary.size + ngrams.buckets)
            XCTAssertEqual(rows(grown.input, grown.vocabulary.size..<grown.input.rows), rows(old.input, v..<old.input.rows))
        }
        let keptOutputs = min(old.output.rows, grown.output.rows)
        XCTAssertEqual(rows(grown.output, 0..<keptOutputs), rows(old.output, 0..<keptOutputs))
        XCTAssertTrue(rows(grown.output, keptOutputs..<grown.output.rows).allSatisfy { $0 == 0 })
        XCTAssertEqual(grown.settings, run)
    }

    func testGrowingNegativeSamplingModel() throws { try checkGrowing(small(.ns)) }
    func testGrowingHierarchicalSoftmaxModel() throws { try checkGrowing(small(.hs)) }
    func testGrowingSubwordModel() throws { try checkGrowing(small(.ns, maxn: 3)) }

    func testZeroEpochsLeaveTheVectorsUnchanged() throws {
        for o in [small(.ns), small(.ns, maxn: 3)] {
            let folder = try TestFolder()
            let a = try corpus("a.txt", topics: 0..<4, lines: 40, seed: 1, in: folder)
            let b = try corpus("b.txt", topics: 2..<6, lines: 40, seed: 2, in: folder)
            let old = try pipeline(o).train(corpus: try CorpusReader(inputs: [a])).trainer.model
            try old.save(to: folder.file("a.model"))
            var zero = o
            zero.epochs = 0
            let result = try pipeline(zero, continuing: folder.file("a.model")).train(corpus: try CorpusReader(inputs: [b]))
            XCTAssertEqual(result.summary.outcome, .finished)
            let before = try old.wordVectors(), after = try result.trainer.model.wordVectors()
            XCTAssertGreaterThan(after.count, before.count)
            XCTAssertEqual(Array(after.vectors.prefix(before.vectors.count)), before.vectors, "maxn \(o.maxn)")
            XCTAssertEqual(result.trainer.model.output.unpadded(rows: old.output.rows), old.output.unpadded())
        }
        // Zero epochs from scratch would only write random vectors: refused.
        var zero = small()
        zero.epochs = 0
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 10, seed: 1, in: folder)
        assertSettingError("epochs") { _ = try pipeline(zero).train(corpus: try CorpusReader(inputs: [a])) }
    }

    /// Topics 4 and 5 appear only in the new corpus: after continuing, their words' nearest neighbours are in
    /// their own topic (chance: 5 of 35 other words), and the old topics' structure survives.
    func checkNewWordsLearnTheirTopic(_ o: SkipGramSettings) throws {
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 240, seed: 1, in: folder)
        let b = try corpus("b.txt", topics: 2..<6, lines: 240, seed: 2, in: folder)
        try pipeline(o).train(corpus: try CorpusReader(inputs: [a])).trainer.model.save(to: folder.file("a.model"))
        let model = try pipeline(o, continuing: folder.file("a.model")).train(corpus: try CorpusReader(inputs: [b])).trainer.model
        let vectors = try model.wordVectors()
        let rate = sameTopicNeighbourRate(vectors)
        XCTAssertGreaterThan(rate, 0.75, "loss \(o.loss), maxn \(o.maxn)")
        XCTAssertTrue(vectors.words.suffix(12).allSatisfy { $0.hasPrefix("g4") || $0.hasPrefix("g5") })
    }

    func testNewWordsLearnTheirTopicNegativeSampling() throws { try checkNewWordsLearnTheirTopic(small(.ns)) }
    func testNewWordsLearnTheirTopicHierarchicalSoftmax() throws { try checkNewWordsLearnTheirTopic(small(.hs)) }

    func testAnInterruptedContinuedRunResumesToTheSameModel() throws {
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 40, seed: 1, in: folder)
        let b = try corpus("b.txt", topics: 2..<6, lines: 60, seed: 2, in: folder)
        let o = small(.ns)
        try pipeline(o).train(corpus: try CorpusReader(inputs: [a])).trainer.model.save(to: folder.file("a.model"))
        let straight = try pipeline(o, continuing: folder.file("a.model")).train(corpus: try CorpusReader(inputs: [b]))
        var stopping = o
        stopping.stopAfterTokens = 700
        var first = pipeline(stopping, continuing: folder.file("a.model"))
        first.checkpoint = CheckpointPolicy(path: folder.file("b.checkpoint"))
        let stopped = try first.train(corpus: try CorpusReader(inputs: [b]))
        XCTAssertEqual(stopped.summary.outcome, .stopped(checkpoint: folder.file("b.checkpoint")))
        var again = pipeline(o, continuing: folder.file("a.model"))
        again.checkpoint = first.checkpoint
        again.resume = true
        let resumed = try again.train(corpus: try CorpusReader(inputs: [b]))
        XCTAssertEqual(resumed.summary.outcome, .finished)
        XCTAssertEqual(resumed.trainer.model.vocabulary.words, straight.trainer.model.vocabulary.words)
        XCTAssertEqual(resumed.trainer.model.input.unpadded(), straight.trainer.model.input.unpadded())
        XCTAssertEqual(resumed.trainer.model.output.unpadded(), straight.trainer.model.output.unpadded())
    }

    func testAnotherShapeIsRefused() throws {
        let folder = try TestFolder()
        let a = try corpus("a.txt", topics: 0..<4, lines: 20, seed: 1, in: folder)
        try pipeline(small()).train(corpus: try CorpusReader(inputs: [a])).trainer.model.save(to: folder.file("a.model"))
        var wider = small()
        wider.dimension = 16
        assertSettingError("dimension", "the model continued has 12") {
            _ = try pipeline(wider, continuing: folder.file("a.model")).train(corpus: try CorpusReader(inputs: [a]))
        }
        assertSettingError("loss") {
            _ = try pipeline(small(.hs), continuing: folder.file("a.model")).train(corpus: try CorpusReader(inputs: [a]))
        }
    }
}
