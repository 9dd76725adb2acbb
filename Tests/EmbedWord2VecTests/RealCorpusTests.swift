// Role: a statistical check on real text (the start of gutenberg5 from the shared data): pairs of words that
// co-occur most (counted here, independently of the trainer) end up far more similar than random pairs.
import EmbedCore
import EmbedTestSupport
import EmbedCorpus
import Foundation
import EmbedKernels
import EmbedStreams
import EmbedVocabulary
import XCTest
@testable import EmbedWord2Vec

final class RealCorpusTests: XCTestCase {
    func testCooccurringWordsAreCloserThanRandomPairs() throws {
        let source = SharedData.path("corpora/gutenberg5.txt.zst")
        guard FileManager.default.fileExists(atPath: source) else { throw XCTSkip("shared data not found: \(source)") }
        // The first ~8k tokens (the whole file is read: the reader is not dropped half-way).
        let folder = try TemporaryFolder()
        let path = folder.file("start.txt")
        let reader = try LineReader(path: source)
        var text = Data(), tokens = 0
        while let line = try reader.nextLine() {
            guard tokens < 8_000 else { continue }
            text.append(contentsOf: line); text.append(0x0A)
            tokens += line.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) }
        }
        try text.write(to: URL(fileURLWithPath: path))

        var o = SkipGramSettings()
        o.dimension = 16; o.window = 3; o.epochs = 4; o.sample = 1e-3; o.threads = 1; o.seed = 3
        let trainer = try train(path, o, minCount: 3)
        let e = try trainer.model.wordVectors()
        // Centred (the mean vector removed: a small, short run leaves a large common component).
        var vectors = e.vectors
        for c in 0..<e.dimension {
            let mean = (0..<e.count).reduce(Float(0)) { $0 + vectors[$1 * e.dimension + c] } / Float(e.count)
            for r in 0..<e.count { vectors[r * e.dimension + c] -= mean }
        }
        vectors.withUnsafeMutableBufferPointer { VectorMath.normalizeRows($0.baseAddress!, rows: e.count, e.dimension) }
        func cosine(_ a: Int, _ b: Int) -> Double {
            vectors.withUnsafeBufferPointer { Double(VectorMath.dot($0.baseAddress! + a * e.dimension, $0.baseAddress! + b * e.dimension, e.dimension)) }
        }

        // Independent count: adjacent pairs (both ways) among the 300 most frequent words, scored by PMI.
        let vocabulary = trainer.model.vocabulary
        let top = min(300, vocabulary.size)
        var pairCounts: [Int: Int] = [:]
        let tokenizer = Tokenizer()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        for line in lines {
            let ids = try tokenizer.tokens(of: String(line)).map { Int(vocabulary.id(of: $0)) }
            for (a, b) in zip(ids, ids.dropFirst()) where a < top && b < top && a != b {
                pairCounts[min(a, b) * top + max(a, b), default: 0] += 1
            }
        }
        let total = Double(vocabulary.counts.reduce(0, +))
        func pmi(_ key: Int, _ n: Int) -> Double {
            let a = key / top, b = key % top
            return log(Double(n) * total / (Double(vocabulary.counts[a]) * Double(vocabulary.counts[b])))
        }
        let strong = pairCounts.filter { $0.value >= 5 }.sorted { pmi($0.key, $0.value) > pmi($1.key, $1.value) }.prefix(100)
        XCTAssertGreaterThan(strong.count, 50)
        var rng = FastRandom(seed: 1)
        let related = strong.map { cosine($0.key / top, $0.key % top) }
        let random = (0..<400).map { _ in cosine(rng.next(below: top), rng.next(below: top)) }
        func meanAndError(_ x: [Double]) -> (Double, Double) {
            let m = x.reduce(0, +) / Double(x.count)
            let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
            return (m, (v / Double(x.count)).squareRoot())
        }
        let (mr, er) = meanAndError(related), (mx, ex) = meanAndError(random)
        // A difference of more than 6 standard errors cannot come from chance.
        XCTAssertGreaterThan(mr - mx, 6 * (er * er + ex * ex).squareRoot(), "related \(mr) vs random \(mx)")
        XCTAssertGreaterThan(mr - mx, 0.15)
        if ProcessInfo.processInfo.environment["EMBED_TEST_VERBOSE"] != nil {
            print("related \(mr) ± \(er), random \(mx) ± \(ex), \(vocabulary.size) words")
        }
    }
}
