// Role: the reduce side of sharded counting: a k-way merge of partial co-occurrence files that sums equal
// entries in integer weight units (so the bytes equal one count of the whole corpus), optionally keeping a
// range of rows so that several reducers write pieces that concatenate into the full sorted file.
import EmbedCore
import EmbedStreams
import Foundation

/// Merges partial co-occurrence files (from `CooccurrenceCounter.finish(partial:)`) into a record file.
public enum CooccurrenceMerge {
    /// Merges `parts` into `sorted` and/or `shuffled` (written atomically), keeping only rows `rows` (1-based
    /// word ids, inclusive; nil: every row). Of `settings` only the resources count: `memoryBytes` (read
    /// buffers and shuffle), `temporaryParent`, `threads`, `maxOpenFiles` (more parts are merged in rounds).
    /// Entries are summed as integers, so the sorted file is byte for byte the one a count of the whole corpus
    /// writes, and the sorted files of consecutive row ranges concatenate into it. Returns a summary with
    /// `records`, `intermediateMerges`, `scratchBytes` and `shuffleSpilled` set. Throws `SettingError` for no
    /// part, no output or an empty row range, and `InputError` naming the file for a missing, damaged or
    /// truncated part, parts counted differently (vocabulary, window, weighting, sides), or an empty X.
    public static func merge(parts: [String], rows: ClosedRange<Int>? = nil, sorted: String?, shuffled: String? = nil,
                             seed: UInt64 = 1, settings: CooccurrenceSettings = CooccurrenceSettings(),
                             observer: WorkObserver = SilentObserver.shared) throws -> CooccurrenceSummary {
        guard !parts.isEmpty else { throw SettingError("partial co-occurrence files", "needs at least one file") }
        guard sorted != nil || shuffled != nil else { throw StateError("merge needs a sorted or a shuffled output") }
        if let r = rows, r.lowerBound < 1 { throw SettingError("rows", "must start at word 1 or later", value: "\(r.lowerBound)") }
        guard settings.maxOpenFiles >= 4, settings.memoryBytes > 0 else {
            throw SettingError("maxOpenFiles", "must be at least 4 (and the memory bound positive)")
        }
        // Headers first: every file is checked before anything is written.
        let fanIn = max(2, settings.maxOpenFiles / 2 - 2)
        var headers: [PartialCooccurrence.Header] = []
        for path in parts {
            let header = try PartialFile(path: path).header
            if let first = headers.first, let d = header.difference(from: first) {
                throw InputError("counted with \(d) of \(parts[0]): partial files merge only when counted with the same vocabulary and settings", path: path)
            }
            headers.append(header)
        }
        let header = headers[0]
        guard rows != nil || headers.contains(where: { $0.entries > 0 }) else {
            throw InputError("every part is empty: X would be empty (is the vocabulary the corpus's?)", path: parts[0])
        }
        let keys = keyRange(rows, vocabularySize: header.vocabularySize)
        let space = SpillSpace(parent: settings.temporaryParent)
        defer { space.remove() }
        var summary = CooccurrenceSummary()
        let block = min(max(settings.memoryBytes / 4 / (min(parts.count, fanIn) + 1) / RunEntry.byteSize, 1024), 1 << 16)

        // Rounds: groups of `fanIn` parts merge into scratch runs until one merge can take everything.
        var runs: [DiskRun] = []
        var pending = parts[...]
        while pending.count + runs.count > fanIn {
            let group = Array(pending.prefix(fanIn))
            pending = pending.dropFirst(group.count)
            runs.append(try RunMerger.mergeToDisk(try sources(group, keys: keys, block: block), space: space))
            summary.intermediateMerges += 1
            if pending.isEmpty { break }
        }
        let (merged, merges) = try RunMerger.reduce(runs, fanIn: fanIn, blockEntries: block, space: space)
        summary.intermediateMerges += merges
        var all = try sources(Array(pending), keys: keys, block: block)
        all += try merged.map { try $0.source(blockEntries: block) }
        let source = RunMerger.combine(all)
        let estimate = source.remainingEstimate

        let sortedWriter = try sorted.map { try CooccurrenceFile.Writer(path: $0) }
        let shuffledWriter = try shuffled.map { try CooccurrenceFile.Writer(path: $0) }
        let readBuffers = (all.count + 1) * block * RunEntry.byteSize
        let sink = try shuffled.map { _ in
            try ShuffleSink(expectedRecords: estimate, collectBytes: settings.memoryBytes - readBuffers - (8 << 20),
                            finishBytes: settings.memoryBytes, space: space, seed: seed,
                            maxOpenFiles: settings.maxOpenFiles - all.count - 4)
        }
        summary.shuffleSpilled = sink.map { !$0.inMemory } ?? false
        let stage = OutputStage(scale: header.scale, sorted: sortedWriter, shuffled: shuffledWriter, sink: sink,
                                threads: settings.threads, observer: observer)
        summary.records = Int64(try stage.run(source) { for r in merged { unlink(r.path) } })
        summary.scratchBytes = space.bytesWritten
        return summary
    }

    /// Keys of rows `rows` (1-based, inclusive) as a half-open range of 0-based keys.
    private static func keyRange(_ rows: ClosedRange<Int>?, vocabularySize: Int) -> Range<UInt64> {
        guard let r = rows else { return 0..<UInt64.max }
        let first = UInt64(min(r.lowerBound - 1, vocabularySize))
        let end = UInt64(min(r.upperBound, vocabularySize))
        return first << 32 ..< max(first, end) << 32
    }

    /// One source per part over the entries whose keys are in `keys`.
    private static func sources(_ paths: [String], keys: Range<UInt64>, block: Int) throws -> [MergeSource] {
        try paths.map { path in
            let file = try PartialFile(path: path)
            let start = keys.lowerBound == 0 ? 0 : try file.lowerBound(keys.lowerBound)
            let end = keys.upperBound == UInt64.max ? file.header.entries : try file.lowerBound(keys.upperBound)
            return file.source(entries: start..<max(start, end), blockEntries: block)
        }
    }
}
