// Role: the training records (non-zero X_ij) as the trainer sees them: held in memory, prepared once
// (f(x), log x) and shuffled by the seed, or streamed from the (already shuffled) record file chunk by chunk.
import Cooccurrence
import Foundation
import Kernels
import Streams

public final class RecordStore: @unchecked Sendable {
    public typealias Record = GloVeKernel.Record

    /// Number of records (non-zero X_ij).
    public let count: Int
    /// Words the ids may refer to (1...words in the file, 0..<words once prepared).
    public let words: Int
    /// Hash of the count and the first records as stored, to tell record files apart in checkpoints.
    public let fingerprint: UInt64
    private let memory: UnsafeMutablePointer<Record>?
    private let file: RecordFile?
    private let xMax: Double, alpha: Double

    /// The record file read (nil for records given in memory).
    public let path: String?

    public var isInMemory: Bool { memory != nil }

    /// Bytes the in-memory form takes.
    public static func memoryBytes(records: Int) -> Int64 { Int64(records) * Int64(MemoryLayout<Record>.stride) }

    /// Opens a record file: reads it all into memory and shuffles it (seeded) when `inMemory`, else streams
    /// it in file order on every epoch. Every record is checked (ids within 1...words, x positive and finite).
    /// `inMemory` nil: in memory when the records and the model fit under `options.memoryBytes`.
    public init(path: String, words: Int, options: GloVeOptions, inMemory: Bool? = nil) throws {
        let f = try RecordFile(path: path)
        self.path = path
        count = f.count
        let modelBytes = Int64(GloVeLayout(dimension: options.dimension, words: words).totalFloats) * 4
        let inMemory = inMemory ?? (RecordStore.memoryBytes(records: count) + modelBytes <= options.memoryBytes)
        self.words = words
        xMax = options.xMax
        alpha = options.alpha
        let head = min(count, 256)
        let probe = UnsafeMutableRawPointer.allocate(byteCount: head * CooccurrenceRecord.byteSize, alignment: 16)
        defer { probe.deallocate() }
        try f.read(from: 0, count: head, into: probe)
        fingerprint = RecordStore.hash(count: count, UnsafeRawBufferPointer(start: probe, count: head * CooccurrenceRecord.byteSize))
        if inMemory {
            // Once every stored property is set, a throw runs deinit (which frees `memory`).
            memory = .allocate(capacity: count)
            file = nil
            let m = memory!
            let chunk = 1 << 22
            var first = 0
            while first < count {
                let n = min(chunk, count - first)
                try f.read(from: first, count: n, into: UnsafeMutableRawPointer(m + first))
                first += n
            }
            try prepareAll(m)
            RecordStore.shuffle(m, count: count, seed: options.seed)
        } else {
            memory = nil
            file = f
        }
    }

    /// Records already in memory (tests, or a co-occurrence stage that kept X in memory); shuffled by the seed.
    public init(records: [CooccurrenceRecord], words: Int, options: GloVeOptions, shuffle: Bool = true) throws {
        guard !records.isEmpty else { throw InputError("no co-occurrence records") }
        path = nil
        count = records.count
        self.words = words
        xMax = options.xMax
        alpha = options.alpha
        let m = UnsafeMutablePointer<Record>.allocate(capacity: count)
        let raw = UnsafeMutableRawPointer(m)
        for (n, r) in records.enumerated() {
            raw.storeBytes(of: r.i.littleEndian, toByteOffset: 16 * n, as: Int32.self)
            raw.storeBytes(of: r.j.littleEndian, toByteOffset: 16 * n + 4, as: Int32.self)
            raw.storeBytes(of: r.x.bitPattern.littleEndian, toByteOffset: 16 * n + 8, as: UInt64.self)
        }
        fingerprint = RecordStore.hash(count: count, UnsafeRawBufferPointer(start: raw, count: min(count, 256) * 16))
        memory = m
        file = nil
        try prepareAll(m)
        if shuffle { RecordStore.shuffle(m, count: count, seed: options.seed) }
    }

    deinit { memory?.deallocate() }

    /// Scratch space for `records(at:count:scratch:)` in streaming mode (nil in memory).
    func makeScratch(capacity: Int) -> UnsafeMutablePointer<Record>? {
        memory == nil ? .allocate(capacity: capacity) : nil
    }

    /// Records first..<first+count, ready for the kernel: a pointer into memory, or read into `scratch`.
    func records(at first: Int, count n: Int, scratch: UnsafeMutablePointer<Record>?) throws -> UnsafePointer<Record> {
        if let m = memory { return UnsafePointer(m + first) }
        let s = scratch!
        try file!.read(from: first, count: n, into: UnsafeMutableRawPointer(s))
        try prepare(s, count: n, firstIndex: first)
        return UnsafePointer(s)
    }

    /// All records in training order (in memory only; for tests and exact costs).
    public var prepared: UnsafeBufferPointer<Record>? {
        memory.map { UnsafeBufferPointer(start: $0, count: count) }
    }

    private func prepareAll(_ m: UnsafeMutablePointer<Record>) throws {
        let chunk = 1 << 16
        var first = 0
        while first < count {
            let n = Swift.min(chunk, count - first)
            try prepare(m + first, count: n, firstIndex: first)
            first += n
        }
    }

    /// Rewrites stored records (int32 i, int32 j, float64 x; 1-based) in place as kernel records
    /// (0-based ids, f(x), log x): both are 16 bytes.
    private func prepare(_ p: UnsafeMutablePointer<Record>, count n: Int, firstIndex: Int) throws {
        let raw = UnsafeMutableRawPointer(p)
        let v = Int32(words)
        let logXMax = Foundation.log(xMax)
        for r in 0..<n {
            let i = Int32(littleEndian: raw.load(fromByteOffset: 16 * r, as: Int32.self))
            let j = Int32(littleEndian: raw.load(fromByteOffset: 16 * r + 4, as: Int32.self))
            let x = Double(bitPattern: UInt64(littleEndian: raw.load(fromByteOffset: 16 * r + 8, as: UInt64.self)))
            guard i >= 1, i <= v, j >= 1, j <= v else {
                throw InputError("record \(firstIndex + r + 1): word id \(i < 1 || i > v ? i : j) is outside the vocabulary (1...\(v))",
                                 path: path)
            }
            guard x > 0, x.isFinite else {
                throw InputError("record \(firstIndex + r + 1): count \(x) is not positive and finite", path: path)
            }
            let logX = Foundation.log(x)
            let f = x < xMax ? Foundation.exp(alpha * (logX - logXMax)) : 1   // (x / x_max)^alpha
            p[r] = Record(i: i - 1, j: j - 1, weight: Float(f), logX: Float(logX))
        }
    }

    /// Fisher-Yates with the seed's own stream (independent of the weight initialisation's).
    static func shuffle(_ m: UnsafeMutablePointer<Record>, count: Int, seed: UInt64) {
        var random = FastRandom(seed: seed ^ 0x5348_5546_464C_4521)
        var k = count - 1
        while k > 0 {
            let r = Int(random.next() % UInt64(k + 1))
            let t = m[k]; m[k] = m[r]; m[r] = t
            k -= 1
        }
    }

    static func hash(count: Int, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(count)
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
