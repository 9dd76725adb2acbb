// Role: the .embedtag model file: a round trip keeps every weight, setting, tag set, scheme and prediction;
// truncated, damaged, re-sealed inconsistent and other-kind files are refused with one clear InputError.
import EmbedCore
import EmbedClassifier
import EmbedStreams
import EmbedTestSupport
@testable import EmbedTagger
import Foundation
import XCTest

final class TaggerModelFileTests: XCTestCase {
    func testRoundTrip() throws {
        let folder = try TestFolder()
        let tagger = try TinyTagging.tagger(folder, epochs: 3)
        let path = folder.file("m.embedtag")
        try tagger.save(path: path)
        let loaded = try SequenceTagger.load(path: path)
        XCTAssertEqual(Array(loaded.network.parameters), Array(tagger.network.parameters))
        XCTAssertEqual(loaded.shape, tagger.shape)
        XCTAssertEqual(loaded.tagSet, tagger.tagSet)
        XCTAssertEqual(loaded.scheme, tagger.scheme)
        XCTAssertEqual(loaded.training, tagger.training)
        XCTAssertEqual(loaded.record, tagger.record)
        XCTAssertEqual(loaded.characters.characters, tagger.characters.characters)
        XCTAssertEqual(loaded.words.words, tagger.words.words)
        let sentences = [["arrive", "Taipei", "on", "October", "23"], ["leave", "Zürich", "with", "Delta"]]
        XCTAssertEqual(loaded.predict(sentences), tagger.predict(sentences))
        let data = try TinyTagging.data(folder)
        XCTAssertEqual(loaded.evaluate(data), tagger.evaluate(data))
    }

    func testDamagedFilesAreRefused() throws {
        let folder = try TestFolder()
        let tagger = try TinyTagging.tagger(folder, epochs: 1)
        let path = folder.file("m.embedtag")
        try tagger.save(path: path)
        let bytes = try folder.bytes("m.embedtag")

        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        let damaged = try folder.write(bytes: flipped, to: "damaged.embedtag")
        assertInputError(damaged, line: nil, "checksum mismatch") { _ = try SequenceTagger.load(path: damaged) }

        let truncated = try folder.write(bytes: Array(bytes.prefix(bytes.count - 100)), to: "truncated.embedtag")
        assertInputError(truncated, line: nil, "corrupt") { _ = try SequenceTagger.load(path: truncated) }

        let text = try folder.write("O O\n", to: "text.embedtag")
        assertInputError(text, line: nil, "not a tagger model") { _ = try SequenceTagger.load(path: text) }

        // A consistent-looking but wrong header (re-sealed with a valid checksum) is still refused.
        let header = String(decoding: bytes, as: UTF8.self)
        guard let range = header.range(of: "\"hidden\":6") else { return XCTFail("hidden not in the header") }
        var edited = bytes
        let offset = header.utf8.distance(from: header.utf8.startIndex, to: range.lowerBound.samePosition(in: header.utf8)!)
        edited.replaceSubrange(offset..<offset + 10, with: Array("\"hidden\":7".utf8))
        let resealed = try folder.write(bytes: Checksums.resealed(edited), to: "resealed.embedtag")
        assertInputError(resealed, line: nil, "parameter count disagrees") { _ = try SequenceTagger.load(path: resealed) }
    }

    func testAClassifierModelIsNotATagger() throws {
        let folder = try TestFolder()
        let path = folder.file("c.embedclf")
        let writer = try CheckpointWriter(path: path, kind: "classifier", version: 2, settings: ["a": 1], sections: 0)
        try writer.commit()
        assertInputError(path, line: nil, "this is a classifier file, not a tagger model") { _ = try SequenceTagger.load(path: path) }
    }
}
