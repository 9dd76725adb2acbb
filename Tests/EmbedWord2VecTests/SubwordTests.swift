// Role: fastText's subword model in the skip-gram trainer: each word's input rows (its own, then its n-gram
// buckets), the mean-input step checked against finite differences (skip-gram with several context targets in
// fastText's order, CBOW over every row of every context word), topics learned and carried to words never seen,
// resume exactness, and the model as a fastText file (read back with the same vectors, and by the real fastText when present).
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

final class SubwordTests: XCTestCase {
    let dim = 11, stride = 16
    let rate: Float = 0.01

    func subwordSettings(cbow: Bool = false, loss: SkipGramLoss = .ns) -> SkipGramSettings {
        var o = SkipGramSettings()
        o.loss = loss; o.cbow = cbow
        o.dimension = 12; o.window = 3; o.negative = 4; o.epochs = 3; o.sample = 0; o.threads = 1; o.seed = 7
        o.minn = 2; o.maxn = 4; o.buckets = 5_000
        return o
    }

    /// The rows of "ab" with n-grams of 2...3 characters, worked out by hand: `<a`, `<ab`, `ab`, `ab>`, `b>`
    /// (fastText's order: by start, then length; `<` and `>` alone are never n-grams), each hashed with FNV-1a.
    func testEachWordHasItsOwnRowThenItsNgramBuckets() throws {
        func fnv(_ s: String) -> Int {
            var h: UInt32 = 2_166_136_261
            for b in s.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }   // ASCII: the sign extension changes nothing
            return Int(h % 1000)
        }
        let rows = try SubwordRows(words: ["xy", "ab"], ngrams: CharacterNgrams(minn: 2, maxn: 3, buckets: 1000))
        let ab = (Int(rows.offsets[1])..<Int(rows.offsets[2])).map { Int(rows.rows[$0]) }
        XCTAssertEqual(ab, [1] + ["<a", "<ab", "ab", "ab>", "b>"].map { 2 + fnv($0) })
        XCTAssertEqual(Int(rows.offsets[0]), 0)
        XCTAssertEqual(Int(rows.rows[0]), 0, "a word's first row is its own")
        XCTAssertEqual(rows.longest, 6)
        XCTAssertEqual(rows.mostRows(ofWords: 2), 12)
    }

    /// Negative-sampling steps whose output rows are all distinct across `targets`, from some generator state.
    func distinctGenerator(_ loss: NegativeSamplingLoss, targets: [Int32]) -> FastRandom {
        var seed: UInt64 = 1
        while true {
            var r = FastRandom(seed: seed)
            var all: [Int32] = []
            for t in targets {
                all += loss.outputIDs(target: t, rng: r)
                for _ in 0..<loss.negative { _ = loss.sampler.draw(&r) }
            }
            if Set(all).count == all.count { return FastRandom(seed: seed) }
            seed += 1
        }
    }

    /// fastText's order, worked out in Double with finite differences: the targets one after another; for
    /// target t, h = the mean of the rows as the steps before left them, every row moves by -rate * dL_t/dh and
    /// each of t's output rows by -rate * dL_t/do. The rate is large, so that taking every gradient at the
    /// rows before all the steps (one summed step) would miss by far more than the tolerance.
    func checkMeanInputStep(inputIDs: [Int], targets: [Int32], file: StaticString = #filePath, line: UInt = #line) {
        let rate: Float = 0.5
        var rng = FastRandom(seed: 3)
        let v = 60
        let counts = (0..<v).map { Int64(1000 / ($0 + 1)) + 1 }
        let input = WeightMatrix(rows: v + 40, dimension: dim, stride: stride)
        let output = WeightMatrix(rows: v, dimension: dim, stride: stride)
        fill(input, &rng); fill(output, &rng)
        let loss = NegativeSamplingLoss(output: output, sampler: NoiseSampler(counts: counts), negative: 3, maxInputs: 1)
        var gen = distinctGenerator(loss, targets: targets)
        var probe = gen
        var outIDs: [[Int]] = []
        for t in targets {
            outIDs.append(loss.outputIDs(target: t, rng: probe).map { Int($0) })
            for _ in 0..<loss.negative { _ = loss.sampler.draw(&probe) }
        }
        var x = snapshot(input, inputIDs), o = outIDs.map { snapshot(output, $0) }
        var expectedLoss = 0.0
        for t in outIDs.indices {
            let labels = outIDs[t].indices.map { $0 == 0 ? 1.0 : 0.0 }
            let h = (0..<dim).map { c in x.reduce(0) { $0 + $1[c] } / Double(x.count) }
            expectedLoss += logisticLoss(inputs: [h], outputs: o[t], labels: labels)
            let gh = numericGradient([h]) { logisticLoss(inputs: $0, outputs: o[t], labels: labels) }[0]
            let go = numericGradient(o[t]) { logisticLoss(inputs: [h], outputs: $0, labels: labels) }
            for k in x.indices { for c in 0..<dim { x[k][c] -= Double(rate) * gh[c] } }
            for k in o[t].indices { for c in 0..<dim { o[t][k][c] -= Double(rate) * go[k][c] } }
        }
        var rows = inputIDs.map { input.row($0) }
        let scratch = (0..<3).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: stride) }
        defer { scratch.forEach { $0.deallocate() } }
        let l = targets.withUnsafeBufferPointer { t in
            MeanInputStep.run(loss, rows: &rows, count: inputIDs.count, targets: t.baseAddress!, targetCount: t.count,
                              hidden: scratch[0], scratch: scratch[1], step: scratch[2], stride: stride, rate: rate,
                              rng: &gen, computeLoss: true)
        }
        XCTAssertEqual(Double(l), expectedLoss, accuracy: 1e-4 * max(1, expectedLoss), "loss", file: file, line: line)
        for (k, id) in inputIDs.enumerated() {
            for c in 0..<dim {
                XCTAssertEqual(Double(input.row(id)[c]), x[k][c], accuracy: 1e-4 * max(1, abs(x[k][c])),
                               "input row \(id)", file: file, line: line)
            }
        }
        for (t, ids) in outIDs.enumerated() {
            for (k, id) in ids.enumerated() {
                for c in 0..<dim {
                    XCTAssertEqual(Double(output.row(id)[c]), o[t][k][c], accuracy: 1e-4 * max(1, abs(o[t][k][c])),
                                   "output row \(id)", file: file, line: line)
                }
            }
        }
    }

    /// Skip-gram with subwords: a word's own row and 4 n-gram rows (ids past the vocabulary) predict 3 contexts.
    func testSubwordSkipGramStepIsTheGradientOfTheWindowsLoss() {
        checkMeanInputStep(inputIDs: [7, 61, 75, 88, 93], targets: [2, 11, 30])
    }

    /// CBOW with subwords: every row of two context words (own rows and n-grams) predicts the centre.
    func testSubwordCBOWStepIsTheGradientOfTheCentresLoss() {
        checkMeanInputStep(inputIDs: [4, 66, 70, 9, 80, 99], targets: [17])
    }

    /// Shared negatives: one input h against 3 targets and one set of noise rows, each noise row weighted by 3:
    /// f = sum_c -log sigmoid(h.u_c) + 3 sum_n -log sigmoid(-h.u_n). The input's step (into `step`, the input
    /// left alone) and the output rows' steps are -rate times f's gradient.
    func testSharedNegativesStepIsTheGradientOfTheWeightedWindowLoss() {
        var rng = FastRandom(seed: 9)
        let v = 50
        let output = WeightMatrix(rows: v, dimension: dim, stride: stride)
        fill(output, &rng)
        let loss = NegativeSamplingLoss(output: output, sampler: NoiseSampler(counts: (0..<v).map { Int64(500 / ($0 + 1)) + 1 }),
                                        negative: 4, maxInputs: 1, sharedTargets: 6)
        let targets: [Int32] = [3, 8, 20]
        var seed: UInt64 = 1, noise: [Int] = []
        while true {     // a generator whose 4 draws are distinct and none is a target
            var r = FastRandom(seed: seed)
            noise = (0..<4).map { _ in Int(loss.sampler.draw(&r)) }
            if Set(noise).count == 4 && noise.allSatisfy({ !targets.contains(Int32($0)) }) { break }
            seed += 1
        }
        var gen = FastRandom(seed: seed)
        let ids = targets.map { Int($0) } + noise
        let labels: [Double] = [1, 1, 1, 0, 0, 0, 0]
        var h = (0..<stride).map { $0 < dim ? Float($0 % 5) * 0.1 - 0.2 : 0 }
        let h0 = [h[0..<dim].map(Double.init)], o0 = snapshot(output, ids)
        func f(_ h: [[Double]], _ o: [[Double]]) -> Double {
            zip(o, labels).reduce(0) { sum, p in
                let s = dot(h[0], p.0)
                return sum + (p.1 > 0.5 ? -logSigmoid(s) : -3 * logSigmoid(-s))
            }
        }
        var step = [Float](repeating: 0, count: stride), scratch = [Float](repeating: 0, count: stride)
        let l = targets.withUnsafeBufferPointer { t in
            loss.step(input: &h, into: &step, targets: t.baseAddress!, targetCount: 3, rate: rate, scratch: &scratch,
                      length: stride, rng: &gen, computeLoss: true)
        }
        XCTAssertEqual(Double(l), f(h0, o0), accuracy: 1e-4 * f(h0, o0))
        XCTAssertEqual(h[0..<dim].map(Double.init), h0[0], "the input itself is left as it was")
        let gh = numericGradient(h0) { f($0, o0) }[0], go = numericGradient(o0) { f(h0, $0) }
        for c in 0..<dim { XCTAssertEqual(Double(step[c]) / -Double(rate), gh[c], accuracy: 2e-3 * max(1, abs(gh[c]))) }
        for (k, id) in ids.enumerated() {
            for c in 0..<dim {
                XCTAssertEqual((Double(output.row(id)[c]) - o0[k][c]) / -Double(rate), go[k][c],
                               accuracy: 2e-3 * max(1, abs(go[k][c])), "output row \(id)")
            }
        }
    }

    /// Topic words g<t>w<k> share the n-grams `<g<t>w`: the model learns the topics, and a word never seen
    /// (g<t>w99) gets, through those n-grams alone, a vector nearest to its topic's words.
    func checkLearnsTopicsAndEmbedsUnseenWords(_ o: SkipGramSettings, file: StaticString = #filePath, line: UInt = #line) throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 10, size: 8, lines: 300, length: 10, seed: 1, in: folder)
        let trainer = try train(path, o)
        let vectors = try trainer.model.wordVectors()
        XCTAssertNotNil(vectors.subwords, file: file, line: line)
        XCTAssertGreaterThan(sameTopicNeighbourRate(vectors), 0.75, "same-topic nearest neighbours", file: file, line: line)
        var hits = 0
        for t in 0..<10 {
            let unseen = "g\(t)w99"
            XCTAssertNil(vectors.index(of: unseen), file: file, line: line)
            let nearest = try XCTUnwrap(vectors.mostSimilar(positive: [unseen], k: 1)?.first).word
            if nearest.hasPrefix("g\(t)w") { hits += 1 }
        }
        XCTAssertGreaterThanOrEqual(hits, 8, "unseen words nearest to their topic", file: file, line: line)
    }

    func testSubwordSkipGramLearnsTopicsAndEmbedsUnseenWords() throws {
        try checkLearnsTopicsAndEmbedsUnseenWords(subwordSettings())
    }

    func testSubwordCBOWLearnsTopicsAndEmbedsUnseenWords() throws {
        try checkLearnsTopicsAndEmbedsUnseenWords(subwordSettings(cbow: true))
    }

    func testSubwordHierarchicalSoftmaxAndFullSoftmaxLearnTopics() throws {
        for loss in [SkipGramLoss.hs, .softmax] {
            let folder = try TemporaryFolder()
            let path = try plantedCorpus(groups: 10, size: 8, lines: 300, length: 10, seed: 1, in: folder)
            XCTAssertGreaterThan(sameTopicNeighbourRate(try train(path, subwordSettings(loss: loss)).model.wordVectors()), 0.75, "\(loss)")
        }
    }

    /// maxn 0 is the word-only model: the same weights as a run that never heard of subwords.
    func testMaxnZeroIsTheWordOnlyModel() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 4, size: 5, lines: 40, length: 8, seed: 4, in: folder)
        var o = subwordSettings()
        o.maxn = 0
        var plain = SkipGramSettings()
        plain.dimension = 12; plain.window = 3; plain.negative = 4; plain.epochs = 3; plain.sample = 0; plain.seed = 7
        let a = try train(path, o), b = try train(path, plain)
        XCTAssertFalse(a.model.hasSubwords)
        XCTAssertEqual(a.model.input.rows, b.model.input.rows)
        XCTAssertEqual(a.model.input.unpadded(), b.model.input.unpadded())
    }

    /// The model as a fastText file: read back, every word's vector is the mean of its rows, equal to the
    /// vectors the trainer gives; an unseen word's vector is the mean of its n-gram rows, worked out here.
    func testTheModelAsAFastTextFileGivesTheSameVectors() throws {
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 4, lines: 30, length: 6, seed: 5, in: folder)
        var o = subwordSettings(); o.buckets = 97
        let model = try train(path, o).model
        let file = folder.file("model.bin")
        try model.fastTextModel(minCount: 1).write(to: file)
        let read = try FastTextModel.read(path: file)
        XCTAssertEqual(read.args.minn, 2); XCTAssertEqual(read.args.maxn, 4); XCTAssertEqual(read.args.bucket, 97)
        XCTAssertEqual(read.args.model, FastTextModelKind.sg); XCTAssertEqual(read.args.loss, FastTextLoss.ns)
        XCTAssertEqual(Array(read.dictionary.words), model.vocabulary.words)
        let vectors = try model.wordVectors()
        XCTAssertEqual(read.wordVectors().vectors, vectors.vectors)
        XCTAssertEqual(try model.vocabularyVectors().vectors, vectors.vectors, "means without the model")
        // Written straight from the weights: the same bytes as through a FastTextModel.
        let direct = folder.file("direct.bin")
        try model.writeFastText(to: direct, minCount: 1)
        XCTAssertEqual(FileManager.default.contents(atPath: direct), FileManager.default.contents(atPath: file))
        // An unseen word: the mean of its n-gram rows (vocabulary size + bucket), summed here in Double.
        let unseen = "g1w42"
        let buckets = CharacterNgrams(minn: 2, maxn: 4, buckets: 97).buckets(of: unseen)
        // `<g1w42>` is 7 characters: 6 bigrams, 5 trigrams, 4 four-grams.
        XCTAssertEqual(buckets.count, 6 + 5 + 4)
        let v = model.vocabulary.size
        let expected = (0..<12).map { c in buckets.reduce(0.0) { $0 + Double(model.input.row(v + $1)[c]) } / Double(buckets.count) }
        let got = read.vector(for: unseen)
        for c in 0..<12 { XCTAssertEqual(Double(got[c]), expected[c], accuracy: 1e-6) }
    }

    /// The real fastText reads a model we trained and gives our vectors, for known and unseen words.
    func testFastTextReadsATrainedModel() throws {
        let python = try FastTextPython.python()
        let folder = try TemporaryFolder()
        let path = try plantedCorpus(groups: 3, size: 4, lines: 30, length: 6, seed: 5, in: folder)
        var o = subwordSettings(); o.buckets = 97
        let model = try train(path, o).model
        let file = folder.file("model.bin")
        let fastText = try model.fastTextModel(minCount: 1)
        try fastText.write(to: file)
        let words = ["g0w1", "g2w3", "g1w42", "zz", "é中"]
        let theirs = try FastTextPython.vectors(python: python, library: "fasttext", path: file, words: words)
        for w in words {
            let ours = fastText.vector(for: w), v = try XCTUnwrap(theirs[w])
            XCTAssertLessThan(zip(ours, v).map { abs($0 - $1) }.max()!, 1e-5, w)
        }
    }

    /// Resumes exactly (the shared check), from a checkpoint that keeps the n-gram rows and settings.
    func checkSubwordResume(_ o: SkipGramSettings, stopAfter: Int64) throws {
        let saved = try checkResume(o, stopAfter: stopAfter, lineLength: 10, midLine: nil)
        XCTAssertTrue(saved.model.hasSubwords)
        XCTAssertEqual(saved.model.input.rows, saved.model.vocabulary.size + o.buckets)
        var other = o; other.maxn = 3
        XCTAssertEqual(other.differences(from: saved.settings).map(\.setting), ["maxn"])
    }

    func testResumedSubwordRunsMatchAnUninterruptedRun() throws {
        try checkSubwordResume(subwordSettings(), stopAfter: 900)
        try checkSubwordResume(subwordSettings(cbow: true, loss: .hs), stopAfter: 700)
    }

    func testSubwordSettingsAreChecked() {
        var o = subwordSettings()
        o.minn = 5; o.maxn = 4
        assertSettingError("minn", "between 1 and maxn (4)") { try o.validate(vocabularySize: 10) }
        o = subwordSettings(); o.maxn = 1000
        assertSettingError("maxn", "between 0 (no subwords) and 64") { try o.validate(vocabularySize: 10) }
        o = subwordSettings(); o.buckets = 0
        assertSettingError("buckets", "between 1 and 2147483637") { try o.validate(vocabularySize: 10) }
        o = subwordSettings(); o.buckets = Int(Int32.max)
        assertSettingError("buckets", "between 1 and 2147483637") { try o.validate(vocabularySize: 10) }
        o = subwordSettings(); o.buckets = 1 << 30; o.dimension = 1000
        assertSettingError("dimension", "for 10 words and 1,073,741,824 n-gram buckets") { try o.validate(vocabularySize: 10) }
    }
}
