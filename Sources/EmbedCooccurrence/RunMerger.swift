// Role: merging sorted sources into one sorted source, summing equal keys: a two-way merge for two inputs, a
// binary heap over current keys for more; plus the multi-level merge that bounds the number of open run files.
import EmbedCore
import Foundation

enum RunMerger {
    /// One sorted source over `sources` (each sorted by key, keys unique within a source).
    static func combine(_ sources: [MergeSource], blockEntries: Int = 1 << 15) -> MergeSource {
        switch sources.count {
        case 0: return MergeSource()
        case 1: return sources[0]
        case 2: return TwoWayMerge(sources[0], sources[1], blockEntries: blockEntries)
        default: return HeapMerge(sources, blockEntries: blockEntries)
        }
    }

    /// Merges `sources`, handing merged entries to `emit` in blocks. Returns the number of entries.
    @discardableResult
    static func merge(_ sources: [MergeSource], emit: (UnsafePointer<UInt64>, Int) throws -> Void) throws -> Int {
        let merged = combine(sources)
        var total = 0
        while try merged.nextBlock() {
            try emit(merged.block, merged.count)
            total += merged.count
        }
        return total
    }

    /// Merges `sources` into one run file.
    static func mergeToDisk(_ sources: [MergeSource], space: SpillSpace) throws -> DiskRun {
        let writer = try ScratchWriter(space: space, stem: "run")
        let n = try merge(sources) { entries, count in try writer.write(entries, count * RunEntry.byteSize) }
        try writer.finish()
        return DiskRun(path: writer.path, count: n)
    }

    /// Merges groups of the smallest runs until at most `fanIn` remain (the multi-level merge); merged inputs
    /// are deleted. Returns the remaining runs and the number of intermediate merges done.
    static func reduce(_ runs: [DiskRun], fanIn: Int, blockEntries: Int, space: SpillSpace) throws -> (runs: [DiskRun], merges: Int) {
        precondition(fanIn >= 2)
        var pending = runs.sorted { $0.count < $1.count }
        var merges = 0
        while pending.count > fanIn {
            // Merge just enough of the smallest runs that the rest fit in one final merge.
            let group = min(fanIn, pending.count - fanIn + 1)
            let inputs = Array(pending.prefix(group))
            let merged = try mergeToDisk(try inputs.map { try $0.source(blockEntries: blockEntries) }, space: space)
            for r in inputs { unlink(r.path) }
            pending.removeFirst(group)
            let at = pending.firstIndex { $0.count >= merged.count } ?? pending.count
            pending.insert(merged, at: at)
            merges += 1
        }
        return (pending, merges)
    }
}

/// Two sorted sources merged.
final class TwoWayMerge: MergeSource {
    private let a: MergeSource, b: MergeSource
    private var pa = 0, pb = 0
    private var aLive = false, bLive = false, started = false
    private let buffer: UnsafeMutablePointer<UInt64>
    private let capacity: Int

    init(_ a: MergeSource, _ b: MergeSource, blockEntries: Int) {
        self.a = a
        self.b = b
        capacity = max(blockEntries, 16)
        buffer = .allocate(capacity: 2 * capacity)
        super.init()
    }

    deinit { buffer.deallocate() }

    override var remainingEstimate: Int { a.remainingEstimate + b.remainingEstimate }

    override func nextBlock() throws -> Bool {
        if !started {
            started = true
            aLive = try a.nextBlock()
            bLive = try b.nextBlock()
        }
        // Locals in the loop: class properties would cost an exclusivity check per access.
        var n = 0
        var pa = self.pa, pb = self.pb, aLive = self.aLive, bLive = self.bLive
        var ab = a.block, ac = a.count, bb = b.block, bc = b.count
        let out = buffer, capacity = self.capacity
        defer { self.pa = pa; self.pb = pb; self.aLive = aLive; self.bLive = bLive }
        while aLive && bLive {
            let ka = ab[2 * pa], kb = bb[2 * pb]
            if ka <= kb {
                out[2 * n] = ka
                out[2 * n + 1] = ka == kb ? ab[2 * pa + 1] &+ bb[2 * pb + 1] : ab[2 * pa + 1]
                if ka == kb {
                    pb += 1
                    if pb == bc { pb = 0; bLive = try b.nextBlock(); bb = b.block; bc = b.count }
                }
                pa += 1
                if pa == ac { pa = 0; aLive = try a.nextBlock(); ab = a.block; ac = a.count }
            } else {
                out[2 * n] = kb
                out[2 * n + 1] = bb[2 * pb + 1]
                pb += 1
                if pb == bc { pb = 0; bLive = try b.nextBlock(); bb = b.block; bc = b.count }
            }
            n += 1
            if n == capacity { break }
        }
        if n > 0 { block = UnsafePointer(buffer); count = n; return true }
        // One side left: hand out the rest of its blocks as they are.
        if aLive { return try passThrough(a, &pa, &aLive) }
        if bLive { return try passThrough(b, &pb, &bLive) }
        return false
    }

    /// Hands out the rest of the current block of `s`; the next call loads its next block.
    private func passThrough(_ s: MergeSource, _ p: inout Int, _ live: inout Bool) throws -> Bool {
        if p == s.count {
            p = 0
            live = try s.nextBlock()
            if !live { return false }
        }
        block = s.block + 2 * p
        count = s.count - p
        p = s.count
        return true
    }
}

/// Any number of sorted sources merged through a binary heap of their current keys.
final class HeapMerge: MergeSource {
    private let sources: [MergeSource]
    private let pos: UnsafeMutablePointer<Int>
    private let blocks: UnsafeMutablePointer<UnsafePointer<UInt64>>
    private let counts: UnsafeMutablePointer<Int>
    private let current: UnsafeMutablePointer<UInt64>
    private let heap: UnsafeMutablePointer<Int>
    private var size = 0
    private var started = false
    private let buffer: UnsafeMutablePointer<UInt64>
    private let capacity: Int

    init(_ sources: [MergeSource], blockEntries: Int) {
        self.sources = sources
        let k = max(sources.count, 1)
        pos = .allocate(capacity: k)
        blocks = .allocate(capacity: k)
        counts = .allocate(capacity: k)
        current = .allocate(capacity: k)
        heap = .allocate(capacity: k)
        capacity = max(blockEntries, 16)
        buffer = .allocate(capacity: 2 * capacity)
        super.init()
    }

    deinit {
        pos.deallocate(); blocks.deallocate(); counts.deallocate(); current.deallocate(); heap.deallocate(); buffer.deallocate()
    }

    override var remainingEstimate: Int { sources.reduce(0) { $0 + $1.remainingEstimate } }

    @inline(__always)
    private static func siftDown(_ start: Int, heap: UnsafeMutablePointer<Int>, size: Int, current: UnsafeMutablePointer<UInt64>) {
        var parent = start
        let item = heap[parent], key = current[item]
        while true {
            var child = 2 * parent + 1
            if child >= size { break }
            if child + 1 < size && current[heap[child + 1]] < current[heap[child]] { child += 1 }
            if current[heap[child]] >= key { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = item
    }

    override func nextBlock() throws -> Bool {
        if !started {
            started = true
            for s in 0..<sources.count where try sources[s].nextBlock() {
                pos[s] = 0
                blocks[s] = sources[s].block
                counts[s] = sources[s].count
                current[s] = blocks[s][0]
                heap[size] = s
                size += 1
            }
            if size > 1 {
                for p in stride(from: size / 2 - 1, through: 0, by: -1) { HeapMerge.siftDown(p, heap: heap, size: size, current: current) }
            }
        }
        var n = 0
        var size = self.size
        defer { self.size = size }
        let heap = self.heap, current = self.current, pos = self.pos, blocks = self.blocks, counts = self.counts
        let out = buffer, capacity = self.capacity
        while size > 0 {
            let key = current[heap[0]]
            var value: UInt64 = 0
            repeat {
                let s = heap[0]
                value &+= blocks[s][2 * pos[s] + 1]
                pos[s] += 1
                if pos[s] == counts[s] {
                    pos[s] = 0
                    if !(try sources[s].nextBlock()) {
                        size -= 1
                        heap[0] = heap[size]
                        if size == 0 { break }
                        HeapMerge.siftDown(0, heap: heap, size: size, current: current)
                        continue
                    }
                    blocks[s] = sources[s].block
                    counts[s] = sources[s].count
                }
                current[s] = blocks[s][2 * pos[s]]
                HeapMerge.siftDown(0, heap: heap, size: size, current: current)
            } while current[heap[0]] == key
            out[2 * n] = key
            out[2 * n + 1] = value
            n += 1
            if n == capacity { break }
        }
        block = UnsafePointer(buffer)
        count = n
        return n > 0
    }
}
