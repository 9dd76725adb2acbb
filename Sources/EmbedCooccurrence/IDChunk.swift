// Role: the chunks of encoded lines (word ids, line by line) the reading thread hands to the pair-counting
// threads through a ChunkQueue.
import EmbedCore

/// Encoded lines: ids of known words, line after line, with the end offset of each line.
final class IDChunk: ReusableChunk {
    private(set) var ids: UnsafeMutablePointer<Int32>
    private(set) var capacity: Int
    private(set) var count = 0
    private(set) var lineEnds: [Int] = []
    /// Per line: how many leading ids are context carried over from the line's previous piece.
    private(set) var lineContexts: [Int] = []

    init(capacity: Int) {
        self.capacity = capacity
        ids = .allocate(capacity: capacity)
    }

    deinit { ids.deallocate() }

    var isEmpty: Bool { lineEnds.isEmpty }
    func hasRoom(_ n: Int) -> Bool { count + n <= capacity }

    /// Appends one line (or piece of a line, whose first `context` ids only serve as context); a line longer
    /// than the chunk grows it.
    func append(_ line: UnsafePointer<Int32>, count n: Int, context: Int = 0) {
        UnsafeMutablePointer.grow(&ids, capacity: &capacity, keeping: count, toHold: count + n)
        (ids + count).update(from: line, count: n)
        count += n
        lineEnds.append(count)
        lineContexts.append(context)
    }

    func reset() { count = 0; lineEnds.removeAll(keepingCapacity: true); lineContexts.removeAll(keepingCapacity: true) }
}
