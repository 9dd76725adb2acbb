// Role: the vocabulary pass on several threads: the calling thread reads the corpus into chunks of raw text,
// each counting thread tokenizes and counts chunks into its own WordCounter, and the counts are summed at the
// end: the same counts as one thread (unless the table had to be pruned, which is approximate either way).
import EmbedCore
import EmbedCorpus
import Foundation

extension WordCounter {
    /// Bytes of text per chunk handed to a counting thread.
    static let chunkBytes = 1 << 18

    /// `count(_:maxEntries:observer:threads:)` with `threads` counting threads (at least 2) beside the reader.
    /// Each holds at most `maxEntries / threads` distinct tokens before pruning its rarest; the sum is pruned
    /// to `maxEntries` again if needed, and one notice says so.
    /// `chunkBytes` is the size of the chunks (small ones in tests).
    static func countInParallel(_ corpus: CorpusReader, maxEntries: Int, observer: WorkObserver, threads: Int,
                                chunkBytes: Int = WordCounter.chunkBytes) throws -> WordCounter {
        let queue = ChunkQueue(chunks: threads * 3) { TextChunk(capacity: chunkBytes) }
        let tally = TokenTally()
        let group = DispatchGroup()
        let perThread = max(1, maxEntries / threads)
        let workers = (0..<threads).map { _ in
            ChunkCountingWorker(options: corpus.options, maxEntries: perThread, queue: queue,
                                tally: tally, group: group)
        }
        for worker in workers {
            group.enter()
            WorkerThread.start { worker.run() }
        }
        var meter = ProgressMeter(observer, task: "vocabulary", unit: "tokens")
        do {
            var chunk = try queue.takeFree()
            var unreported = 0                              // bytes read since the last progress report
            try corpus.forEachRawPiece { bytes, file, lineNumber, endsLine in
                if !chunk.accepts(bytes.count, from: file) {
                    queue.submit(chunk)
                    chunk = try queue.takeFree()
                }
                chunk.append(bytes, from: file, lineNumber: lineNumber, endsLine: endsLine)
                unreported += bytes.count
                if unreported >= 1 << 16 {
                    unreported = 0
                    meter.report(done: Double(tally.tokens), fraction: corpus.fraction)
                    try meter.checkStop()
                }
            }
            if chunk.isEmpty { queue.giveBack(chunk) } else { queue.submit(chunk) }
        } catch {
            queue.fail(error)
        }
        queue.close()
        group.wait()
        if let e = queue.error { throw e }

        var total = WordCounter(maxEntries: maxEntries, observer: observer)
        for worker in workers { total.merge(worker.counter) }
        let prunedEarlier = total.prunedBelow
        total.pruneToLimit()
        if prunedEarlier > 0 && total.prunedBelow == prunedEarlier {
            observer.notice("vocabulary tables of the counting threads reached \(perThread) entries; "
                + "pruned words seen at most \(prunedEarlier) times in all (\(total.table.count) kept): counts of rare words may be low")
        }
        return total
    }

    /// Adds every count of `other` (a thread's share of the same corpus); words it pruned add their tokens only,
    /// and the counts it may have lost add to `prunedBelow`.
    mutating func merge(_ other: WordCounter) {
        var counted: Int64 = 0
        for e in 0..<other.table.count {
            add(other.table.bytes(e), count: other.counts[e])
            counted += other.counts[e]
        }
        addTokens(other.totalTokens - counted)
        addPruned(other.prunedBelow)
    }
}

/// Tokens counted so far by all counting threads (for progress reports).
private final class TokenTally: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Int64 = 0
    var tokens: Int64 { lock.withLock { total } }
    func add(_ n: Int64) { lock.withLock { total += n } }
}

/// One counting thread: tokenizes and counts chunks until the queue closes.
private final class ChunkCountingWorker: @unchecked Sendable {
    private(set) var counter: WordCounter
    let tokenizer: Tokenizer
    let queue: ChunkQueue<TextChunk>
    let tally: TokenTally
    let group: DispatchGroup

    init(options: TokenizerOptions, maxEntries: Int, queue: ChunkQueue<TextChunk>, tally: TokenTally, group: DispatchGroup) {
        counter = WordCounter(maxEntries: maxEntries)
        tokenizer = Tokenizer(options)
        self.queue = queue
        self.tally = tally
        self.group = group
    }

    func run() {
        defer { group.leave() }
        do {
            while let chunk = queue.takeFilled() {
                let before = counter.totalTokens
                try chunk.forEachPiece(tokenizer) { tokenizer, _ in counter.add(tokenizer) }
                tally.add(counter.totalTokens - before)
                queue.giveBack(chunk)
            }
        } catch {
            queue.fail(error)
        }
    }
}
