// Role: the linear-chain CRF against brute force on tiny examples: the forward algorithm's log-partition
// (and so the log-likelihood) equals the log-sum-exp over every allowed path, Viterbi finds the best allowed
// path, and the gradients of the log-likelihood (transitions, start, end, emissions) match finite differences;
// for BIO, IOBES and unconstrained tag sets.
import EmbedCore
import EmbedClassifier
import EmbedTestSupport
@testable import EmbedTagger
import Foundation
import XCTest

final class CRFTests: XCTestCase {
    /// Three sequences of unequal lengths, packed.
    let lengths = [3, 1, 2]

    func batch() -> PackedBatch {
        let sequences = lengths.map { n in (0..<n).map { Int32($0 + 1) } }
        return PackedBatch(sequences: sequences, indices: Array(sequences.indices))
    }

    /// Every path of `length` tags over `k` classes.
    func paths(_ length: Int, _ k: Int) -> [[Int]] {
        guard length > 0 else { return [[]] }
        return paths(length - 1, k).flatMap { p in (0..<k).map { p + [$0] } }
    }

    /// Score of `path` for packed sequence b, or nil when the constraints forbid it.
    func score(_ path: [Int], b: Int, batch: PackedBatch, crf: LinearChainCRF<Double>, emissions: TestBuffer,
               parameters: TestBuffer) -> Double? {
        let k = crf.tags, trans = parameters.pointer + crf.parameterOffset, start = trans + k * k, end = start + k
        guard crf.allowedStart[path[0]], crf.allowedEnd[path[path.count - 1]] else { return nil }
        var s = start[path[0]] + end[path[path.count - 1]]
        for (t, y) in path.enumerated() {
            s += emissions[(batch.stepOffsets[t] + b) * k + y]
            if t > 0 {
                guard crf.allowed[path[t - 1] * k + y] else { return nil }
                s += trans[path[t - 1] * k + y]
            }
        }
        return s
    }

    func logSumExp(_ values: [Double]) -> Double {
        let top = values.max()!
        return top + Foundation.log(values.reduce(0) { $0 + Foundation.exp($1 - top) })
    }

    /// A CRF at offset 3 of random parameters, random emissions, and gold paths that are allowed.
    func setUp(_ crf: LinearChainCRF<Double>, seed: UInt64) -> (TestBuffer, TestBuffer, [Int32]) {
        var random = FastRandom(seed: seed)
        let batch = batch()
        let parameters = TestBuffer(uniform: crf.parameterCount + 3, &random, scale: 1.5)
        let emissions = TestBuffer(uniform: batch.rows * crf.tags, &random, scale: 2)
        // Gold: the first allowed path in enumeration order for each sequence, shifted by the sequence index.
        var gold = [Int32](repeating: 0, count: batch.rows)
        for b in 0..<batch.count {
            let allowed = paths(batch.lengths[b], crf.tags).filter {
                score($0, b: b, batch: batch, crf: crf, emissions: emissions, parameters: parameters) != nil
            }
            let path = allowed[(7 * b + 3) % allowed.count]
            for (t, y) in path.enumerated() { gold[batch.stepOffsets[t] + b] = Int32(y) }
        }
        return (parameters, emissions, gold)
    }

    func tagSets() -> [(String, LinearChainCRF<Double>)] {
        let bio = TagSet(types: ["A", "B"], encoding: .bio)              // O, B-A, I-A, B-B, I-B
        let iobes = TagSet(types: ["A"], encoding: .iobes)              // O, B-A, I-A, E-A, S-A
        let k = 4
        let free = LinearChainCRF<Double>(tags: k, allowed: [Bool](repeating: true, count: k * k),
                                          allowedStart: [Bool](repeating: true, count: k),
                                          allowedEnd: [Bool](repeating: true, count: k), parameterOffset: 3)
        return [("bio", LinearChainCRF(tagSet: bio, parameterOffset: 3)),
                ("iobes", LinearChainCRF(tagSet: iobes, parameterOffset: 3)), ("unconstrained", free)]
    }

    func testForwardAlgorithmEqualsBruteForceOverAllPaths() {
        for (name, crf) in tagSets() {
            let (parameters, emissions, gold) = setUp(crf, seed: 5)
            let batch = batch()
            var expected = 0.0
            for b in 0..<batch.count {
                let scores = paths(batch.lengths[b], crf.tags).compactMap {
                    score($0, b: b, batch: batch, crf: crf, emissions: emissions, parameters: parameters)
                }
                let goldPath = (0..<batch.lengths[b]).map { Int(gold[batch.stepOffsets[$0] + b]) }
                let goldScore = score(goldPath, b: b, batch: batch, crf: crf, emissions: emissions, parameters: parameters)!
                expected += logSumExp(scores) - goldScore
            }
            let nll = crf.negativeLogLikelihood(emissions: emissions.pointer, batch: batch, gold: gold,
                                                parameters: parameters.pointer, gradients: nil, scale: 1)
            XCTAssertEqual(nll, expected, accuracy: 1e-10, name)
            XCTAssertGreaterThan(nll, 0, name)
        }
    }

    func testViterbiEqualsBruteForce() {
        for seed: UInt64 in [1, 2, 3] {
            for (name, crf) in tagSets() {
                let (parameters, emissions, _) = setUp(crf, seed: seed)
                let batch = batch()
                let decoded = crf.decode(emissions: emissions.pointer, batch: batch, parameters: parameters.pointer)
                for b in 0..<batch.count {
                    let best = paths(batch.lengths[b], crf.tags).compactMap { path in
                        score(path, b: b, batch: batch, crf: crf, emissions: emissions, parameters: parameters).map { (path, $0) }
                    }.max { $0.1 < $1.1 }!
                    XCTAssertEqual(decoded[b].map(Int.init), best.0, "\(name) seed \(seed) sequence \(b)")
                }
            }
        }
    }

    func testLogLikelihoodGradientsMatchFiniteDifferences() {
        for (name, crf) in tagSets() {
            let (parameters, emissions, gold) = setUp(crf, seed: 9)
            let batch = batch()
            let scale = 1 / Double(batch.rows)
            func loss() -> Double {
                crf.negativeLogLikelihood(emissions: emissions.pointer, batch: batch, gold: gold,
                                          parameters: parameters.pointer, gradients: nil, scale: 1) * scale
            }
            let grads = TestBuffer(zeros: parameters.count)
            _ = crf.negativeLogLikelihood(emissions: emissions.pointer, batch: batch, gold: gold,
                                          parameters: parameters.pointer, gradients: grads.pointer, scale: scale)
            let dEmissions = Array(UnsafeBufferPointer(start: crf.emissionGradient, count: emissions.count))
            XCTAssertEqual(Array(grads.values[0..<3]), [0, 0, 0], "outside the CRF's slice")
            GradientCheck.assertMatches(Array(grads.values[3...]), parameters: parameters.pointer + 3,
                                        count: crf.parameterCount, "\(name) transitions", loss: loss)
            GradientCheck.assertMatches(dEmissions, parameters: emissions.pointer, count: emissions.count,
                                        "\(name) emissions", loss: loss)
            // Forbidden transitions get no gradient.
            let k = crf.tags
            for i in 0..<(k * k) where !crf.allowed[i] { XCTAssertEqual(grads[3 + i], 0, "\(name) forbidden \(i)") }
        }
    }

    func testBIOConstraints() {
        let set = TagSet(types: ["LOC", "PER"], encoding: .bio)
        XCTAssertEqual(set.names, ["O", "B-LOC", "I-LOC", "B-PER", "I-PER"])
        XCTAssertFalse(set.allows(0, 2), "O -> I-LOC")
        XCTAssertFalse(set.allows(3, 2), "B-PER -> I-LOC")
        XCTAssertFalse(set.allows(4, 2), "I-PER -> I-LOC")
        XCTAssertTrue(set.allows(1, 2)); XCTAssertTrue(set.allows(2, 2)); XCTAssertTrue(set.allows(2, 3))
        XCTAssertFalse(set.allowsStart(2)); XCTAssertTrue(set.allowsStart(1)); XCTAssertTrue(set.allowsEnd(1))
        let iobes = TagSet(types: ["X"], encoding: .iobes)
        XCTAssertEqual(iobes.names, ["O", "B-X", "I-X", "E-X", "S-X"])
        XCTAssertFalse(iobes.allows(1, 0), "B-X -> O leaves the entity open")
        XCTAssertTrue(iobes.allows(1, 3)); XCTAssertTrue(iobes.allows(3, 4)); XCTAssertFalse(iobes.allows(4, 2))
        XCTAssertFalse(iobes.allowsEnd(1)); XCTAssertTrue(iobes.allowsEnd(3)); XCTAssertFalse(iobes.allowsStart(3))
    }
}
