// Role: the tagger uses context several steps back: the tag of a city depends on whether "arrive" or
// "leave" came three to five tokens earlier, and every city appears equally often with both tags, so any
// per-token classifier (which sees only the token) is at chance on them. The BiLSTM tagger must find the
// entities; a per-token softmax on the same word vectors cannot.
import EmbedCore
import EmbedClassifier
import EmbedTestSupport
import EmbedVectors
@testable import EmbedTagger
import XCTest

final class LongRangeTests: XCTestCase {
    static let cities = ["taipei", "paris", "tokyo", "lima", "oslo", "rome"]
    static let fillers = ["please", "now", "soon", "then", "really", "today"]
    static let words = ["arrive", "leave"] + cities + fillers

    /// `count` sentences: trigger, 3-5 fillers, a city (destination after "arrive", departure after "leave"),
    /// 0-2 fillers. The city cycles so each appears with both tags equally often.
    static func sentences(_ count: Int, seed: UInt64) -> [TaggedSentence] {
        var random = FastRandom(seed: seed)
        return (0..<count).map { i in
            let arrive = i % 2 == 0
            let city = cities[(i / 2) % cities.count]
            var tokens = [arrive ? "arrive" : "leave"]
            for _ in 0..<(3 + random.next(below: 3)) { tokens.append(fillers[random.next(below: fillers.count)]) }
            let at = tokens.count
            tokens.append(city)
            for _ in 0..<random.next(below: 3) { tokens.append(fillers[random.next(below: fillers.count)]) }
            var tags = [ChunkTag](repeating: .outside, count: tokens.count)
            tags[at] = ChunkTag(kind: .begin, type: arrive ? "destination" : "departure")
            return TaggedSentence(tokens: tokens, tags: tags, lines: Array(0..<tokens.count))
        }
    }

    func testBiLSTMUsesTheTriggerSeveralStepsBack() throws {
        let train = TaggedData(sentences: Self.sentences(240, seed: 1), scheme: .iob2)
        let test = TaggedData(sentences: Self.sentences(60, seed: 2), scheme: .iob2)
        // Each city occurs as often as a destination as a departure: the token alone carries no information.
        var byCity: [String: [String: Int]] = [:]
        for s in train.sentences { for (t, tag) in zip(s.tokens, s.tags) where tag.kind != .outside { byCity[t, default: [:]][tag.type, default: 0] += 1 } }
        for counts in byCity.values { XCTAssertEqual(counts["destination"], counts["departure"]) }

        let vectors = try Fixtures.randomVectors(words: Self.words, dimension: 6, seed: 4)
        var training = TaggerTraining()
        training.shape.hidden = 12
        training.shape.useCharacters = false
        training.shape.casingDimension = 0
        training.shape.dropout = 0
        training.settings.epochs = 25
        training.settings.batchSize = 16
        training.settings.adam.learningRate = 0.02
        let tagger = try training.train(vectors: vectors, source: "synthetic", train: train).tagger
        let scores = tagger.evaluate(test)
        XCTAssertGreaterThanOrEqual(scores.f1, 0.95, "the BiLSTM tagger carries the trigger to the city")

        // Per-token baseline: softmax regression from the word vector alone, trained to convergence.
        let f1 = Self.perTokenF1(vectors: vectors, train: train, test: test)
        XCTAssertLessThanOrEqual(f1, 0.6, "a per-token classifier is at chance on the cities")
    }

    /// Entity F1 of a softmax over O / B-destination / B-departure from each token's vector alone.
    static func perTokenF1(vectors: WordVectors, train: TaggedData, test: TaggedData) -> Double {
        let d = vectors.dimension, classes = 3
        func label(_ tag: ChunkTag) -> Int32 { tag.kind == .outside ? 0 : tag.type == "destination" ? 1 : 2 }
        func rows(_ data: TaggedData) -> (inputs: [Double], labels: [Int32]) {
            var inputs: [Double] = [], labels: [Int32] = []
            for s in data.sentences {
                for (token, tag) in zip(s.tokens, s.tags) {
                    inputs += vectors.vector(for: token)!.map(Double.init)
                    labels.append(label(tag))
                }
            }
            return (inputs, labels)
        }
        let (x, y) = rows(train)
        let dense = DenseSoftmax<Double>(inputSize: d, classes: classes, parameterOffset: 0)
        var weights = [Double](repeating: 0, count: dense.parameterCount), gradients = weights
        for _ in 0..<600 {
            for i in gradients.indices { gradients[i] = 0 }
            dense.forward(input: x, rows: y.count, parameters: weights)
            dense.backward(input: x, labels: y, rows: y.count, parameters: weights, gradients: &gradients)
            for i in weights.indices { weights[i] -= 2 * gradients[i] }
        }
        let (tx, _) = rows(test)
        let total = test.tokenCount
        dense.forward(input: tx, rows: total, parameters: weights)
        var scores = TaggingScores(), r = 0
        for s in test.sentences {
            let predicted: [ChunkTag] = s.tokens.indices.map { _ in
                let p = (0..<classes).map { dense.output[r * classes + $0] }
                r += 1
                let top = p.indices.max { p[$0] < p[$1] }!
                return top == 0 ? .outside : ChunkTag(kind: .begin, type: top == 1 ? "destination" : "departure")
            }
            scores.add(gold: s.tags, predicted: predicted)
        }
        return scores.f1
    }
}
