// Role: the one way the package starts a worker thread (trainers, counters, read-ahead): a plain Thread with a
// fixed, small stack, since the hot loops keep their state on the heap.
import Foundation

/// Starts the package's worker threads.
public enum WorkerThread {
    /// Bytes of stack each worker thread gets (1 MiB).
    public static let stackSize = 1 << 20

    /// Runs `body` on a new thread with `stackSize` bytes of stack; returns at once.
    public static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = stackSize
        thread.start()
    }
}
