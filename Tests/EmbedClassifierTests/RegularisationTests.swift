// Role: the regularisation and selection settings worked out by hand: the stratified dev split's sizes per
// class, word dropout's rate and target, AdamW's decoupled decay against its formula, the embedding's own
// learning rate, and settings files from before these existed.
import EmbedCore
import EmbedTestSupport
@testable import EmbedClassifier
import Foundation
import XCTest

final class RegularisationTests: XCTestCase {
    /// 20 sentences of class 0, 7 of class 1, 3 of class 2, interleaved; sentence i is [i + 1].
    let set: EncodedSet = {
        let labels: [Int32] = (0..<20).map { _ in 0 } + (0..<7).map { _ in 1 } + (0..<3).map { _ in 2 }
        var random = FastRandom(seed: 4)
        var order = Array(labels.indices)
        random.shuffle(&order)
        return EncodedSet(sequences: order.map { [Int32($0 + 1)] }, labels: order.map { labels[$0] })
    }()

    func testDevSplitSizesPerClass() throws {
        // 0.2 x 20 = 4, 0.2 x 7 = 1.4 -> 1, 0.2 x 3 = 0.6 -> 1.
        let (train, dev) = try DevSplit.split(set, fraction: 0.2, seed: 1)
        func counts(_ s: EncodedSet) -> [Int] { (0..<3).map { c in s.labels.filter { $0 == c }.count } }
        XCTAssertEqual(counts(dev), [4, 1, 1])
        XCTAssertEqual(counts(train), [16, 6, 2])
        // Disjoint, together the whole set, each in the original order, labels still attached.
        let all = zip(set.sequences, set.labels).map { "\($0[0]):\($1)" }
        let trainKeys = zip(train.sequences, train.labels).map { "\($0[0]):\($1)" }
        let devKeys = zip(dev.sequences, dev.labels).map { "\($0[0]):\($1)" }
        XCTAssertEqual(Set(trainKeys + devKeys), Set(all))
        XCTAssertEqual(trainKeys.count + devKeys.count, all.count)
        XCTAssertEqual(trainKeys, all.filter { trainKeys.contains($0) })
        XCTAssertEqual(devKeys, all.filter { devKeys.contains($0) })
        // Seeded: the same seed the same dev set, another seed another.
        XCTAssertEqual(try DevSplit.split(set, fraction: 0.2, seed: 1).dev.sequences, dev.sequences)
        XCTAssertNotEqual(try DevSplit.split(set, fraction: 0.2, seed: 2).dev.sequences, dev.sequences)
        // A class of one sentence stays in training; 0.5 x 3 rounds to 2 but one must stay: 2.
        XCTAssertEqual(DevSplit.heldOut(count: 1, fraction: 0.5), 0)
        XCTAssertEqual(DevSplit.heldOut(count: 3, fraction: 0.5), 2)
        XCTAssertEqual(DevSplit.heldOut(count: 2, fraction: 0.9), 1)
        XCTAssertThrowsError(try DevSplit.split(set, fraction: 1, seed: 1))
        XCTAssertThrowsError(try DevSplit.split(set, fraction: 0, seed: 1))
    }

    func testWordDropoutRateAndTarget() {
        var random = FastRandom(seed: 9)
        let sentence = (1...20_000).map { Int32($0 % 50 + 1) }
        XCTAssertEqual(WordDropout.apply(sentence, rate: 0, unknown: 99, random: &random), sentence)
        let dropped = WordDropout.apply(sentence, rate: 0.25, unknown: 99, random: &random)
        XCTAssertEqual(dropped.count, sentence.count)
        var replaced = 0
        for (a, b) in zip(sentence, dropped) where a != b {
            XCTAssertEqual(b, 99)
            replaced += 1
        }
        // Binomial(20000, 0.25): sd 61 tokens; 5,000 +- 300 is five sd.
        XCTAssertEqual(Double(replaced), 5_000, accuracy: 300)
    }

    /// One AdamW step by the formula: p1 = p0 (1 - lr wd) - lr_t m1 / (sqrt(v1) + eps), with m1 = (1 - b1) g,
    /// v1 = (1 - b2) g^2 and lr_t = lr sqrt(1 - b2) / (1 - b1).
    func testWeightDecayShrinksAsAdamWSays() {
        let p0: [Double] = [0.5, -2, 3, 0], g: [Double] = [0.1, 0, -0.3, 0.2]
        var settings = AdamSettings()
        settings.learningRate = 0.01
        settings.weightDecay = 0.1
        settings.clipNorm = nil
        let params = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4), grads = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4)
        defer { params.deallocate(); grads.deallocate() }
        _ = params.initialize(from: p0); _ = grads.initialize(from: g)
        let adam = AdamOptimizer<Double>(parameters: params, gradients: grads, owner: nil, settings: settings)
        adam.update()
        let rate = 0.01 * (1 - 0.999).squareRoot() / (1 - 0.9)
        for i in 0..<4 {
            let m = 0.1 * g[i], v = 0.001 * g[i] * g[i]
            let expected = p0[i] * (1 - 0.01 * 0.1) - rate * m / (v.squareRoot() + 1e-7)
            XCTAssertEqual(params[i], expected, accuracy: 1e-12, "weight \(i)")
        }
        // Without a gradient the weight only shrinks: 2 x (1 - 0.001) after the second step too.
        XCTAssertEqual(params[1], -2 * 0.999, accuracy: 1e-15)
        grads.update(repeating: 0)
        adam.update()
        XCTAssertEqual(params[1], -2 * 0.999 * 0.999, accuracy: 1e-12)
    }

    /// The embedding's own learning rate: with three times the rate the rows move three times as far on the
    /// first step (Adam's first step is the rate times sign-like m / sqrt(v)); the other weights move the same.
    func testEmbeddingLearningRate() throws {
        let vectors: [Double] = (0..<12).map { Double($0 % 5) / 5 - 0.4 }
        var shape = NetworkShape(embeddingDimension: 3, classes: 2)
        shape.hidden = 3; shape.layers = 1; shape.dropout = 0; shape.trainEmbeddings = true
        func step(embeddingRate: Double?) throws -> (weights: [Double], table: [Double]) {
            let net = try vectors.withUnsafeBufferPointer { try Network<Double>(shape: shape, vectors: $0, seed: 2) }
            var settings = AdamSettings()
            settings.embeddingLearningRate = embeddingRate
            let adam = AdamOptimizer(network: net, settings: settings)
            let batch = PackedBatch(sequences: [[1, 2, 3], [4, 1]], indices: [0, 1])
            net.forward(batch, training: true)
            net.backward(batch, labels: batch.order.map { [Int32(0), 1][$0] })
            adam.update()
            return (Array(net.parameters), Array(UnsafeBufferPointer(start: net.embedding.values, count: 6 * 3)))
        }
        let base = try step(embeddingRate: nil), tripled = try step(embeddingRate: 0.003)
        XCTAssertEqual(base.weights, tripled.weights)
        var moved = 0
        for i in 3..<3 + vectors.count {                        // rows 1...4 (row 0 is padding)
            let original = vectors[i - 3]
            let d1 = base.table[i] - original, d3 = tripled.table[i] - original
            if abs(d1) > 1e-9 { moved += 1; XCTAssertEqual(d3 / d1, 3, accuracy: 1e-6, "value \(i)") }
        }
        XCTAssertGreaterThanOrEqual(moved, 12, "rows 1...4 were used")
    }

    /// Settings stored before word dropout, weight decay and the embedding rate existed read as off.
    func testOldSettingsReadAsOff() throws {
        let json = #"{"epochs":3,"batchSize":4,"seed":1,"adam":{"learningRate":0.001,"beta1":0.9,"beta2":0.999,"epsilon":1e-07,"clipNorm":5}}"#
        let settings = try JSONDecoder().decode(ClassifierSettings.self, from: Data(json.utf8))
        XCTAssertEqual(settings.wordDropout, 0)
        XCTAssertEqual(settings.adam.weightDecay, 0)
        XCTAssertNil(settings.adam.embeddingLearningRate)
        XCTAssertEqual(settings.epochs, 3)
        XCTAssertEqual(settings.adam.clipNorm, 5)
    }
}
