// Role: big zero-filled buffers straight from mmap with transparent huge pages requested: the dense table and
// the event buffers are hit at random, and 2 MB pages cut their page faults and TLB misses.
import EmbedCore
import Foundation

final class LargeAllocation {
    let base: UnsafeMutableRawPointer
    let bytes: Int
    private let mapped: Bool

    /// `bytes` zeroed bytes (at least 1), aligned to 16.
    init(bytes: Int) {
        self.bytes = max(bytes, 1)
        if self.bytes >= 1 << 21,
           let p = mmap(nil, self.bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED {
            madvise(p, self.bytes, MADV_HUGEPAGE)
            base = p
            mapped = true
        } else {
            base = calloc(self.bytes, 1)!
            mapped = false
        }
    }

    deinit {
        if mapped { munmap(base, bytes) } else { free(base) }
    }

    func pointer<T>(to type: T.Type) -> UnsafeMutablePointer<T> { base.bindMemory(to: type, capacity: bytes / MemoryLayout<T>.stride) }
}
