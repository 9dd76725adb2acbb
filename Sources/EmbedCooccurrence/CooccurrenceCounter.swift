// Role: the library entry point for X: counts a corpus (one thread reads, tokenizes and encodes; the others
// count into their own tables) or lines of ids, within a memory bound, then merges everything into the sorted
// record file and/or its shuffled variant. Scratch files are removed at the end and on failure.
import EmbedCore
import EmbedCorpus
import Foundation
import EmbedStreams
import EmbedVocabulary

/// Counts the co-occurrence matrix X of a corpus (or of lines of ids) within a memory bound, spilling sorted runs
/// to scratch files when needed, then writes X as a sorted and/or a shuffled record file with `finish`.
public final class CooccurrenceCounter {
    /// The window, weighting and resources of the count (validated when the counter is made).
    public let settings: CooccurrenceSettings
    /// The number of word ids counted (0 ..< vocabularySize; records hold them 1-based).
    public let vocabularySize: Int
    private let vocabulary: Vocabulary?
    private let weights: FixedPointWeights
    private let space: SpillSpace
    private let counters: [PairCounter]
    private var summary = CooccurrenceSummary()
    private var finished = false
    private static let chunkCapacity = 1 << 18

    /// A counter for ids 0 ..< vocabularySize, fed with `add(line:)`. Throws a SettingError for settings that
    /// cannot work.
    public convenience init(vocabularySize: Int, settings: CooccurrenceSettings = CooccurrenceSettings()) throws {
        try self.init(vocabularySize: vocabularySize, vocabulary: nil, settings: settings)
    }

    /// A counter for a vocabulary's words, fed with `count(corpus:)` (unknown tokens are dropped before
    /// distances are counted, so <UNK> never appears in X).
    public convenience init(vocabulary: Vocabulary, settings: CooccurrenceSettings) throws {
        try self.init(vocabularySize: vocabulary.size, vocabulary: vocabulary, settings: settings)
    }

    private init(vocabularySize: Int, vocabulary: Vocabulary?, settings: CooccurrenceSettings) throws {
        guard vocabularySize >= 1 else { throw SettingError("vocabulary", "is empty") }
        try settings.validate(vocabularySize: vocabularySize)
        self.settings = settings
        self.vocabularySize = vocabularySize
        self.vocabulary = vocabulary
        let weights = FixedPointWeights(window: settings.window, weighting: settings.weighting)
        self.weights = weights
        let space = SpillSpace(parent: settings.temporaryParent)
        self.space = space
        let counting = settings.threads
        // Chunks in flight and the vocabulary's lookup table come off the bound first.
        let reserved = CooccurrenceCounter.chunks(settings) * CooccurrenceCounter.chunkCapacity * 4 + vocabularySize * 64
        let share = max(settings.memoryBytes - reserved, settings.memoryBytes / 2) / counting
        counters = (0..<counting).map { _ in
            PairCounter(vocabularySize: vocabularySize, window: settings.window, weights: weights,
                        symmetric: settings.symmetric, memoryBytes: share, denseBytes: settings.denseBytes, space: space)
        }
    }

    deinit { space.remove() }

    private static func chunks(_ settings: CooccurrenceSettings) -> Int {
        settings.threads == 1 ? 0 : 2 * settings.threads
    }

    /// Whether every weight is exact (harmonic weights with windows above 18 are rounded to 2^-27 relative).
    public var exactWeights: Bool { weights.exact }

    // MARK: counting

    /// Counts one line (a document) of 0-based ids of known words, on the calling thread. Throws `StateError`
    /// after `finish`, `InputError` for an id outside the vocabulary or when writing a scratch run fails.
    public func add(line ids: UnsafeBufferPointer<Int32>) throws {
        guard !finished else { throw StateError("the counter has already been finished") }
        for id in ids where id < 0 || Int(id) >= vocabularySize {
            throw InputError("word id \(id) is outside the vocabulary (0 ..< \(vocabularySize))")
        }
        summary.lines += 1
        summary.tokens += Int64(ids.count)
        guard let base = ids.baseAddress else { return }
        try counters[0].add(base, count: ids.count)
    }

    /// Counts one line (a document) of 0-based ids given as an array, as the buffer version does;
    /// it throws the same errors.
    public func add(line ids: [Int32]) throws {
        try ids.withUnsafeBufferPointer { try add(line: $0) }
    }

    /// Counts every line of `corpus` with the vocabulary given at init: the calling thread reads, tokenizes and
    /// encodes lines (dropping unknown tokens); with threads > 1 the other threads count. Progress goes to
    /// `observer` (task `cooccurrence`); a stop request throws `Stopped`. Also throws `StateError` for a counter
    /// made without a vocabulary or already finished, and `InputError` for unreadable input or scratch files.
    /// With `allowEmpty` (one part of a corpus, `finish(partial:)`) a part without counts is no error.
    public func count(corpus: CorpusReader, observer: WorkObserver = SilentObserver.shared, allowEmpty: Bool = false) throws {
        guard let vocabulary = vocabulary else { throw StateError("count(corpus:) needs a counter made with a vocabulary") }
        guard !finished else { throw StateError("the counter has already been finished") }
        var progress = ProgressMeter(observer, task: "cooccurrence", unit: "tokens")
        do {
            if settings.threads == 1 {
                try countOnThisThread(corpus, vocabulary, &progress)
            } else {
                try countWithThreads(corpus, vocabulary, &progress)
            }
            if !allowEmpty { try requireCounts(corpus) }
        } catch {
            space.remove()
            throw error
        }
    }

    /// An empty corpus, one without a vocabulary word, or one whose known words never share a window would
    /// give an empty X: each is an InputError naming the corpus (nothing is written).
    private func requireCounts(_ corpus: CorpusReader) throws {
        guard summary.tokens > 0 else { throw InputError("the corpus is empty (no tokens)", path: corpus.name) }
        let pairs = counters.reduce(0) { $0 + $1.pairs }
        guard pairs > 0 else {
            throw InputError("no two vocabulary words are within \(settings.window) words of each other in a line: "
                + "X would be empty (is it the corpus the vocabulary was made from?)", path: corpus.name)
        }
    }

    private func report(_ progress: inout ProgressMeter, _ corpus: CorpusReader) throws {
        progress.report(done: Double(summary.tokens), fraction: corpus.fraction)
        try progress.checkStop()
    }

    private func countOnThisThread(_ corpus: CorpusReader, _ vocabulary: Vocabulary, _ progress: inout ProgressMeter) throws {
        var line = LineContext(window: settings.window)
        let counter = counters[0]
        var nextReport: Int64 = 1 << 16
        try corpus.forEachPiece { tokenizer, endsLine in
            if endsLine { summary.lines += 1 }
            summary.tokens += Int64(tokenizer.count)
            line.encode(tokenizer, vocabulary: vocabulary)
            try line.withIDs { try counter.add($0, count: line.count, from: line.context) }
            line.advance(endsLine: endsLine)
            if summary.tokens >= nextReport { nextReport = summary.tokens + (1 << 16); try report(&progress, corpus) }
        }
    }

    /// The calling thread reads and encodes lines into chunks for the other threads, and counts chunks itself
    /// whenever they fall behind. Each thread counts into its own tables (folded together at the end).
    private func countWithThreads(_ corpus: CorpusReader, _ vocabulary: Vocabulary, _ progress: inout ProgressMeter) throws {
        let queue = ChunkQueue(chunks: CooccurrenceCounter.chunks(settings)) { IDChunk(capacity: CooccurrenceCounter.chunkCapacity) }
        let group = DispatchGroup()
        for counter in counters.dropFirst() {
            group.enter()
            let worker = CountingWorker(counter: counter, queue: queue, group: group)
            WorkerThread.start { worker.run() }
        }
        let own = counters[0]
        var failure: Error?
        do {
            var chunk = try queue.takeFree()
            var line = LineContext(window: settings.window)
            var nextReport: Int64 = 1 << 16
            try corpus.forEachPiece { tokenizer, endsLine in
                if endsLine { summary.lines += 1 }
                summary.tokens += Int64(tokenizer.count)
                line.encode(tokenizer, vocabulary: vocabulary)
                defer { line.advance(endsLine: endsLine) }
                let n = line.count
                if n > 1 && n > line.context {
                    if !chunk.hasRoom(n) && !chunk.isEmpty {
                        queue.submit(chunk)
                        // Counters behind: take a chunk back and count it here.
                        while let backlog = queue.takeFilled(ifMoreThan: counters.count - 1) {
                            try CountingWorker.count(backlog, into: own)
                            queue.giveBack(backlog)
                        }
                        chunk = try queue.takeFree()
                    }
                    line.withIDs { chunk.append($0, count: n, context: line.context) }
                }
                if summary.tokens >= nextReport { nextReport = summary.tokens + (1 << 16); try report(&progress, corpus) }
            }
            if chunk.isEmpty { queue.giveBack(chunk) } else { queue.submit(chunk) }
            queue.close()
            // Help until the queue is empty, then flush the own buffer while the others flush theirs.
            while let backlog = queue.takeFilled(ifMoreThan: 0) {
                try CountingWorker.count(backlog, into: own)
                queue.giveBack(backlog)
            }
            try own.finishCounting()
        } catch {
            failure = error
            queue.fail(error)
        }
        queue.close()
        group.wait()
        if let e = failure ?? queue.error { throw e }
    }

    // MARK: output

    /// Merges everything counted into `sorted` (records sorted by (i, j)) and/or `shuffled` (the same records
    /// in a random order drawn from `seed`), both written atomically. Removes every scratch file. Progress goes
    /// to `observer` (tasks `merge` and `shuffle`). Throws `StateError` without any output or when called twice,
    /// and `InputError` when a scratch or output file cannot be written.
    public func finish(sorted: String?, shuffled: String? = nil, seed: UInt64 = 1,
                       observer: WorkObserver = SilentObserver.shared) throws -> CooccurrenceSummary {
        guard sorted != nil || shuffled != nil else { throw StateError("finish needs a sorted or a shuffled output") }
        var merged: Merged? = try mergeCounts()
        defer {
            for c in counters { c.release() }
            space.remove()
        }
        let (source, runs, resident, readBuffers) = (merged!.source, merged!.runs, merged!.resident, merged!.readBuffers)
        let estimate = counters.reduce(0) { $0 + $1.recordEstimate() }
        let sortedWriter = try sorted.map { try CooccurrenceFile.Writer(path: $0) }
        let shuffledWriter = try shuffled.map { try CooccurrenceFile.Writer(path: $0) }
        let sink = try shuffled.map { _ in
            try ShuffleSink(expectedRecords: estimate,
                            collectBytes: settings.memoryBytes - resident - readBuffers - (8 << 20),
                            finishBytes: settings.memoryBytes, space: space, seed: seed,
                            maxOpenFiles: settings.maxOpenFiles - runs.count - 4)
        }
        summary.shuffleSpilled = sink.map { !$0.inMemory } ?? false
        let stage = OutputStage(scale: weights.scale, sorted: sortedWriter, shuffled: shuffledWriter, sink: sink,
                                threads: settings.threads, observer: observer)
        summary.records = Int64(try stage.run(source) {
            // The shuffle's last step may use all the memory: the tables and runs go first.
            merged = nil
            for c in counters { c.release() }
            for r in runs { unlink(r.path) }
        })
        summary.scratchBytes = space.bytesWritten
        return summary
    }

    /// Merges everything counted into `path` as a partial file (the summed entries of this part of a corpus,
    /// sorted, in exact weight units) for `CooccurrenceMerge`. Removes every scratch file. Throws `StateError`
    /// when called twice and `InputError` when a scratch or output file cannot be written.
    public func finish(partial path: String) throws -> CooccurrenceSummary {
        let merged = try mergeCounts()
        defer {
            for c in counters { c.release() }
            space.remove()
        }
        let header = PartialCooccurrence.Header(vocabularySize: vocabularySize, window: settings.window,
                                                weighting: settings.weighting, symmetric: settings.symmetric,
                                                scale: weights.scale, fingerprint: vocabulary?.fingerprint ?? 0)
        summary.records = Int64(try PartialCooccurrence.write(merged.source, header: header, path: path))
        summary.scratchBytes = space.bytesWritten
        withExtendedLifetime(merged.carries) {}
        return summary
    }

    /// The counted entries as one sorted source (dense tables, runs in memory and on disk), what the outputs
    /// need to size their buffers, and the run of dense-table carries the source reads (it must outlive it).
    private struct Merged {
        var source: MergeSource
        var runs: [DiskRun]
        var resident: Int
        var readBuffers: Int
        var carries: MemoryRun?
    }

    private func mergeCounts() throws -> Merged {
        guard !finished else { throw StateError("the counter has already been finished") }
        finished = true
        do {
            for c in counters where c.isCounting { try c.finishCounting() }
            summary.pairs = counters.reduce(0) { $0 + $1.pairs }
            summary.spilledRuns = counters.reduce(0) { $0 + $1.spills }

            // The dense tables (one per counting thread, same shape) are summed as they are read.
            let tables = counters.compactMap(\.table)
            let carries = DenseTable.carryEntries(of: tables)
            let carryRun = carries.isEmpty ? nil : MemoryRun(carries)

            // Bounded open files: runs beyond half the limit are merged first (the other half is for shuffle buckets).
            let fanIn = max(2, settings.maxOpenFiles / 2 - 2)
            let resident = counters.reduce(0) { $0 + $1.residentBytes } + (carryRun?.bytes ?? 0)
            let free = max(settings.memoryBytes - resident, 1 << 20)
            let runs = counters.flatMap(\.diskRuns)
            let block = min(max(free / 4 / (min(runs.count, fanIn) + 1) / RunEntry.byteSize, 1024), 1 << 16)
            let (merged, merges) = try RunMerger.reduce(runs, fanIn: fanIn, blockEntries: block, space: space)
            summary.intermediateMerges = merges
            var runSources: [MergeSource] = counters.flatMap { $0.memoryRuns.map { $0.source() } }
            if let c = carryRun { runSources.append(c.source()) }
            runSources += try merged.map { try $0.source(blockEntries: block) }
            let source = RunMerger.combine([DenseSource(tables), RunMerger.combine(runSources)])
            return Merged(source: source, runs: merged, resident: resident,
                          readBuffers: merged.count * block * RunEntry.byteSize, carries: carryRun)
        } catch {
            for c in counters { c.release() }
            space.remove()
            throw error
        }
    }
}

/// One counting thread: takes chunks of encoded lines until the queue closes, then flushes its buffer.
private final class CountingWorker: @unchecked Sendable {
    let counter: PairCounter
    let queue: ChunkQueue<IDChunk>
    let group: DispatchGroup

    init(counter: PairCounter, queue: ChunkQueue<IDChunk>, group: DispatchGroup) {
        self.counter = counter
        self.queue = queue
        self.group = group
    }

    static func count(_ chunk: IDChunk, into counter: PairCounter) throws {
        var start = 0
        for (end, context) in zip(chunk.lineEnds, chunk.lineContexts) {
            try counter.add(chunk.ids + start, count: end - start, from: context)
            start = end
        }
    }

    func run() {
        defer { group.leave() }
        do {
            while let chunk = queue.takeFilled() {
                try CountingWorker.count(chunk, into: counter)
                queue.giveBack(chunk)
            }
            if queue.error == nil { try counter.finishCounting() }
        } catch {
            queue.fail(error)
        }
    }
}

