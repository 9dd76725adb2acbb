// Role: tests the Huffman tree: codes are prefix-free, the Kraft sum is 1, paths are consistent with codes,
// and the expected code length equals the optimum computed independently (sum of merge weights).
import EmbedCore
import EmbedTestSupport
import EmbedKernels
import XCTest
@testable import EmbedWord2Vec

final class HuffmanTreeTests: XCTestCase {
    /// Optimal expected length (times the total count): the sum of all merged weights of any Huffman merge
    /// order, computed here with a plain sorted list.
    func optimalCost(_ counts: [Int64]) -> Int64 {
        var pool = counts.sorted()
        var cost: Int64 = 0
        while pool.count > 1 {
            let merged = pool.removeFirst() + pool.removeFirst()
            cost += merged
            pool.insert(merged, at: pool.firstIndex { $0 > merged } ?? pool.count)
        }
        return cost
    }

    func check(_ counts: [Int64], file: StaticString = #filePath, line: UInt = #line) {
        let tree = HuffmanTree(counts: counts)
        let codes = (0..<counts.count).map { tree.code($0) }
        // Prefix-free: no code is a prefix of another.
        for a in codes.indices {
            for b in codes.indices where a != b && codes[a].count <= codes[b].count {
                XCTAssertNotEqual(Array(codes[b].prefix(codes[a].count)), codes[a], "code \(a) prefixes \(b)", file: file, line: line)
            }
        }
        // Full binary tree: Kraft sum exactly 1.
        let kraft = codes.reduce(0.0) { $0 + pow(2, -Double($1.count)) }
        XCTAssertEqual(kraft, 1, accuracy: 1e-12, file: file, line: line)
        // Minimal expected length.
        let cost = zip(counts, codes).reduce(Int64(0)) { $0 + $1.0 * Int64($1.1.count) }
        XCTAssertEqual(cost, optimalCost(counts), file: file, line: line)
        // Paths start at the root, use inner nodes only, and equal prefixes mean equal paths.
        for w in 0..<counts.count {
            let path = tree.path(w)
            XCTAssertEqual(path.count, codes[w].count, file: file, line: line)
            XCTAssertEqual(path.first, Int32(counts.count - 2), "root first", file: file, line: line)
            XCTAssertTrue(path.allSatisfy { $0 >= 0 && $0 < counts.count - 1 }, file: file, line: line)
            XCTAssertEqual(Set(path).count, path.count, file: file, line: line)
        }
        for a in 0..<counts.count {
            for b in 0..<counts.count {
                let common = zip(codes[a], codes[b]).prefix { $0 == $1 }.count
                if common < min(codes[a].count, codes[b].count) {
                    // They split at node path[common]: same node, different bits.
                    XCTAssertEqual(tree.path(a)[common], tree.path(b)[common], file: file, line: line)
                }
            }
        }
    }

    func testSmallHandComputedTree() {
        // Counts 5, 2, 1, 1: merges 1+1=2, 2+2=4, 4+5=9: lengths 1, 2, 3, 3.
        let tree = HuffmanTree(counts: [5, 2, 1, 1])
        XCTAssertEqual((0..<4).map(tree.depth), [1, 2, 3, 3])
        check([5, 2, 1, 1])
    }

    func testTwoWordsAndTies() {
        check([1, 1])
        check([7, 7, 7, 7, 7, 7, 7])
        check([10, 10, 1, 1, 1, 1])
    }

    func testRandomZipfLikeCounts() {
        var rng = FastRandom(seed: 9)
        for size in [3, 17, 100, 200] {
            let counts = (0..<size).map { Int64(1 + rng.next(below: 100_000) / ($0 + 1)) }.sorted(by: >)
            check(counts)
        }
    }

    /// A continued model's counts are out of order (old words keep their ids, new ones are appended): the tree
    /// is still optimal, and each word's code length is the one its count gets in the sorted vocabulary.
    func testUnsortedCountsGiveEachWordItsSortedCodeLength() {
        var rng = FastRandom(seed: 4)
        for size in [2, 5, 60] {
            let counts = (0..<size).map { _ in Int64(1 + rng.next(below: 1_000)) }
            check(counts)
            let order = (0..<size).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            let sortedTree = HuffmanTree(counts: order.map { counts[$0] })
            let tree = HuffmanTree(counts: counts)
            for (k, w) in order.enumerated() { XCTAssertEqual(tree.depth(w), sortedTree.depth(k), "word \(w)") }
        }
    }
}
