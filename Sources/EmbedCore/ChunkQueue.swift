// Role: hands reusable chunks of work from a reading thread to worker threads (the co-occurrence and
// vocabulary passes): a fixed pool of chunks (bounded memory), a queue of filled ones, and failure propagation
// both ways.
import Foundation

/// Something a `ChunkQueue` hands around: emptied (`reset`) each time it is taken to be filled again.
public protocol ReusableChunk: AnyObject {
    /// Empties the chunk, keeping its storage.
    func reset()
}

/// A fixed pool of reusable chunks between one filling thread and worker threads: the filler takes free chunks
/// and submits them filled, workers take filled ones and give them back; closing ends the workers' loop and a
/// failure on either side stops both (the first error is kept).
public final class ChunkQueue<Chunk: ReusableChunk>: @unchecked Sendable {
    private let condition = NSCondition()
    private var free: [Chunk]
    private var filled: [Chunk] = []
    private var head = 0
    private var closed = false
    private var failure: Error?

    /// A pool of `chunks` chunks made by `make`.
    public init(chunks: Int, make: () -> Chunk) {
        free = (0..<chunks).map { _ in make() }
    }

    /// An empty chunk for the reader (waits for one); throws when a counter failed.
    public func takeFree() throws -> Chunk {
        condition.lock(); defer { condition.unlock() }
        while free.isEmpty && failure == nil { condition.wait() }
        if let f = failure { throw f }
        let c = free.removeLast()
        c.reset()
        return c
    }

    /// Hands a filled chunk to the workers.
    public func submit(_ chunk: Chunk) { changeAndWake { filled.append(chunk) } }

    /// The next filled chunk for a counter, or nil once the reader closed the queue (or something failed).
    public func takeFilled() -> Chunk? {
        condition.lock(); defer { condition.unlock() }
        while head == filled.count && !closed && failure == nil { condition.wait() }
        if failure != nil || head == filled.count { return nil }
        return popFilled()
    }

    /// A filled chunk if more than `backlog` are waiting (the reader counts it itself), else nil at once.
    public func takeFilled(ifMoreThan backlog: Int) -> Chunk? {
        condition.lock(); defer { condition.unlock() }
        guard failure == nil, filled.count - head > backlog else { return nil }
        return popFilled()
    }

    /// The oldest filled chunk (the lock held, one waiting).
    private func popFilled() -> Chunk {
        let c = filled[head]
        head += 1
        if head == filled.count { filled.removeAll(keepingCapacity: true); head = 0 }
        return c
    }

    /// Returns a chunk a worker is done with to the free pool.
    public func giveBack(_ chunk: Chunk) { changeAndWake { free.append(chunk) } }

    /// No more chunks will come.
    public func close() { changeAndWake { closed = true } }

    /// Makes `change` under the lock and wakes every waiting thread.
    private func changeAndWake(_ change: () -> Void) {
        condition.lock()
        change()
        condition.broadcast()
        condition.unlock()
    }

    /// Stops everyone; the first error is kept.
    public func fail(_ error: Error) { changeAndWake { if failure == nil { failure = error } } }

    /// The first failure, if any.
    public var error: Error? { condition.lock(); defer { condition.unlock() }; return failure }
}
