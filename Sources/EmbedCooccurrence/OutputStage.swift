// Role: the last stage: turns merged entries into records and feeds the sorted file and the shuffle. With two
// threads the shuffle's scatter runs on its own thread, then finishes while the sorted file is committed.
// Reports records merged (count unknown ahead: no percent) and then the shuffled records written (percent).
import EmbedCore
import Foundation
import EmbedStreams

final class OutputStage: @unchecked Sendable {
    private let scale: Double
    private let sorted: CooccurrenceFile.Writer?
    private let shuffled: CooccurrenceFile.Writer?
    private let sink: ShuffleSink?
    private let parallel: Bool
    private static let blockRecords = 1 << 15
    private static let depth = 4
    private let blocks: [UnsafeMutablePointer<CooccurrenceRecord>]
    private let lock = NSLock()
    private var failure: Error?
    private let observer: WorkObserver

    init(scale: UInt64, sorted: CooccurrenceFile.Writer?, shuffled: CooccurrenceFile.Writer?, sink: ShuffleSink?, threads: Int,
         observer: WorkObserver) {
        self.observer = observer
        self.scale = Double(scale)
        self.sorted = sorted
        self.shuffled = shuffled
        self.sink = sink
        parallel = threads > 1 && sink != nil
        blocks = (0..<(parallel ? OutputStage.depth : 1)).map { _ in .allocate(capacity: OutputStage.blockRecords) }
    }

    deinit { for b in blocks { b.deallocate() } }

    private func record(_ error: Error) {
        lock.lock(); if failure == nil { failure = error }; lock.unlock()
    }

    private var error: Error? { lock.lock(); defer { lock.unlock() }; return failure }

    /// Writes every entry of `source`, then commits the outputs (the shuffled one after its last bucket).
    /// `beforeShuffleFinish` runs once all records went through (to free memory the shuffle can then use).
    /// Returns the number of records.
    func run(_ source: MergeSource, beforeShuffleFinish: () -> Void) throws -> Int {
        let queue = DispatchQueue(label: "embed.cooccurrence.shuffle")
        let slots = DispatchSemaphore(value: 0)
        for _ in blocks { slots.signal() }
        let done = DispatchSemaphore(value: 0)
        var total = 0, next = 0
        var merging = ProgressMeter(observer, task: "merge", unit: "records")
        defer {
            // Leave no block in flight (the semaphore must be back at its count when released).
            queue.sync {}
            for _ in blocks { slots.wait() }
            for _ in blocks { slots.signal() }
        }
        while try source.nextBlock() {
            let entries = source.block
            var start = 0
            while start < source.count {
                let m = min(OutputStage.blockRecords, source.count - start)
                if parallel { slots.wait() }
                let records = blocks[next]
                next = (next + 1) % blocks.count
                do {
                    for k in 0..<m {
                        let key = entries[2 * (start + k)], value = entries[2 * (start + k) + 1]
                        records[k] = CooccurrenceRecord(i: RunEntry.row(key) + 1, j: RunEntry.column(key) + 1,
                                                        x: Double(value) / scale)
                    }
                    try sorted?.append(UnsafeBufferPointer(start: records, count: m))
                    if let e = error { throw e }
                } catch {
                    if parallel { slots.signal() }
                    throw error
                }
                if let sink = sink {
                    if parallel {
                        queue.async {
                            do { try sink.append(records, count: m) } catch { self.record(error) }
                            slots.signal()
                        }
                    } else {
                        try sink.append(records, count: m)
                    }
                }
                start += m
                total += m
                merging.report(done: Double(total), fraction: nil)
            }
        }
        queue.sync {}
        if let e = error { throw e }
        beforeShuffleFinish()
        guard let sink = sink, let shuffled = shuffled else {
            try sorted?.commit()
            return total
        }
        var shuffling = ProgressMeter(observer, task: "shuffle", unit: "records")
        var written = 0
        let output: RecordOutput = { records in
            try shuffled.append(records)
            written += records.count
            shuffling.report(done: Double(written), fraction: Double(written) / Double(max(total, 1)))
        }
        if parallel {
            queue.async {
                do {
                    try sink.finish(output)
                    try shuffled.commit()
                } catch { self.record(error) }
                done.signal()
            }
            do { try sorted?.commit() } catch { record(error) }
            done.wait()
        } else {
            try sorted?.commit()
            try sink.finish(output)
            try shuffled.commit()
        }
        if let e = error { throw e }
        return total
    }
}
