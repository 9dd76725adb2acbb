// Role: the .embedclf model file: a trained classifier written and read back predicts bit-identical
// probabilities and keeps its settings; damaged files (any flipped byte, any truncation, a consistent-looking
// header that disagrees with the weights, not a model at all) are InputErrors naming the file, never crashes.
@testable import EmbedClassifier
import Foundation
import EmbedStreams
import XCTest

final class ModelFileTests: XCTestCase {
    var folder: TemporaryFolder!
    override func setUpWithError() throws { folder = try TemporaryFolder() }
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

    /// Loading `bytes` fails with an InputError naming the file (no line) whose message contains `message`.
    /// In memory (the exhaustive loops below stay fast) unless `onDisk`.
    func assertRefused(_ bytes: [UInt8], _ message: String, _ what: String, onDisk: Bool = false,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        let path = onDisk ? try folder.write(Data(bytes), "damaged.embedclf") : "in-memory.embedclf"
        let load = onDisk ? { try SentenceClassifier.load(path: path) }
                          : { try bytes.withUnsafeBytes { try SentenceClassifier.load(bytes: $0, path: path) } }
        XCTAssertThrowsError(try load(), what, file: file, line: line) { error in
            guard let e = error as? InputError else { return XCTFail("\(what): \(error)", file: file, line: line) }
            XCTAssertEqual(e.path, path, what, file: file, line: line)
            XCTAssertNil(e.line, what, file: file, line: line)
            XCTAssertTrue(e.message.contains(message), "\(what): \(e.message)", file: file, line: line)
        }
    }

    func testEveryFlippedByteAndEveryTruncationIsRefused() throws {
        let model = try TinyTask.trainedClassifier(folder: folder)
        let path = folder.path + "/model.embedclf"
        try model.save(path: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertGreaterThan(bytes.count, 500)
        for i in bytes.indices {
            var damaged = bytes
            damaged[i] ^= 0x20
            let expected = i < 8 ? "not an embed classifier model" : i < 12 ? "version" : i >= bytes.count - 16 && i < bytes.count - 8
                ? "end mark" : "checksum mismatch"
            try assertRefused(damaged, expected, "byte \(i) flipped")
        }
        for n in 0..<bytes.count {
            try assertRefused(Array(bytes[0..<n]), n < 12 ? "not an embed classifier model" : "corrupt model file",
                              "truncated to \(n) bytes")
        }
        try assertRefused(bytes + [0], "corrupt model file", "one byte appended")
        // The same through the file system.
        var flipped = bytes
        flipped[bytes.count / 2] ^= 1
        try assertRefused(flipped, "checksum mismatch", "a flipped byte on disk", onDisk: true)
        try assertRefused(Array(bytes.dropLast(100)), "truncated", "a truncated file on disk", onDisk: true)
    }

    func testResealedHeaderThatDisagreesWithTheWeightsIsRefused() throws {
        let model = try TinyTask.trainedClassifier(folder: folder)
        let path = folder.path + "/model.embedclf"
        try model.save(path: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // Edits the JSON header in place (same length), then seals the file again with a valid checksum.
        func resealed(replacing old: String, with new: String) throws -> [UInt8] {
            XCTAssertEqual(old.utf8.count, new.utf8.count)
            var text = [UInt8](bytes)
            let o = Array(old.utf8), n = Array(new.utf8)
            let at = try XCTUnwrap((0...(text.count - o.count)).first { Array(text[$0..<$0 + o.count]) == o }, old)
            text.replaceSubrange(at..<at + o.count, with: n)
            var sum = ModelFile.Checksum()
            text.withUnsafeBytes { sum.add(UnsafeRawBufferPointer(rebasing: $0[0..<text.count - 8])) }
            withUnsafeBytes(of: sum.value.littleEndian) { text.replaceSubrange(text.count - 8..<text.count, with: $0) }
            return text
        }
        // Sanity: resealing without a change loads.
        let same = try folder.write(Data(try resealed(replacing: "\"hidden\":6", with: "\"hidden\":6")), "same.embedclf")
        XCTAssertNoThrow(try SentenceClassifier.load(path: same))

        try assertRefused(try resealed(replacing: "\"hidden\":6", with: "\"hidden\":7"), "parameter count", "hidden 7")
        try assertRefused(try resealed(replacing: "\"hidden\":6", with: "\"hidden\":0"), "hidden must be at least 1", "hidden 0")
        try assertRefused(try resealed(replacing: "\"classes\":2", with: "\"classes\":3"), "sizes disagree", "3 classes")
        try assertRefused(try resealed(replacing: "\"embeddingDimension\":4", with: "\"embeddingDimension\":5"),
                          "sizes disagree", "dimension 5")
        try assertRefused(try resealed(replacing: "\"format\"", with: "\"fxrmat\""), "unreadable header", "renamed key")
    }

    func testNotAModelOrMissing() throws {
        try assertRefused(Array("1 good film\n0 bad film\n".utf8), "not an embed classifier model", "a data file", onDisk: true)
        try assertRefused([], "not an embed classifier model", "an empty file", onDisk: true)
        let missing = folder.path + "/nope.embedclf"
        XCTAssertThrowsError(try SentenceClassifier.load(path: missing)) { error in
            XCTAssertEqual((error as? InputError)?.description, "\(missing): no such file")
        }
    }
}
