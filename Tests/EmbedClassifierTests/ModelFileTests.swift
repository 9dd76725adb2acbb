// Role: the .embedclf model file: a trained classifier written and read back predicts bit-identical
// probabilities and keeps its settings; damaged files (any flipped byte, any truncation, a consistent-looking
// header that disagrees with the weights, not a model at all) are InputErrors naming the file, never crashes.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import Foundation
import EmbedStreams
import XCTest

final class ModelFileTests: XCTestCase {
    var folder: TestFolder!
    override func setUpWithError() throws { folder = try TestFolder() }
    override func tearDown() { folder = nil }

    let texts = ["the movie was good", "hate it", "A Dull Movie", "zzz unknown words", "", "fun fun fun fun fun fun"]

    func testRoundTripPredictsTheSameProbabilities() throws {
        let model = try TinyTask.trainedClassifier(folder: folder) { $0.layers = 2; $0.bidirectional = true }
        let path = folder.path + "/model.embedclf"
        try model.save(path: path)
        let loaded = try SentenceClassifier.load(path: path)

        XCTAssertEqual(loaded.predict(texts), model.predict(texts), "bit-for-bit the same probabilities")
        XCTAssertEqual(loaded.shape, model.shape)
        XCTAssertEqual(loaded.labels, model.labels)
        XCTAssertEqual(loaded.words.words, TinyTask.words)
        XCTAssertEqual(loaded.words.settings, model.words.settings)
        XCTAssertEqual(loaded.vectors, VectorSource(path: "tiny-vectors.txt", words: 12, dimension: 4))
        XCTAssertEqual(loaded.training, model.training)
        XCTAssertEqual(loaded.record, model.record)
        XCTAssertEqual(Array(loaded.network.parameters), Array(model.network.parameters))

        // The weights come from the file, not from the seed: the untrained model of the same seed predicts otherwise.
        let untrained = try TinyTask.trainedClassifier(folder: folder, epochs: 0) { $0.layers = 2; $0.bidirectional = true }
        XCTAssertNotEqual(untrained.predict(texts), loaded.predict(texts))

        // Saving the loaded model again writes the same bytes.
        let again = folder.path + "/again.embedclf"
        try loaded.save(path: again)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again)), try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func testTheEmbeddingIsStoredInTheModel() throws {
        // The vectors are stored by value: the source named in the model is never read again.
        let model = try TinyTask.trainedClassifier(folder: folder) { $0.trainEmbeddings = true }
        let path = folder.path + "/model.embedclf"
        try model.save(path: path)
        let loaded = try SentenceClassifier.load(path: path)
        let table = { (m: SentenceClassifier) in
            Array(UnsafeBufferPointer(start: m.network.embedding.values, count: m.network.embedding.rows * 4))
        }
        XCTAssertEqual(table(loaded), table(model), "fine-tuned rows are saved")
        XCTAssertNotEqual(Array(table(model)[4..<8]), try TinyTask.embeddings().vector(at: 0), "the rows were tuned")
        XCTAssertEqual(loaded.predict(texts), model.predict(texts))
    }

    /// Loading `bytes` (written to a file) fails with an InputError naming the file (no line) whose message
    /// contains `message`.
    func assertRefused(_ bytes: [UInt8], _ message: String, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try folder.write(bytes: bytes, to: "damaged.embedclf")
        XCTAssertThrowsError(try SentenceClassifier.load(path: path), what, file: file, line: line) { error in
            guard let e = error as? InputError else { return XCTFail("\(what): \(error)", file: file, line: line) }
            XCTAssertEqual(e.path, path, what, file: file, line: line)
            XCTAssertNil(e.line, what, file: file, line: line)
            XCTAssertTrue(e.message.contains(message), "\(what): \(e.message)", file: file, line: line)
        }
    }

    func testFlippedBytesAndTruncationsAreRefused() throws {
        let model = try TinyTask.trainedClassifier(folder: folder)
        let path = folder.path + "/model.embedclf"
        try model.save(path: path)
        let bytes = try folder.bytes("model.embedclf")
        XCTAssertGreaterThan(bytes.count, 500)
        // Every byte of the header and a sample of the rest (the container's own tests flip every byte).
        for i in Array(0..<min(bytes.count, 600)) + Array(stride(from: 600, to: bytes.count, by: 37)) {
            var damaged = bytes
            damaged[i] ^= 0x20
            let expected = i < 8 ? "not a classifier model" : i < 12 ? "version" : i >= bytes.count - 16 && i < bytes.count - 8
                ? "end mark" : "checksum mismatch"
            try assertRefused(damaged, expected, "byte \(i) flipped")
        }
        for n in stride(from: 0, to: bytes.count, by: 13) {
            try assertRefused(Array(bytes[0..<n]), n < 8 ? "too short" : n < 12 ? "truncated" : "end mark missing",
                              "truncated to \(n) bytes")
        }
        try assertRefused(bytes + [0], "end mark missing", "one byte appended")
    }

    func testResealedHeaderThatDisagreesWithTheWeightsIsRefused() throws {
        let model = try TinyTask.trainedClassifier(folder: folder)
        let path = folder.path + "/model.embedclf"
        try model.save(path: path)
        let bytes = try folder.bytes("model.embedclf")
        // Edits the JSON header in place (same length), then seals the file again with a valid checksum.
        func resealed(replacing old: String, with new: String) throws -> [UInt8] {
            XCTAssertEqual(old.utf8.count, new.utf8.count)
            var text = bytes
            let o = Array(old.utf8), n = Array(new.utf8)
            let at = try XCTUnwrap((0...(text.count - o.count)).first { Array(text[$0..<$0 + o.count]) == o }, old)
            text.replaceSubrange(at..<at + o.count, with: n)
            return Checksums.resealed(text)
        }
        // Sanity: resealing without a change loads.
        let same = try folder.write(bytes: try resealed(replacing: "\"hidden\":6", with: "\"hidden\":6"), to: "same.embedclf")
        XCTAssertNoThrow(try SentenceClassifier.load(path: same))

        try assertRefused(try resealed(replacing: "\"hidden\":6", with: "\"hidden\":7"), "parameter count", "hidden 7")
        try assertRefused(try resealed(replacing: "\"hidden\":6", with: "\"hidden\":0"), "hidden must be at least 1", "hidden 0")
        try assertRefused(try resealed(replacing: "\"classes\":2", with: "\"classes\":3"), "sizes disagree", "3 classes")
        try assertRefused(try resealed(replacing: "\"embeddingDimension\":4", with: "\"embeddingDimension\":5"),
                          "parameter count", "dimension 5")
        try assertRefused(try resealed(replacing: "\"layers\"", with: "\"lxyers\""), "unreadable settings", "renamed key")
    }

    func testEveryEncoderRoundTrips() throws {
        for encoder in SentenceEncoderKind.allCases {
            let model = try TinyTask.trainedClassifier(folder: folder) { $0.encoder = encoder; $0.layers = 1; $0.filters = 5 }
            let path = folder.path + "/\(encoder.rawValue).embedclf"
            try model.save(path: path)
            let loaded = try SentenceClassifier.load(path: path)
            XCTAssertEqual(loaded.shape.encoder, encoder)
            XCTAssertEqual(loaded.shape, model.shape)
            XCTAssertEqual(loaded.predict(texts), model.predict(texts), "\(encoder)")
        }
    }

    func testDamagedEncoderNameIsRefused() throws {
        let model = try TinyTask.trainedClassifier(folder: folder) { $0.encoder = .cnn; $0.filters = 5 }
        try model.save(path: folder.file("model.embedclf"))
        var bytes = try folder.bytes("model.embedclf")
        let old = Array("\"encoder\":\"cnn\"".utf8), new = Array("\"encoder\":\"rnn\"".utf8)
        let at = try XCTUnwrap((0...(bytes.count - old.count)).first { Array(bytes[$0..<$0 + old.count]) == old })
        bytes.replaceSubrange(at..<at + old.count, with: new)
        try assertRefused(Checksums.resealed(bytes), "unknown sentence encoder \"rnn\" (known: lstm-last, bilstm-max", "encoder rnn")
    }

    /// The shape as files stored it before the encoders existed (no `encoder`, no `filters`).
    struct OldShape: Encodable {
        var cell: CellKind, layers: Int, hidden: Int, bidirectional: Bool, dropout: Double, trainEmbeddings: Bool
        var embeddingDimension: Int, classes: Int
    }
    struct OldHeader: Encodable {
        var shape: OldShape, training: ClassifierSettings, labels: LabelSet, tokenizer: TokenizerSettings
        var vectors: VectorSource, parameterCount: Int, words: Int, record: TrainingRecord?
    }

    func testModelFilesFromBeforeTheEncodersLoadAsLSTMLast() throws {
        let model = try TinyTask.trainedClassifier(folder: folder) { $0.layers = 2; $0.bidirectional = true }
        try model.save(path: folder.file("model.embedclf"))
        let reader = try CheckpointReader(path: folder.file("model.embedclf"), kind: ModelFile.kind,
                                          versions: ModelFile.version...ModelFile.version, what: "model")
        let h = try reader.decodeSettings(ModelHeader.self), s = h.shape
        let old = OldHeader(shape: OldShape(cell: s.cell, layers: s.layers, hidden: s.hidden, bidirectional: s.bidirectional,
                                            dropout: s.dropout, trainEmbeddings: s.trainEmbeddings,
                                            embeddingDimension: s.embeddingDimension, classes: s.classes),
                            training: h.training, labels: h.labels, tokenizer: h.tokenizer, vectors: h.vectors,
                            parameterCount: h.parameterCount, words: h.words, record: h.record)
        let writer = try CheckpointWriter(path: folder.file("old.embedclf"), kind: ModelFile.kind,
                                          version: ModelFile.version, settings: old, sections: 3)
        for section in ["words", "parameters", "embedding"] { try writer.section(section, try reader.section(section)) }
        try writer.commit()
        XCTAssertFalse(String(decoding: try folder.bytes("old.embedclf"), as: UTF8.self).contains("encoder"))
        let loaded = try SentenceClassifier.load(path: folder.file("old.embedclf"))
        XCTAssertEqual(loaded.shape.encoder, .lstmLast)
        XCTAssertEqual(loaded.shape, model.shape)
        XCTAssertEqual(loaded.predict(texts), model.predict(texts))
    }

    /// A model re-written with a valid checksum and a huge hidden size is refused before anything is allocated.
    func testHugeShapeWithAValidChecksumIsRefusedBeforeAllocating() throws {
        let model = try TinyTask.trainedClassifier(folder: folder)
        try model.save(path: folder.file("model.embedclf"))
        let reader = try CheckpointReader(path: folder.file("model.embedclf"), kind: ModelFile.kind,
                                          versions: ModelFile.version...ModelFile.version, what: "model")
        let header = try reader.decodeSettings(ModelHeader.self)
        for (_, change) in [("hidden", { (s: inout NetworkShape) in s.hidden = 1_000_000 }),
                               ("layers", { (s: inout NetworkShape) in s.layers = 100_000 }),
                               ("classes", { (s: inout NetworkShape) in s.classes = 1 << 40 })] {
            var big = header
            change(&big.shape)
            let writer = try CheckpointWriter(path: folder.file("big.embedclf"), kind: ModelFile.kind,
                                              version: ModelFile.version, settings: big, sections: 3)
            for section in ["words", "parameters", "embedding"] { try writer.section(section, try reader.section(section)) }
            try writer.commit()
            assertInputError(folder.file("big.embedclf"), line: nil, "corrupt file") {
                _ = try SentenceClassifier.load(path: folder.file("big.embedclf"))
            }
        }
    }

    func testNotAModelOrMissing() throws {
        try assertRefused(Array("1 good film\n0 bad film\n".utf8), "not a classifier model", "a data file")
        try assertRefused([], "too short", "an empty file")
        let missing = folder.path + "/nope.embedclf"
        XCTAssertThrowsError(try SentenceClassifier.load(path: missing)) { error in
            XCTAssertEqual((error as? InputError)?.description, "\(missing): no such file")
        }
    }

    func testNaNWeightsAreRefused() throws {
        let model = try TinyTask.trainedClassifier(folder: folder)
        model.network.parameters[3] = .nan
        try model.save(path: folder.file("nan.embedclf"))
        assertInputError(folder.file("nan.embedclf"), line: nil, "NaN") { _ = try SentenceClassifier.load(path: folder.file("nan.embedclf")) }
    }
}

