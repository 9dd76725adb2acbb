// Role: big zero-filled buffers straight from mmap with transparent huge pages requested: co-occurrence tables,
// event buffers and the trainers' weight blocks are hit at random, and 2 MB pages cut their page faults and TLB
// misses (a row a step in a block of 100+ MB otherwise misses the TLB nearly every time).
import Foundation

/// A zero-filled buffer that asks for transparent huge pages when it is 2 MB or more (mmap), else 64-byte aligned from the heap.
public final class LargeAllocation: @unchecked Sendable {
    /// The first byte.
    public let base: UnsafeMutableRawPointer
    /// The size in bytes (at least 1).
    public let bytes: Int
    private let mapped: Bool

    /// `bytes` zeroed bytes (at least 1), aligned to 64 (to a page from 2 MB on).
    public init(bytes: Int) {
        self.bytes = max(bytes, 1)
        if self.bytes >= 1 << 21,
           let p = mmap(nil, self.bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED {
            madvise(p, self.bytes, MADV_HUGEPAGE)
            base = p
            mapped = true
        } else {
            base = UnsafeMutableRawPointer.allocate(byteCount: self.bytes, alignment: 64)
            base.initializeMemory(as: UInt8.self, repeating: 0, count: self.bytes)
            mapped = false
        }
    }

    deinit {
        if mapped { munmap(base, bytes) } else { base.deallocate() }
    }

    /// The buffer as `T` values.
    public func pointer<T>(to type: T.Type) -> UnsafeMutablePointer<T> { base.bindMemory(to: type, capacity: bytes / MemoryLayout<T>.stride) }
}
