// Role: fuzzes every file reader with seeded mutants of valid files (EMBED_FUZZ_ITERATIONS each, 3000 by
// default; `make fuzz` runs 100,000): vector files (GloVe text, word2vec text and binary, zstd), labelled
// sentences (CSV, SST-2), vocabularies, co-occurrence records, evaluation sets, checkpoints and models (also
// re-sealed, so the checks behind the checksum are reached). Each input must load or be an InputError.
import EmbedKit
import EmbedTestSupport
import Foundation
import XCTest

final class ReaderFuzzTests: XCTestCase {
    var folder: TestFolder!
    override func setUpWithError() throws { folder = try TestFolder(prefix: "embed-fuzz") }
    override func tearDown() { folder = nil }

    private func check(_ report: FuzzReport, file: StaticString = #filePath, line: UInt = #line) {
        if ProcessInfo.processInfo.environment["EMBED_FUZZ_VERBOSE"] != nil { print("fuzz", report) }
        XCTAssertEqual(report.failures, [], "\(report)", file: file, line: line)
        XCTAssertGreaterThan(report.refused, 0, "the mutants reach the error paths: \(report)", file: file, line: line)
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    private func zstd(_ text: String) throws -> [UInt8] {
        let path = folder.file("seed.zst")
        let out = try AtomicOutput(path: path)
        try out.write(text)
        try out.commit()
        return try folder.bytes("seed.zst")
    }

    func testVectorFiles() throws {
        let glove = "the 0.418 0.24968 -0.41242\nof 0.70853 0.57088 -0.4716\nand 0.26818 0.14346 -0.27877\n"
        let word2vec = "3 3\n" + glove
        var binary = bytes("2 3\n")
        for (w, v) in [("the", [Float(0.5), -1, 2]), ("of", [Float(1e-3), 7, -0.25])] {
            binary += bytes(w + " ") + Fixtures.littleEndianBytes(v) + [0x0A]
        }
        let seeds = [bytes(glove), bytes(word2vec), binary, try zstd(glove)]
        check(Fuzz.run("vectors", seeds: seeds, folder: folder) { path in
            let v = try WordVectors.read(path: path)
            if let first = v.words.first { _ = v.mostSimilar(positive: [first], k: 2) }
        })
    }

    func testFastTextModels() throws {
        let fixtures = SharedData.shipped("Tests/EmbedVectorsTests/Fixtures/fasttext")
        let seeds = try ["feelings-sup-d4.bin", "feelings-sup-d4.ftz"].map {
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixtures + "/" + $0)))
        }
        check(Fuzz.run("fasttext", seeds: seeds, folder: folder, iterations: Fuzz.iterations() / 3) { path in
            let model = try FastTextModel.read(path: path)
            _ = model.vector(for: "unseen")
        })
    }

    func testLabelledSentences() throws {
        let csv = "\"i love you\",0\n\"food is life\",4\nnever, ever,3\n\"a \"\"quoted\"\" one\",2\n"
        let lines = "1 a fine film\n0 a dull , long film\n1 good\n"
        check(Fuzz.run("labelled", seeds: [bytes(csv), bytes(lines)], folder: folder) { path in
            _ = try LabeledData(path: path)
        })
    }

    func testVocabularies() throws {
        check(Fuzz.run("vocabulary", seeds: [bytes("the 10\nof 7\nand 3\n<UNK> 2\n")], folder: folder) { path in
            _ = try Vocabulary.load(path: path)
        })
    }

    func testCooccurrenceRecords() throws {
        var records: [UInt8] = []
        for (i, j, x) in [(Int32(1), Int32(2), 1.5), (2, 1, 1.5), (3, 3, 0.25), (1, 3, 2.0)] as [(Int32, Int32, Double)] {
            withUnsafeBytes(of: i.littleEndian) { records += $0 }
            withUnsafeBytes(of: j.littleEndian) { records += $0 }
            withUnsafeBytes(of: x.bitPattern.littleEndian) { records += $0 }
        }
        var settings = GloVeSettings()
        settings.dimension = 4
        check(Fuzz.run("cooccurrence", seeds: [records], folder: folder) { path in
            _ = try RecordStore(path: path, words: 3, settings: settings)
        })
    }

    func testEvaluationSets() throws {
        check(Fuzz.run("analogies", seeds: [bytes(": capitals\nathens greece berlin germany\n: gram1\na b c d\n")],
                       folder: folder) { path in _ = try AnalogySet.read(path: path) })
        check(Fuzz.run("pairs", seeds: [bytes("# comment\ntiger\tcat\t7.35\nbook\tpaper\t7.46\n")],
                       folder: folder) { path in _ = try WordPairSet.read(path: path) })
    }

    /// A skip-gram checkpoint as an interrupted run leaves it, a GloVe one and a classifier model.
    private func checkpoints() throws -> (skipgram: [UInt8], glove: [UInt8], model: [UInt8]) {
        let corpus = try folder.write(Fixtures.topicCorpus(lines: 8), to: "corpus.txt")
        var pipeline = SkipGramPipeline()
        pipeline.minCount = 1
        pipeline.settings.dimension = 3
        pipeline.settings.epochs = 200_000
        pipeline.settings.sample = 0
        pipeline.settings.threads = 1
        pipeline.checkpoint = CheckpointPolicy(path: folder.file("sg.ckpt"))
        _ = try pipeline.train(corpus: try CorpusReader(inputs: [corpus]), observer: RecordingObserver(stopAtPoll: 1))

        var glove = GloVePipeline()
        glove.counting.minCount = 1
        glove.settings.dimension = 3
        glove.settings.epochs = 2
        glove.checkpoint = CheckpointPolicy(path: folder.file("glove.ckpt"))
        _ = try glove.train(corpus: try CorpusReader(inputs: [corpus]), observer: RecordingObserver(stopAtPoll: 1))

        var training = ClassifierTraining()
        training.shape.hidden = 3
        training.shape.layers = 1
        training.settings.epochs = 1
        let data = try LabeledData(path: try folder.write("1 cat dog\n0 car road\n", to: "t.txt"))
        let vectors = try Fixtures.randomVectors(words: ["cat", "dog", "car", "road"], dimension: 3, seed: 2)
        try training.train(vectors: vectors, source: "v", train: data).classifier.save(path: folder.file("m.embedclf"))
        return (try folder.bytes("sg.ckpt"), try folder.bytes("glove.ckpt"), try folder.bytes("m.embedclf"))
    }

    func testCheckpointsAndModelsPlainAndResealed() throws {
        let seeds = try checkpoints()
        // What the GloVe checkpoint was trained on, so that resuming gets past the data check.
        let corpus = try CorpusReader(inputs: [folder.file("corpus.txt")])
        let vocabulary = try Vocabulary.build(from: corpus, minCount: 1)
        let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: CooccurrenceSettings(threads: 1))
        try counter.count(corpus: corpus)
        _ = try counter.finish(sorted: nil, shuffled: folder.file("x.bin"), seed: 1)
        var gloveSettings = GloVeSettings()
        gloveSettings.dimension = 3
        gloveSettings.epochs = 2
        let gloveRecords = try RecordStore(path: folder.file("x.bin"), words: vocabulary.size, settings: gloveSettings,
                                           shuffle: false)
        let reseal = { (b: [UInt8]) in b.count >= 24 ? Checksums.resealed(b) : b }
        let runs = Fuzz.iterations() / 2
        for prepare in [{ (b: [UInt8]) in b }, reseal] {
            check(Fuzz.run("skipgram-checkpoint", seeds: [seeds.skipgram], folder: folder, iterations: runs,
                           prepare: prepare) { path in _ = try SkipGramCheckpoint.load(path: path) })
            check(Fuzz.run("glove-checkpoint", seeds: [seeds.glove], folder: folder, iterations: runs, alsoAllowed: { $0 is ResumeMismatch },
                           prepare: prepare) { path in
                _ = try GloVeTrainer(resumingFrom: path, records: gloveRecords, settings: gloveSettings)
            })
            check(Fuzz.run("classifier-model", seeds: [seeds.model], folder: folder, iterations: runs,
                           prepare: prepare) { path in
                let model = try SentenceClassifier.load(path: path)
                _ = model.predict(["cat dog"])
            })
            check(Fuzz.run("container", seeds: [seeds.glove, seeds.skipgram, seeds.model], folder: folder, iterations: runs,
                           prepare: prepare) { path in
                for kind in ["glove", "skipgram", "classifier"] {
                    guard let r = try? CheckpointReader(path: path, kind: kind, versions: 0...100, what: kind) else { continue }
                    _ = try r.lines("words")
                }
                throw InputError("not any kind", path: path)
            })
        }
    }
}
