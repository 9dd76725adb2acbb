// Role: bounded-memory uniform shuffle of co-occurrence records. Each record goes to a uniformly drawn bucket
// (kept in memory, or in a scratch file when the records do not fit), then each bucket is shuffled in memory
// and written out: random buckets + uniform order inside each = a uniform permutation, reproducible by seed.
import EmbedCore
import Foundation
import EmbedStreams

/// Shuffles an existing co-occurrence file into a uniformly random order, reproducible from a seed.
public enum Shuffler {
    /// Shuffles the records of `input` into `output` (atomic) with at most about `memoryBytes` of buffers.
    /// Scratch files go to a private folder under `temporaryParent` (default: the system's), removed at the end.
    /// Returns the number of records.
    @discardableResult
    public static func shuffle(input: String, output: String, memoryBytes: Int = 4 << 30, seed: UInt64 = 1,
                               temporaryParent: String? = nil, maxOpenFiles: Int = 256) throws -> Int64 {
        let space = SpillSpace(parent: temporaryParent)
        defer { space.remove() }
        let reader = try CooccurrenceFile.Reader(path: input)
        var expected = reader.recordCount
        if expected == nil {   // compressed or a pipe: count first (a pipe cannot be read twice)
            var n: Int64 = 0
            while let chunk = try reader.next() { n += Int64(chunk.count) }
            try reader.rewind()
            expected = n
        }
        let sink = try ShuffleSink(expectedRecords: Int(expected!), collectBytes: memoryBytes, finishBytes: memoryBytes,
                                   space: space, seed: seed, maxOpenFiles: maxOpenFiles)
        while let chunk = try reader.next() { try sink.append(UnsafePointer(chunk.baseAddress!), count: chunk.count) }
        let writer = try CooccurrenceFile.Writer(path: output)
        do {
            try sink.finish { try writer.append($0) }
            try writer.commit()
        } catch {
            writer.abort()
            throw error
        }
        return writer.count
    }
}

/// Where shuffled records go, a buffer at a time.
typealias RecordOutput = (UnsafeBufferPointer<CooccurrenceRecord>) throws -> Void

/// Collects records into random buckets, then writes each bucket shuffled.
final class ShuffleSink {
    /// Buckets this size or smaller are shuffled in place (cache-sized); larger ones in two levels.
    static let defaultPieceRecords = (2 << 20) / CooccurrenceRecord.byteSize
    static let blockRecords = 4096
    /// Records per in-cache piece (tests make it tiny to exercise the two-level path).
    var pieceRecords = ShuffleSink.defaultPieceRecords

    private var random: SplitMix64
    let bucketCount: Int
    let inMemory: Bool
    private let space: SpillSpace
    private let maxOpenFiles: Int
    private let finishBytes: Int
    // In memory: per bucket a list of full blocks and a current block.
    private var blocks: [[UnsafeMutablePointer<CooccurrenceRecord>]] = []
    private var current: UnsafeMutablePointer<UnsafeMutablePointer<CooccurrenceRecord>?>
    private var fill: UnsafeMutablePointer<Int>
    // In files: one scratch writer per bucket.
    private var files: [ScratchWriter] = []
    /// Records per bucket.
    private let sizes: UnsafeMutablePointer<Int>
    private(set) var count = 0

    /// Memory needed to hold `records` records in memory buckets (with partly filled blocks).
    static func memoryBytes(records: Int) -> Int {
        let piece = defaultPieceRecords
        let k = max(1, (records + piece - 1) / piece)
        return records * CooccurrenceRecord.byteSize + k * blockRecords * CooccurrenceRecord.byteSize + piece * 32
    }

    /// Buckets stay in memory when `expectedRecords` fit in `collectBytes` (the memory free while records
    /// arrive); otherwise they are scratch files sized so that one bucket and its scratch copy fit in
    /// `finishBytes` (the memory free when `finish` runs).
    init(expectedRecords: Int, collectBytes: Int, finishBytes: Int, space: SpillSpace, seed: UInt64,
         maxOpenFiles: Int) throws {
        random = SplitMix64(seed: seed)
        self.space = space
        self.maxOpenFiles = maxOpenFiles
        self.finishBytes = finishBytes
        let expected = max(expectedRecords, 1)
        inMemory = ShuffleSink.memoryBytes(records: expected) <= collectBytes
        if inMemory {
            bucketCount = max(1, (expected + ShuffleSink.defaultPieceRecords - 1) / ShuffleSink.defaultPieceRecords)
        } else {
            let target = max(finishBytes / 3, 1 << 20) / CooccurrenceRecord.byteSize
            bucketCount = min(max(2, (expected + target - 1) / target), max(2, maxOpenFiles))
        }
        current = .allocate(capacity: bucketCount)
        current.initialize(repeating: nil, count: bucketCount)
        fill = .allocate(capacity: bucketCount)
        fill.initialize(repeating: ShuffleSink.blockRecords, count: bucketCount)
        sizes = .allocate(capacity: bucketCount)
        sizes.initialize(repeating: 0, count: bucketCount)
        if inMemory {
            blocks = Array(repeating: [], count: bucketCount)
        } else {
            let buffer = max(4096, min(1 << 16, collectBytes / 4 / bucketCount))
            for _ in 0..<bucketCount { files.append(try ScratchWriter(space: space, stem: "shuffle", bufferBytes: buffer)) }
        }
    }

    deinit { releaseMemory() }

    private func releaseMemory() {
        for list in blocks { for b in list { b.deallocate() } }
        blocks = []
        for k in 0..<bucketCount { current[k]?.deallocate(); current[k] = nil }
        current.deallocate()
        fill.deallocate()
        sizes.deallocate()
    }

    func append(_ records: UnsafePointer<CooccurrenceRecord>, count n: Int) throws {
        count += n
        let k = bucketCount
        // Locals in the loop: class properties would cost an exclusivity check per access.
        var random = self.random
        defer { self.random = random }
        let current = self.current, fill = self.fill, sizes = self.sizes
        if inMemory {
            let blockRecords = ShuffleSink.blockRecords
            for r in 0..<n {
                let b = k == 1 ? 0 : random.next(below: k)
                if fill[b] == blockRecords {
                    if let full = current[b] { blocks[b].append(full) }
                    current[b] = .allocate(capacity: blockRecords)
                    fill[b] = 0
                }
                current[b].unsafelyUnwrapped[fill[b]] = records[r]
                fill[b] &+= 1
                sizes[b] &+= 1
            }
        } else {
            for r in 0..<n {
                let b = random.next(below: k)
                try files[b].write(records + r, CooccurrenceRecord.byteSize)
                sizes[b] += 1
            }
        }
    }

    /// Hands every bucket, shuffled, to `output` (in pieces), holding one bucket (and its scratch copy) at a time.
    func finish(_ output: RecordOutput) throws {
        let memoryBytes = finishBytes
        let largest = UnsafeBufferPointer(start: sizes, count: bucketCount).max() ?? 0
        if inMemory {
            let gather = UnsafeMutablePointer<CooccurrenceRecord>.allocate(capacity: max(largest, 1))
            defer { gather.deallocate() }
            for b in 0..<bucketCount {
                var n = 0
                for block in blocks[b] {
                    (gather + n).update(from: block, count: ShuffleSink.blockRecords)
                    n += ShuffleSink.blockRecords
                    block.deallocate()
                }
                blocks[b] = []
                if let last = current[b] {
                    (gather + n).update(from: last, count: fill[b])
                    n += fill[b]
                    last.deallocate()
                    current[b] = nil
                }
                try shuffleAndWrite(gather, count: n, into: output)
            }
            return
        }
        for f in files { try f.finish() }
        let paths = files.map(\.path)
        files = []
        // One bucket and its scratch at a time; a bucket too large for that is shuffled again through files.
        let fitting = memoryBytes / (2 * CooccurrenceRecord.byteSize)
        let buffer = UnsafeMutablePointer<CooccurrenceRecord>.allocate(capacity: max(min(largest, fitting), 1))
        defer { buffer.deallocate() }
        for (b, path) in paths.enumerated() {
            if sizes[b] > fitting {
                try reshuffle(path: path, count: sizes[b], into: output)
            } else {
                let reader = try ScratchReader(path: path)
                let got = try reader.read(into: buffer, bytes: sizes[b] * CooccurrenceRecord.byteSize)
                guard got == sizes[b] * CooccurrenceRecord.byteSize else {
                    throw InputError("shuffle bucket is shorter than written (was the temporary folder changed?)", path: path)
                }
                try shuffleAndWrite(buffer, count: sizes[b], into: output)
            }
            unlink(path)
        }
    }

    /// An oversized bucket file: shuffled by a nested sink with its own random stream.
    private func reshuffle(path: String, count: Int, into output: RecordOutput) throws {
        let nested = try ShuffleSink(expectedRecords: count, collectBytes: finishBytes, finishBytes: finishBytes,
                                     space: space, seed: random.next(), maxOpenFiles: maxOpenFiles)
        nested.pieceRecords = pieceRecords
        let reader = try ScratchReader(path: path)
        let chunk = UnsafeMutablePointer<CooccurrenceRecord>.allocate(capacity: ShuffleSink.blockRecords)
        defer { chunk.deallocate() }
        while true {
            let got = try reader.read(into: chunk, bytes: ShuffleSink.blockRecords * CooccurrenceRecord.byteSize)
            if got == 0 { break }
            try nested.append(chunk, count: got / CooccurrenceRecord.byteSize)
        }
        try nested.finish(output)
    }

    /// Uniformly shuffles `count` records and writes them: in place when cache-sized, else scattered into
    /// cache-sized random pieces (a scratch copy) each shuffled in place.
    private func shuffleAndWrite(_ records: UnsafeMutablePointer<CooccurrenceRecord>, count n: Int,
                                 into output: RecordOutput) throws {
        var random = self.random            // a local: no exclusivity check per draw
        defer { self.random = random }
        if n <= 2 * pieceRecords {
            random.shuffle(records, count: n)
            try output(UnsafeBufferPointer(start: records, count: n))
            return
        }
        let pieces = (n + pieceRecords - 1) / pieceRecords
        var starts = [Int](repeating: 0, count: pieces + 1)
        let replay = random
        for _ in 0..<n { starts[random.next(below: pieces) + 1] += 1 }
        for p in 0..<pieces { starts[p + 1] += starts[p] }
        var next = Array(starts[..<pieces])
        random = replay                       // the same draws again, now to place the records
        let scratch = UnsafeMutablePointer<CooccurrenceRecord>.allocate(capacity: n)
        defer { scratch.deallocate() }
        for r in 0..<n {
            let p = random.next(below: pieces)
            scratch[next[p]] = records[r]
            next[p] += 1
        }
        for p in 0..<pieces {
            random.shuffle(scratch + starts[p], count: starts[p + 1] - starts[p])
        }
        try output(UnsafeBufferPointer(start: scratch, count: n))
    }
}
