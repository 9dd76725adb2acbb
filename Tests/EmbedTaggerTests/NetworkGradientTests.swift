// Role: finite-difference checks of the whole tagger network in Double (word vectors, casing embedding,
// character BiLSTM, stacked BiLSTM, dense scores, CRF or softmax; with dropout masks replayed), and the
// masking property: a sentence gives the same loss and gradient alone or packed with others.
import EmbedCore
import EmbedClassifier
import EmbedTestSupport
@testable import EmbedTagger
import XCTest

final class TaggerNetworkGradientTests: XCTestCase {
    let tagSet = TagSet(types: ["A", "B"], encoding: .iobes)
    /// Word rows 1...6 (7 is <UNK>), casing classes, spellings (character ids) and gold tag paths of four
    /// sentences of unequal lengths (gold paths allowed in IOBES).
    let sentences = EncodedSentences(
        words: [[1, 2, 3, 4], [5], [6, 7, 2], [3, 1]],
        casing: [[0, 2, 0, 4], [1], [0, 3, 6], [2, 0]],
        spellingIds: [[0, 1, 2, 3], [4], [5, 6, 1], [2, 0]],
        spellings: [[1, 2], [3], [2, 2, 4], [5, 1, 1], [4], [0, 3], [1]],
        tags: [[0, 1, 3, 0], [4], [5, 6, 7], [8, 0]])

    func network(_ configure: (inout TaggerShape) -> Void) throws -> TaggerNetwork<Double> {
        var shape = TinyTagging.shape(tags: tagSet.count, characters: 6, configure)
        shape.encoding = tagSet.encoding
        var random = FastRandom(seed: 4)
        let vectors = (0..<6 * shape.wordDimension).map { _ in random.nextDouble() * 2 - 1 }
        let table = vectors.withUnsafeBufferPointer { EmbeddingTable<Double>(vectors: $0, dimension: shape.wordDimension) }
        let net = try TaggerNetwork<Double>(shape: shape, tagSet: tagSet, words: table, seed: 7)
        // Non-zero CRF scores, so their gradients are not all at the symmetric point.
        var r = FastRandom(seed: 8)
        if let crf = net.crf {
            for i in 0..<crf.parameterCount { net.parameters[crf.parameterOffset + i] = r.nextDouble() - 0.5 }
        }
        return net
    }

    func check(_ net: TaggerNetwork<Double>, dropoutSeed: UInt64? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let batch = TaggerBatch(sentences, indices: Array(0..<sentences.count), withCharacters: net.shape.useCharacters)
        func loss() -> Double {
            if let s = dropoutSeed { net.seedDropout(s) }
            net.forward(batch, training: dropoutSeed != nil)
            return net.loss(batch)
        }
        let value = loss()
        let again = net.lossAndGradient(batch)
        XCTAssertEqual(value, again, accuracy: 1e-12, file: file, line: line)
        GradientCheck.assertMatches(Array(net.gradients), parameters: net.parameters.baseAddress!, count: net.parameterCount,
                                    "tagger weights", loss: loss, file: file, line: line)
    }

    func testCRFWithCharactersAndCasing() throws { check(try network { _ in }) }

    func testSoftmaxWithCharacters() throws { check(try network { $0.crf = false }) }

    func testTwoLayersWithoutCharacters() throws { check(try network { $0.layers = 2; $0.useCharacters = false }) }

    func testWithoutCasingOrCharacters() throws {
        check(try network { $0.casingDimension = 0; $0.useCharacters = false; $0.layers = 2 })
    }

    func testDropoutMasksReplayed() throws {
        check(try network { $0.dropout = 0.3; $0.layers = 2 }, dropoutSeed: 11)
    }

    /// Packing does not leak: sentence 2 alone has the same loss per token as computed inside the batch.
    func testMaskingSentenceAloneOrPacked() throws {
        let net = try network { $0.layers = 2 }
        let alone = TaggerBatch(sentences, indices: [2], withCharacters: true)
        net.forward(alone, training: false)
        let single = net.loss(alone) * Double(alone.tokens)
        let pair = TaggerBatch(sentences, indices: [0, 2], withCharacters: true)
        net.forward(pair, training: false)
        let both = net.loss(pair) * Double(pair.tokens)
        let first = TaggerBatch(sentences, indices: [0], withCharacters: true)
        net.forward(first, training: false)
        let zero = net.loss(first) * Double(first.tokens)
        XCTAssertEqual(both, single + zero, accuracy: 1e-10)
        XCTAssertEqual(net.decode(pair)[pair.words.order.firstIndex(of: 1)!], net.decode(alone)[0])
    }
}
