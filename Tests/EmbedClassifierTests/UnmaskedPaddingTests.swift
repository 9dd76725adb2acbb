// Role: the unmasked mode (`--no-mask`, Keras without mask_zero): sentences padded at the end with the zero
// row to a fixed length, the layers run over the padding, and the model file keeps the length.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import Foundation
import EmbedStreams
import XCTest

final class UnmaskedPaddingTests: XCTestCase {
    func testEncodingPadsWithTheZeroRowAndCountsOnlyRealTokens() throws {
        let index = WordIndex(words: ["good", "movie"], settings: TokenizerSettings())
        XCTAssertEqual(index.encode("good movie"), [1, 2], "masked by default: no padding")
        index.padSentences(to: 5)
        XCTAssertEqual(index.encode("Good unknown movie"), [1, 3, 2, 0, 0])
        XCTAssertEqual(index.encode("good movie good movie good movie"), [1, 2, 1, 2, 1, 2], "longer sentences are kept whole")
        XCTAssertEqual(index.tokenCount, 2 + 3 + 6)
        XCTAssertEqual(index.unknownCount, 1)
        XCTAssertEqual(index.length(of: "a b  c"), 3)
    }

    func testPaddingChangesPredictionsAndSurvivesTheModelFile() throws {
        let folder = try TestFolder()
        let model = try TinyTask.trainedClassifier(folder: folder, epochs: 0)
        let texts = ["good", "the movie was awful"]
        let masked = model.predict(texts)
        model.words.padSentences(to: 8)
        let padded = model.predict(texts)
        XCTAssertNotEqual(masked, padded, "the LSTM state moves over the zero steps")

        let path = folder.path + "/unmasked.embedclf"
        try model.save(path: path)
        let loaded = try SentenceClassifier.load(path: path)
        XCTAssertEqual(loaded.words.settings.padLength, 8)
        XCTAssertEqual(loaded.predict(texts), padded)
    }
}
