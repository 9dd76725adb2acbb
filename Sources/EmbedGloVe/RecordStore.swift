// Role: the training records (non-zero X_ij) as the trainer sees them: held in memory, prepared once
// (f(x), log x) and shuffled by the seed, or streamed from the (already shuffled) record file every epoch;
// either way handed out in chunks, in order, to the training threads.
import EmbedCooccurrence
import EmbedCore
import Foundation
import EmbedKernels
import EmbedStreams

/// GloVe's training records (non-zero X_ij with f(X_ij) and log X_ij), held in memory and shuffled once, or
/// streamed from the already shuffled record file every epoch; handed out in chunks to the training threads.
public final class RecordStore: @unchecked Sendable {
    /// A training record: 0-based ids, weight f(X_ij) and log X_ij.
    public typealias Record = GloVeKernel.Record

    /// Number of records (non-zero X_ij).
    public let count: Int
    /// Words the ids may refer to (1...words in the file, 0..<words once prepared).
    public let words: Int
    /// Hash of the count and the first records as stored, to tell record files apart in checkpoints.
    public let fingerprint: UInt64
    /// The record file read (nil for records given in memory).
    public let path: String?
    private let memory: UnsafeMutablePointer<Record>?
    private let reader: CooccurrenceFile.Reader?
    private let xMax: Double, alpha: Double
    private let lock = NSLock()
    private var cursor = 0

    /// True when the records are held in memory, false when they are streamed from the file every epoch.
    public var isInMemory: Bool { memory != nil }

    /// Bytes the in-memory form takes.
    public static func memoryBytes(records: Int) -> Int64 { Int64(records) * Int64(MemoryLayout<Record>.stride) }

    /// Opens a record file (plain or zstd): reads it all into memory when `inMemory` (and shuffles it, seeded,
    /// when `shuffle`), else streams it in file order every epoch. `inMemory` nil: in memory when the records
    /// and the model fit under `settings.memoryBytes`; compressed files are always read into memory.
    /// Every record is checked (ids within 1...words, x positive and finite). Reading and shuffling report
    /// progress to `observer` (tasks `records` and `shuffle`). Throws `InputError` for a missing, unreadable,
    /// empty or invalid record file.
    public init(path: String, words: Int, settings: GloVeSettings, inMemory: Bool? = nil, shuffle: Bool = true,
                observer: WorkObserver = SilentObserver.shared) throws {
        let file = try CooccurrenceFile.Reader(path: path, chunkRecords: 1 << 16, vocabularySize: words)
        self.path = path
        self.words = words
        xMax = settings.xMax
        alpha = settings.alpha
        let modelBytes = Int64(GloVeLayout(dimension: settings.dimension, words: words).totalFloats) * 4
        let known = file.recordCount.map { Int($0) }
        let load = known == nil || (inMemory ?? (RecordStore.memoryBytes(records: known!) + modelBytes <= settings.memoryBytes))
        if load {
            var reading = ProgressMeter(observer, task: "records", unit: "records")
            let (m, n) = try RecordStore.readAll(file, expected: known, progress: &reading)
            guard n > 0 else { m.deallocate(); throw InputError("no co-occurrence records (empty file)", path: path) }
            count = n
            memory = m
            reader = nil
            fingerprint = RecordStore.hash(count: n, UnsafeRawBufferPointer(start: m, count: min(n, 256) * 16))
            try prepareAll(m)
            if shuffle {
                var shuffling = ProgressMeter(observer, task: "shuffle", unit: "records")
                RecordStore.shuffle(m, count: count, seed: settings.seed, progress: &shuffling)
            }
        } else {
            guard let n = known, n > 0 else { throw InputError("no co-occurrence records (empty file)", path: path) }
            count = n
            memory = nil
            reader = file
            let head = UnsafeMutableBufferPointer<CooccurrenceRecord>.allocate(capacity: min(n, 256))
            defer { head.deallocate() }
            let got = try file.read(into: head)
            fingerprint = RecordStore.hash(count: n, UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: head[..<got])))
        }
    }

    /// Records already in memory (tests, or a co-occurrence stage that kept X in memory); shuffled by the seed.
    /// Throws `InputError` for no records or a record whose ids are outside 1...words.
    public init(records: [CooccurrenceRecord], words: Int, settings: GloVeSettings, shuffle: Bool = true) throws {
        guard !records.isEmpty else { throw InputError("no co-occurrence records") }
        path = nil
        count = records.count
        self.words = words
        xMax = settings.xMax
        alpha = settings.alpha
        let bytes = records.count * CooccurrenceRecord.byteSize
        let m = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 16)
        records.withUnsafeBytes { m.copyMemory(from: $0.baseAddress!, byteCount: bytes) }
        fingerprint = RecordStore.hash(count: records.count, UnsafeRawBufferPointer(start: m, count: min(bytes, 256 * 16)))
        memory = m.bindMemory(to: Record.self, capacity: count)
        reader = nil
        for (n, r) in records.enumerated() where r.i < 1 || Int(r.i) > words || r.j < 1 || Int(r.j) > words {
            throw InputError("record \(n + 1): i=\(r.i) j=\(r.j) x=\(r.x) is not a valid record for a vocabulary of \(words) words")
        }
        try prepareAll(memory!)
        if shuffle {
            var silent = ProgressMeter(SilentObserver.shared, task: "shuffle", unit: "records")
            RecordStore.shuffle(memory!, count: count, seed: settings.seed, progress: &silent)
        }
    }

    deinit { memory?.deallocate() }

    /// All records in training order (in memory only; for tests and exact costs).
    public var prepared: UnsafeBufferPointer<Record>? {
        memory.map { UnsafeBufferPointer(start: $0, count: count) }
    }

    // MARK: handing out an epoch

    /// One chunk of consecutive records for one thread.
    struct Chunk {
        let first: Int
        let records: UnsafePointer<Record>
        let count: Int
    }

    /// Starts an epoch at record `position` (0, or where an interrupted epoch stopped).
    func beginEpoch(at position: Int) throws {
        lock.lock(); defer { lock.unlock() }
        cursor = 0
        if let r = reader {
            try r.rewind()
            let skip = UnsafeMutableBufferPointer<CooccurrenceRecord>.allocate(capacity: 1 << 16)
            defer { skip.deallocate() }
            while cursor < position {
                let n = try r.read(into: UnsafeMutableBufferPointer(rebasing: skip[..<min(skip.count, position - cursor)]))
                guard n > 0 else { throw InputError("file shrank while being read", path: path) }
                cursor += n
            }
        } else {
            cursor = position
        }
    }

    /// Records handed out so far in this epoch.
    var handedOut: Int { lock.lock(); defer { lock.unlock() }; return cursor }

    /// Scratch space for `next` when streaming (nil in memory): `capacity` records.
    func makeScratch(capacity: Int) -> UnsafeMutableRawPointer? {
        memory == nil ? .allocate(byteCount: capacity * 16, alignment: 16) : nil
    }

    /// The next chunk of at most `limit` records (read into `scratch` and prepared when streaming), or nil
    /// at the end of the epoch.
    func next(limit: Int, scratch: UnsafeMutableRawPointer?) throws -> Chunk? {
        lock.lock()
        let first = cursor
        let n = min(limit, count - first)
        guard n > 0 else { lock.unlock(); return nil }
        if let m = memory {
            cursor += n
            lock.unlock()
            return Chunk(first: first, records: UnsafePointer(m + first), count: n)
        }
        let raw = scratch!
        let got: Int
        do {
            got = try reader!.read(into: UnsafeMutableBufferPointer(start: raw.bindMemory(to: CooccurrenceRecord.self, capacity: n), count: n))
        } catch { lock.unlock(); throw error }
        cursor += got
        lock.unlock()
        guard got == n else { throw InputError("file shrank while being read", path: path) }
        try prepare(raw, count: n, firstIndex: first)
        return Chunk(first: first, records: UnsafePointer(raw.bindMemory(to: Record.self, capacity: n)), count: n)
    }

    // MARK: reading and preparing

    /// The whole file in one buffer (exactly `expected` records when the size is known, else grown by doubling).
    private static func readAll(_ file: CooccurrenceFile.Reader, expected: Int?,
                                progress: inout ProgressMeter) throws -> (UnsafeMutablePointer<Record>, Int) {
        var capacity = max(expected ?? (1 << 16), 1)
        var raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * 16, alignment: 16)
        var n = 0
        do {
            while true {
                if n == capacity {
                    if expected != nil {   // the file should end here: a last partial record throws
                        var extra = CooccurrenceRecord(i: 0, j: 0, x: 0)
                        let more = try withUnsafeMutablePointer(to: &extra) { try file.read(into: UnsafeMutableBufferPointer(start: $0, count: 1)) }
                        if more > 0 { throw InputError("file grew while being read", path: file.path) }
                        break
                    }
                    let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 32, alignment: 16)
                    bigger.copyMemory(from: raw, byteCount: n * 16)
                    raw.deallocate()
                    raw = bigger
                    capacity *= 2
                }
                let room = UnsafeMutableBufferPointer(start: (raw + n * 16).bindMemory(to: CooccurrenceRecord.self, capacity: capacity - n),
                                                      count: capacity - n)
                let got = try file.read(into: room)
                if got == 0 { break }
                n += got
                progress.report(done: Double(n), fraction: expected.map { Double(n) / Double(max($0, 1)) })
            }
        } catch {
            raw.deallocate()
            throw error
        }
        return (raw.bindMemory(to: Record.self, capacity: capacity), n)
    }

    private func prepareAll(_ m: UnsafeMutablePointer<Record>) throws {
        let chunk = 1 << 16
        var first = 0
        while first < count {
            let n = Swift.min(chunk, count - first)
            try prepare(UnsafeMutableRawPointer(m + first), count: n, firstIndex: first)
            first += n
        }
    }

    /// Rewrites stored records (int32 i, int32 j, float64 x; 1-based ids, already range-checked) in place as
    /// kernel records (0-based ids, f(x), log x): both are 16 bytes.
    private func prepare(_ raw: UnsafeMutableRawPointer, count n: Int, firstIndex: Int) throws {
        let logXMax = Foundation.log(xMax)
        for r in 0..<n {
            let stored = raw.load(fromByteOffset: 16 * r, as: CooccurrenceRecord.self)
            let x = stored.x
            guard x > 0, x.isFinite else {
                throw InputError("record \(firstIndex + r + 1): count \(x) is not positive and finite", path: path)
            }
            let logX = Foundation.log(x)
            let f = x < xMax ? Foundation.exp(alpha * (logX - logXMax)) : 1   // (x / x_max)^alpha
            raw.storeBytes(of: Record(i: stored.i - 1, j: stored.j - 1, weight: Float(f), logX: Float(logX)),
                           toByteOffset: 16 * r, as: Record.self)
        }
    }

    /// Fisher-Yates with the seed's own stream (independent of the weight initialisation's).
    static func shuffle(_ m: UnsafeMutablePointer<Record>, count: Int, seed: UInt64, progress: inout ProgressMeter) {
        var random = FastRandom(seed: seed ^ 0x5348_5546_464C_4521)
        var k = count - 1
        while k > 0 {
            let r = Int(random.next() % UInt64(k + 1))
            let t = m[k]; m[k] = m[r]; m[r] = t
            k -= 1
            if k & 0xFFFFF == 0 { progress.report(done: Double(count - k), fraction: Double(count - k) / Double(count)) }
        }
    }

    static func hash(count: Int, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = FNV1a64(seed: UInt64(count))
        h.add(bytes)
        return h.value
    }
}
