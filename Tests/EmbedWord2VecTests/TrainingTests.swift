// Role: end-to-end training tests on corpora with planted structure (words of a topic share lines): every loss
// and both architectures learn it far beyond chance; one thread with a seed is byte-for-byte reproducible;
// an interrupted run resumed from its checkpoint ends exactly where an uninterrupted run does.
import EmbedCore
import EmbedTestSupport
import EmbedCorpus
import EmbedVectors
import Foundation
import EmbedKernels
import EmbedStreams
import EmbedVocabulary
import XCTest
@testable import EmbedWord2Vec

/// Writes a corpus of `lines` lines, each of `length` words drawn from one of `groups` topics of `size` words.
func plantedCorpus(groups: Int, size: Int, lines: Int, length: Int, seed: UInt64, in folder: TemporaryFolder) throws -> String {
    var rng = FastRandom(seed: seed)
    var text = ""
    for _ in 0..<lines {
        let g = rng.next(below: groups)
        text += (0..<length).map { _ in "g\(g)w\(rng.next(below: size))" }.joined(separator: " ") + "\n"
    }
    let path = folder.file("planted.txt")
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    return path
}

/// Reads, counts, encodes and trains; returns the trainer (finished or stopped).
func train(_ path: String, _ options: SkipGramSettings, minCount: Int = 1) throws -> SkipGramTrainer {
    let reader = try CorpusReader(inputs: [path])
    let vocabulary = try Vocabulary.build(from: reader, minCount: minCount)
    let model = try SkipGramModel(settings: options, vocabulary: vocabulary)
    let corpus = try EncodedCorpus.encode(reader, vocabulary: vocabulary)
    let trainer = SkipGramTrainer(model: model, corpus: corpus)
    _ = try trainer.run(SilentObserver())
    return trainer
}

/// Fraction of words whose nearest neighbour (cosine) belongs to the same topic.
func sameTopicNeighbourRate(_ e: WordVectors) -> Double {
    var v = e.vectors
    v.withUnsafeMutableBufferPointer { VectorMath.normalizeRows($0.baseAddress!, rows: e.count, e.dimension) }
    let topic = e.words.map { $0.split(separator: "w")[0] }
    var hits = 0
    v.withUnsafeBufferPointer { m in
        for i in 0..<e.count {
            var best = -2.0 as Float, arg = -1
            for j in 0..<e.count where j != i {
                let c = VectorMath.dot(m.baseAddress! + i * e.dimension, m.baseAddress! + j * e.dimension, e.dimension)
                if c > best { best = c; arg = j }
            }
            if topic[arg] == topic[i] { hits += 1 }
        }
    }
    return Double(hits) / Double(e.count)
}

/// Stops (as on SIGINT) at some point, saves a checkpoint, loads it and finishes: identical to one run. Checks where
/// the stop landed (mid-line or at a line end) when `midLine` is given; returns the checkpoint read back.
@discardableResult
func checkResume(_ o: SkipGramSettings, stopAfter: Int64, lineLength: Int, midLine: Bool?,
                 file: StaticString = #filePath, line: UInt = #line) throws -> SkipGramCheckpoint {
    let folder = try TemporaryFolder()
    let path = try plantedCorpus(groups: 5, size: 6, lines: 60, length: lineLength, seed: 3, in: folder)
    let straight = try train(path, o).model.input.unpadded()

    var stopping = o
    stopping.stopAfterTokens = stopAfter
    let reader = try CorpusReader(inputs: [path])
    let vocabulary = try Vocabulary.build(from: reader, minCount: 1)
    let first = SkipGramTrainer(model: try SkipGramModel(settings: stopping, vocabulary: vocabulary),
                                corpus: try EncodedCorpus.encode(reader, vocabulary: vocabulary))
    let checkpoint = folder.file("run.checkpoint")
    first.checkpoint = CheckpointPolicy(path: checkpoint)
    let outcome = try first.run(SilentObserver()).outcome
    XCTAssertEqual(outcome, .stopped(checkpoint: checkpoint), file: file, line: line)
    XCTAssertGreaterThan(first.fraction, 0.05, file: file, line: line)
    XCTAssertLessThan(first.fraction, 0.95, file: file, line: line)

    let saved = try SkipGramCheckpoint.load(path: checkpoint)
    XCTAssertEqual(saved.model.vocabulary.words, vocabulary.words, file: file, line: line)
    if let midLine {
        XCTAssertEqual(saved.header.workers[0].carry.isEmpty, !midLine, "where the stop landed", file: file, line: line)
    }
    let corpus = try EncodedCorpus.encode(try CorpusReader(inputs: [path]), vocabulary: saved.model.vocabulary)
    let resumed = try saved.trainer(corpus: corpus, checkpoint: nil)
    XCTAssertEqual(try resumed.run(SilentObserver()).outcome, .finished, file: file, line: line)
    XCTAssertEqual(resumed.model.input.unpadded(), straight, "resumed run differs", file: file, line: line)
    return saved
}

final class TrainingTests: XCTestCase {
    func small(_ loss: SkipGramLoss = .ns, cbow: Bool = false) -> SkipGramSettings {
        var o = SkipGramSettings()
        o.loss = loss; o.cbow = cbow
        o.dimension = 12; o.window = 3; o.negative = 4; o.epochs = 3; o.sample = 0; o.threads = 1; o.seed = 7
        return o
    }

    /// 10 topics of 8 words: chance of a same-topic nearest neighbour is 7/79 (9%); a binomial tail of 80 words
    /// reaching 75% by chance is below 1e-40.
    func checkLearnsTopics(_ o: SkipGramSettings, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 10, size: 8, lines: 300, length: 10, seed: 1, in: folder)
        let trainer = try train(path, o)
        let rate = sameTopicNeighbourRate(try trainer.model.wordVectors())
        if ProcessInfo.processInfo.environment["EMBED_TEST_VERBOSE"] != nil { print("same-topic rate", o.loss, o.cbow, rate) }
        XCTAssertGreaterThan(rate, 0.75, "same-topic nearest neighbours", file: file, line: line)
    }

    func testSkipGramNegativeSamplingLearnsTopics() throws { try checkLearnsTopics(small(.ns)) }
    func testSkipGramHierarchicalSoftmaxLearnsTopics() throws { try checkLearnsTopics(small(.hs)) }
    func testSkipGramFullSoftmaxLearnsTopics() throws {
        var o = small(.softmax)
        o.epochs = 2          // every step touches all 80 output rows: keep it short in debug builds
        try checkLearnsTopics(o)
    }
    func testSkipGramPairModeLearnsTopics() throws {
        var o = small(.ns)
        o.negativeSharing = .pair
        try checkLearnsTopics(o)
    }
    func testCBOWNegativeSamplingLearnsTopics() throws { try checkLearnsTopics(small(.ns, cbow: true)) }
    func testCBOWHierarchicalSoftmaxLearnsTopics() throws { try checkLearnsTopics(small(.hs, cbow: true)) }
    func testCBOWFullSoftmaxLearnsTopics() throws { try checkLearnsTopics(small(.softmax, cbow: true)) }
    func testTwoThreadsLearnTopics() throws {
        var o = small(.ns)
        o.threads = 2
        try checkLearnsTopics(o)
    }

    func vectors(_ t: SkipGramTrainer) -> [Float] { t.model.input.unpadded() }

    func testOneThreadIsReproducibleAndTheSeedMatters() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 5, size: 6, lines: 150, length: 8, seed: 2, in: folder)
        var o = small(.ns)
        o.sample = 1e-2
        let a = vectors(try train(path, o)), b = vectors(try train(path, o))
        XCTAssertEqual(a, b)
        o.seed = 8
        XCTAssertNotEqual(a, vectors(try train(path, o)))
    }

    func testResumeAtALineEndMatchesAnUninterruptedRun() throws {
        var o = small(.ns)
        o.sample = 1e-2
        try checkResume(o, stopAfter: 900, lineLength: 10, midLine: false)
    }

    func testResumeInsideALongLineMatchesAnUninterruptedRun() throws {
        var o = small(.hs, cbow: true)
        o.sample = 1e-2
        o.lineBuffer = 20          // lines of 100 words are trained in stretches; the stop lands mid-line
        try checkResume(o, stopAfter: 1234, lineLength: 100, midLine: true)
    }

    func testResumeWithBatchedFullSoftmaxMatchesAnUninterruptedRun() throws {
        try checkResume(small(.softmax), stopAfter: 700, lineLength: 10, midLine: false)
    }

    func testResumeRefusesAnotherCorpus() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 5, size: 6, lines: 60, length: 10, seed: 3, in: folder)
        var o = small(.ns)
        o.stopAfterTokens = 500
        let reader = try CorpusReader(inputs: [path])
        let vocabulary = try Vocabulary.build(from: reader, minCount: 1)
        let trainer = SkipGramTrainer(model: try SkipGramModel(settings: o, vocabulary: vocabulary),
                                      corpus: try EncodedCorpus.encode(reader, vocabulary: vocabulary))
        let checkpoint = folder.file("c")
        trainer.checkpoint = CheckpointPolicy(path: checkpoint)
        _ = try trainer.run(SilentObserver())
        let other = try plantedCorpus(groups: 5, size: 6, lines: 61, length: 10, seed: 3, in: folder)
        let saved = try SkipGramCheckpoint.load(path: checkpoint)
        let corpus = try EncodedCorpus.encode(try CorpusReader(inputs: [other]), vocabulary: saved.model.vocabulary)
        XCTAssertThrowsError(try saved.trainer(corpus: corpus, checkpoint: nil)) { XCTAssertTrue($0 is ResumeMismatch, "\($0)") }
        // A flipped byte anywhere is refused before any weight is used.
        let whole = [UInt8](try Data(contentsOf: URL(fileURLWithPath: checkpoint)))
        for offset in stride(from: 0, to: whole.count, by: max(1, whole.count / 101)) {
            var damaged = whole
            damaged[offset] ^= 0x04
            try Data(damaged).write(to: URL(fileURLWithPath: checkpoint))
            XCTAssertThrowsError(try SkipGramCheckpoint.load(path: checkpoint), "byte \(offset)") {
                XCTAssertTrue($0 is InputError, "byte \(offset): \($0)")
            }
        }
        try Data("not a checkpoint at all".utf8).write(to: URL(fileURLWithPath: checkpoint))
        XCTAssertThrowsError(try SkipGramCheckpoint.load(path: checkpoint)) { error in
            XCTAssertTrue("\(error)".contains("not a skip-gram checkpoint"), "\(error)")
        }
    }

    func testTheObserverSeesEveryEpochAndProgressNumbers() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 4, size: 5, lines: 80, length: 10, seed: 2, in: folder)
        var o = small(.ns)
        o.epochs = 4
        let reader = try CorpusReader(inputs: [path])
        let vocabulary = try Vocabulary.build(from: reader, minCount: 1)
        let trainer = SkipGramTrainer(model: try SkipGramModel(settings: o, vocabulary: vocabulary),
                                      corpus: try EncodedCorpus.encode(reader, vocabulary: vocabulary))
        let observer = RecordingObserver()
        let summary = try trainer.run(observer)
        XCTAssertEqual(summary.outcome, .finished)
        XCTAssertEqual(observer.epochs.map(\.epoch), [1, 2, 3, 4])
        XCTAssertTrue(observer.epochs.allSatisfy { $0.unit == "words" && $0.rate > 0 })
        let last = try XCTUnwrap(observer.reports.last)
        XCTAssertEqual(last.fraction, 1)
        XCTAssertEqual(last.done, Double(4 * trainer.corpus.tokenCount))
        XCTAssertEqual(summary.units, Double(4 * trainer.corpus.tokenCount))
    }

    func testSoftmaxRefusesLargeVocabulariesWithTheReason() throws {
        var o = SkipGramSettings()
        o.loss = .softmax
        o.softmaxLimit = 100
        XCTAssertThrowsError(try o.validate(vocabularySize: 101)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("101") && text.contains("softmaxLimit") && text.contains("every"), text)
        }
        XCTAssertNoThrow(try o.validate(vocabularySize: 100))
    }
}
