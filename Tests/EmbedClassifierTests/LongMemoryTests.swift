// Role: the LSTM classifier carries information across a long sequence: the label is which of three marker
// words comes first in a 25-token sequence, and every sequence holds the same multiset of words, so any
// bag-of-words model is provably at chance. The LSTM must reach >= 0.9 on held-out sequences; a bag-of-words
// softmax (checked to work when the bag does carry the label) stays at chance.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import EmbedKernels
import XCTest

final class LongMemoryTests: XCTestCase {
    static let classes = 3
    static let length = 25
    /// Rows 1...3 are the markers (one per class), rows 4...9 shared noise words; 8-d random vectors.
    static let markers: [Int32] = [1, 2, 3]
    static let noiseWords: [Int32] = [4, 5, 6, 7, 8, 9]
    static let dimension = 8
    static let vectors: [Float] = {
        var random = FastRandom(seed: 17)
        return (0..<9 * dimension).map { _ in random.nextFloat() * 2 - 1 }
    }()

    /// `count` sequences, labels cycling 0, 1, 2: marker y first, then the other markers and a fixed multiset
    /// of noise words in random order. With `bagCarriesLabel` the other markers are replaced by noise
    /// (the control task, where counting words suffices).
    static func task(count: Int, seed: UInt64, bagCarriesLabel: Bool = false) -> EncodedSet {
        var random = FastRandom(seed: seed)
        let noise = (0..<length - classes).map { noiseWords[$0 % noiseWords.count] }
        var sequences: [[Int32]] = [], labels: [Int32] = []
        for i in 0..<count {
            let y = i % classes
            var rest = noise + markers.enumerated().filter { $0.offset != y }
                .map { bagCarriesLabel ? noiseWords[$0.offset] : $0.element }
            for j in stride(from: rest.count - 1, to: 0, by: -1) { rest.swapAt(j, random.next(below: j + 1)) }
            sequences.append([markers[y]] + rest)
            labels.append(Int32(y))
        }
        return EncodedSet(sequences: sequences, labels: labels)
    }

    /// Bag of words: each sequence as its word frequencies (the mean of one-hot rows, which determines the mean
    /// of any embedding), so this baseline is at least as strong as mean-of-embeddings + softmax.
    static func bag(_ sequence: [Int32]) -> [Double] {
        var counts = [Double](repeating: 0, count: 10)
        for id in sequence { counts[Int(id)] += 1 / Double(sequence.count) }
        return counts
    }

    /// Trains a softmax regression on the bags (full-batch gradient descent) and returns its test accuracy.
    static func bagOfWordsAccuracy(train: EncodedSet, test: EncodedSet) -> Double {
        let width = bag([1]).count
        let dense = DenseSoftmax<Double>(inputSize: width, classes: classes, parameterOffset: 0)
        var weights = [Double](repeating: 0, count: dense.parameterCount)
        var gradients = weights
        let inputs = train.sequences.flatMap(bag)
        for _ in 0..<500 {
            gradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            dense.forward(input: inputs, rows: train.count, parameters: weights)
            dense.backward(input: inputs, labels: train.labels, rows: train.count, parameters: weights, gradients: &gradients)
            for i in weights.indices { weights[i] -= 20 * gradients[i] }
        }
        dense.forward(input: test.sequences.flatMap(bag), rows: test.count, parameters: weights)
        var correct = 0
        for r in 0..<test.count {
            let p = (0..<classes).map { dense.output[r * classes + $0] }
            if p.indices.max(by: { p[$0] < p[$1] }) == Int(test.labels[r]) { correct += 1 }
        }
        return Double(correct) / Double(test.count)
    }

    func testLSTMRemembersTheFirstWordWhereABagOfWordsCannot() throws {
        let train = Self.task(count: 300, seed: 1), test = Self.task(count: 150, seed: 2)
        XCTAssertEqual(Set(train.sequences.map(\.count)), [Self.length])
        // Every sequence has the same bag: a bag-of-words model cannot beat the most frequent class.
        XCTAssertEqual(Set((train.sequences + test.sequences).map(Self.bag)).count, 1)
        let chance = 1 / Double(Self.classes)
        XCTAssertLessThanOrEqual(Self.bagOfWordsAccuracy(train: train, test: test), chance + 0.05)

        var shape = NetworkShape(embeddingDimension: Self.dimension, classes: Self.classes)
        shape.layers = 1
        shape.hidden = 8
        shape.dropout = 0
        let net = try Self.vectors.withUnsafeBufferPointer { try Network<Float>(shape: shape, vectors: $0, seed: 4) }
        XCTAssertLessThan(net.evaluate(test).accuracy, 0.6, "untrained")
        var settings = ClassifierSettings()
        settings.epochs = 20
        settings.batchSize = 16
        settings.adam.learningRate = 0.01
        _ = try ClassifierTrainer(network: net, settings: settings, train: train).run(SilentObserver())
        XCTAssertGreaterThanOrEqual(net.evaluate(test).accuracy, 0.9)
    }

    /// The baseline is not broken: when the bag holds the label (the other markers replaced by noise), it learns.
    func testBagOfWordsLearnsWhenTheBagCarriesTheLabel() {
        let train = Self.task(count: 300, seed: 1, bagCarriesLabel: true)
        let test = Self.task(count: 150, seed: 2, bagCarriesLabel: true)
        XCTAssertGreaterThanOrEqual(Self.bagOfWordsAccuracy(train: train, test: test), 0.9)
    }
}
