// Role: runs a chunk producer (zstd decompression) on its own thread, a few chunks ahead of the consumer,
// so decompression overlaps tokenizing. Bounded memory: `depth` chunks of `chunkSize` bytes.
import EmbedCore
import Foundation

final class ReadAhead: @unchecked Sendable {
    typealias Producer = (UnsafeMutableRawBufferPointer) throws -> Int

    private let chunks: [UnsafeMutableRawBufferPointer]
    // Raw memory, not an Array: both threads write to it, and an Array's copy-on-write check could copy it.
    private let filled: UnsafeMutablePointer<Int>
    private var failure: Error?
    private let empty: DispatchSemaphore
    private let full = DispatchSemaphore(value: 0)
    private var cancelled = false
    private let done = DispatchSemaphore(value: 0)
    private var readSlot = 0, readOffset = 0, finished = false

    init(chunkSize: Int = 1 << 20, depth: Int = 3, producer: @escaping Producer) {
        chunks = (0..<depth).map { _ in .allocate(byteCount: chunkSize, alignment: 16) }
        filled = .allocate(capacity: depth)
        filled.initialize(repeating: 0, count: depth)
        // libdispatch traps when a semaphore is released holding less than its initial value, which happens when
        // the consumer stops early (a limit, an error): start at 0 and signal the free slots instead.
        empty = DispatchSemaphore(value: 0)
        for _ in 0..<depth { empty.signal() }
        WorkerThread.start { [unowned self] in self.produce(producer) }
    }

    deinit {
        for c in chunks { c.deallocate() }
        filled.deallocate()
    }

    /// Stops the producer and waits for it (call before releasing).
    func close() {
        cancelled = true
        empty.signal()
        done.wait()
    }

    private func produce(_ producer: Producer) {
        var slot = 0
        while true {
            empty.wait()
            if cancelled { break }
            do {
                let n = try producer(chunks[slot])
                filled[slot] = n
                full.signal()
                if n == 0 { break }
            } catch {
                failure = error
                filled[slot] = -1
                full.signal()
                break
            }
            slot = (slot + 1) % chunks.count
        }
        done.signal()
    }

    /// Copies up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if finished { if let f = failure { throw f }; return 0 }
        if readOffset == 0 { full.wait() }
        let n = filled[readSlot]
        if n < 0 { finished = true; throw failure! }
        if n == 0 { finished = true; return 0 }
        let take = min(buffer.count, n - readOffset)
        buffer.baseAddress!.copyMemory(from: chunks[readSlot].baseAddress! + readOffset, byteCount: take)
        readOffset += take
        if readOffset == n {
            readOffset = 0
            readSlot = (readSlot + 1) % chunks.count
            empty.signal()
        }
        return take
    }
}
