// Role: the Huffman tree of the vocabulary for hierarchical softmax: for each word, the inner nodes on its path
// from the root (rows of the output matrix) and the branch taken at each (its code bits), as in word2vec.
import EmbedCore

/// The Huffman tree of the vocabulary for hierarchical softmax (word2vec's): each word's path of inner nodes
/// from the root and the branch bit taken below each.
public struct HuffmanTree: Sendable {
    /// Number of leaves (words); inner nodes are numbered 0..<(count - 1), the root is count - 2.
    public let count: Int
    /// For word w: points[offsets[w] ..< offsets[w + 1]] are its inner nodes from the root down, and
    /// codes[...] the bit (0 or 1) taken below each of them. `offsets` has count + 1 entries.
    public let offsets: [Int32]
    /// The inner nodes (0-based, rows of the output matrix) of every word's path, root first, word after word.
    public let points: [Int32]
    /// The branch bits (0 or 1) of every word's path, aligned with `points`.
    public let codes: [UInt8]

    /// Builds the tree in O(n log n) (O(n) for counts in descending order, a fresh vocabulary's order) with
    /// word2vec's two-queue merge: leaves are consumed from the smallest end, merged nodes come out in increasing
    /// order. Counts out of order (a continued model's: old words keep their ids) are merged in sorted order.
    public init(counts: [Int64]) {
        let n = counts.count
        precondition(n >= 2, "a Huffman tree needs at least two words")
        count = n
        // Leaf k of the merge is word order[k] (the identity when the counts are already descending).
        let sorted = zip(counts, counts.dropFirst()).allSatisfy { $0 >= $1 }
        let order = sorted ? Array(0..<n) : (0..<n).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        // Nodes 0..<n are leaves (in merge order), n..<(2n - 1) merged nodes in creation order.
        var weight = [Int64](repeating: 0, count: 2 * n - 1)
        for k in 0..<n { weight[k] = counts[order[k]] }
        var parent = [Int32](repeating: 0, count: 2 * n - 1)
        var bit = [UInt8](repeating: 0, count: 2 * n - 1)
        var leaf = n - 1          // next smallest leaf (moving toward 0)
        var merged = n            // next smallest merged node
        func takeSmallest(_ next: Int) -> Int {
            if leaf >= 0 && (merged >= next || weight[leaf] < weight[merged]) {
                leaf -= 1; return leaf + 1
            }
            merged += 1; return merged - 1
        }
        for k in 0..<(n - 1) {
            let node = n + k
            let a = takeSmallest(node)
            let b = takeSmallest(node)
            weight[node] = weight[a] + weight[b]
            parent[a] = Int32(node); parent[b] = Int32(node)
            bit[b] = 1
        }
        let root = 2 * n - 2
        var leafOf = [Int](repeating: 0, count: n)
        for k in 0..<n { leafOf[order[k]] = k }
        var offsets = [Int32](repeating: 0, count: n + 1)
        var points: [Int32] = [], codes: [UInt8] = []
        points.reserveCapacity(n * 8); codes.reserveCapacity(n * 8)
        var pathPoints: [Int32] = [], pathCodes: [UInt8] = []
        for w in 0..<n {
            pathPoints.removeAll(keepingCapacity: true); pathCodes.removeAll(keepingCapacity: true)
            var node = leafOf[w]
            while node != root {
                pathCodes.append(bit[node])
                node = Int(parent[node])
                pathPoints.append(Int32(node - n))   // inner node index
            }
            points.append(contentsOf: pathPoints.reversed())
            codes.append(contentsOf: pathCodes.reversed())
            offsets[w + 1] = Int32(points.count)
        }
        self.offsets = offsets
        self.points = points
        self.codes = codes
    }

    /// Code length of word w.
    public func depth(_ w: Int) -> Int { Int(offsets[w + 1] - offsets[w]) }
    /// The code of word w: the branch bits from the root down.
    public func code(_ w: Int) -> [UInt8] { Array(codes[Int(offsets[w])..<Int(offsets[w + 1])]) }
    /// The path of word w: its inner nodes from the root down.
    public func path(_ w: Int) -> [Int32] { Array(points[Int(offsets[w])..<Int(offsets[w + 1])]) }
    /// The longest code in the tree (sizes the hierarchical softmax buffers).
    public var maxDepth: Int { (0..<count).map(depth).max() ?? 0 }
}
