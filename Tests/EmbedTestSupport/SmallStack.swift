// Role: runs a closure on a thread with a small stack and hands back its result, so a test can show that a
// kernel keeps buffers whose size the user chooses (negatives, dimension) off the stack: training threads
// get 1 MiB, far less than the main thread's 8 MiB, and an overflow there is a crash, not an error.
import Foundation

/// `body()` on a new thread of `bytes` of stack, waited for.
public func onSmallStack<T>(bytes: Int = 256 << 10, _ body: @escaping () -> T) -> T {
    let result = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        result.value = body()
        done.signal()
    }
    thread.stackSize = bytes
    thread.start()
    done.wait()
    return result.value!
}

/// The thread's result, read after the semaphore says it is written.
private final class ResultBox<T>: @unchecked Sendable { var value: T? }
