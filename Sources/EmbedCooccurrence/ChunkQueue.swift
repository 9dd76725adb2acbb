// Role: hands chunks of encoded lines from the reading thread to the counting threads: a fixed pool of
// reusable chunks (bounded memory), a queue of filled ones, and failure propagation both ways.
import EmbedCore
import Foundation

/// Encoded lines: ids of known words, line after line, with the end offset of each line.
final class IDChunk {
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
        if n > capacity - count {
            let bigger = max(capacity * 2, count + n)
            let grown = UnsafeMutablePointer<Int32>.allocate(capacity: bigger)
            grown.update(from: ids, count: count)
            ids.deallocate()
            ids = grown
            capacity = bigger
        }
        (ids + count).update(from: line, count: n)
        count += n
        lineEnds.append(count)
        lineContexts.append(context)
    }

    func reset() { count = 0; lineEnds.removeAll(keepingCapacity: true); lineContexts.removeAll(keepingCapacity: true) }
}

final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [IDChunk]
    private var filled: [IDChunk] = []
    private var head = 0
    private var closed = false
    private var failure: Error?

    init(chunks: Int, capacity: Int) {
        free = (0..<chunks).map { _ in IDChunk(capacity: capacity) }
    }

    /// An empty chunk for the reader (waits for one); throws when a counter failed.
    func takeFree() throws -> IDChunk {
        condition.lock(); defer { condition.unlock() }
        while free.isEmpty && failure == nil { condition.wait() }
        if let f = failure { throw f }
        let c = free.removeLast()
        c.reset()
        return c
    }

    func submit(_ chunk: IDChunk) {
        condition.lock()
        filled.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// The next filled chunk for a counter, or nil once the reader closed the queue (or something failed).
    func takeFilled() -> IDChunk? {
        condition.lock(); defer { condition.unlock() }
        while head == filled.count && !closed && failure == nil { condition.wait() }
        if failure != nil || head == filled.count { return nil }
        let c = filled[head]
        head += 1
        if head == filled.count { filled.removeAll(keepingCapacity: true); head = 0 }
        return c
    }

    /// A filled chunk if more than `backlog` are waiting (the reader counts it itself), else nil at once.
    func takeFilled(ifMoreThan backlog: Int) -> IDChunk? {
        condition.lock(); defer { condition.unlock() }
        guard failure == nil, filled.count - head > backlog else { return nil }
        let c = filled[head]
        head += 1
        if head == filled.count { filled.removeAll(keepingCapacity: true); head = 0 }
        return c
    }

    func giveBack(_ chunk: IDChunk) {
        condition.lock()
        free.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    /// No more chunks will come.
    func close() {
        condition.lock(); closed = true; condition.broadcast(); condition.unlock()
    }

    /// Stops everyone; the first error is kept.
    func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    var error: Error? { condition.lock(); defer { condition.unlock() }; return failure }
}
