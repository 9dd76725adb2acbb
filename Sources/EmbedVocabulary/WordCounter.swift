// Role: the one counting pass over a corpus with bounded memory: when the table passes its cap, the rarest
// entries are pruned (as word2vec's ReduceVocab does) and the observer is told.
import EmbedCore
import EmbedCorpus
import EmbedStreams

/// Counts the distinct tokens of a corpus in bounded memory: past `maxEntries` entries the rarest are pruned
/// (as word2vec's ReduceVocab does) and the observer is told.
public struct WordCounter {
    /// The distinct tokens counted so far, by entry number.
    public private(set) var table = ByteStringTable()
    /// The count of each entry of `table`, indexed by entry number.
    public private(set) var counts: [Int64] = []   // by table entry
    /// Tokens seen, including those whose entries were later pruned.
    public private(set) var totalTokens: Int64 = 0
    /// Largest count pruned so far (words with at most this count may be under-counted).
    public private(set) var prunedBelow: Int64 = 0
    /// The most distinct tokens held before the rarest are pruned.
    public let maxEntries: Int
    /// Told when the table is pruned.
    public let observer: WorkObserver
    private var hashes: [UInt64] = []             // the hashes of the line being counted

    /// An empty counter holding at most `maxEntries` distinct tokens before it prunes the rarest.
    public init(maxEntries: Int = 20_000_000, observer: WorkObserver = SilentObserver.shared) {
        self.maxEntries = maxEntries
        self.observer = observer
    }

    /// Counts one occurrence of `token`.
    @inline(__always)
    public mutating func add(_ token: UnsafeBufferPointer<UInt8>) {
        totalTokens += 1
        let (e, inserted) = table.insert(token)
        if inserted { counts.append(1) } else { counts[Int(e)] += 1 }
        if table.count > maxEntries { prune() }
    }

    /// Adds `count` occurrences of `word` (a merge of partial counts; never prunes).
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, count: Int64) {
        totalTokens += count
        let (e, inserted) = table.insert(word)
        if inserted { counts.append(count) } else { counts[Int(e)] += count }
    }

    /// Adds tokens counted without an entry (those of pruned words in a partial count).
    mutating func addTokens(_ n: Int64) { totalTokens += n }

    /// Adds what another count of part of the corpus may have lost to pruning (words seen at most `n` times).
    mutating func addPruned(_ n: Int64) { prunedBelow += n }

    /// Prunes the rarest entries if the table holds more than `maxEntries` (after merging counts).
    mutating func pruneToLimit() { if table.count > maxEntries { prune() } }

    /// Counts every token of the tokenizer's current line: all are hashed first, so that each token's lookup is
    /// prefetched a few tokens ahead (`ByteStringTable.prefetchAhead`; the table is larger than the cache).
    public mutating func add(_ tokenizer: Tokenizer) {
        let line = tokenizer.line, n = line.count
        totalTokens += Int64(n)
        guard n > 0 else { return }
        ByteStringTable.hashTokens(of: tokenizer, into: &hashes)
        let local = hashes
        local.withUnsafeBufferPointer { h in
            let h = h.baseAddress!
            for t in 0..<n {
                table.prefetchAhead(h, at: t, count: n)
                let (e, inserted) = table.insert(line[t], hash: h[t])
                if inserted {
                    counts.append(1)
                    if table.count > maxEntries { prune() }
                } else {
                    counts.withUnsafeMutableBufferPointer { $0[Int(e)] += 1 }
                }
            }
        }
    }

    /// Drops every entry with count <= the current threshold, raising it until the table is at most 70% full.
    private mutating func prune() {
        let before = table.count
        repeat {
            prunedBelow += 1
            let kept = ByteStringTable(capacity: table.count)
            var keptCounts: [Int64] = []
            for e in 0..<table.count where counts[e] > prunedBelow {
                _ = kept.insert(table.bytes(e))
                keptCounts.append(counts[e])
            }
            table = kept
            counts = keptCounts
        } while table.count > maxEntries * 7 / 10
        observer.notice("vocabulary table reached \(before) entries; pruned words seen at most \(prunedBelow) times "
            + "(\(table.count) kept): counts of rare words may be low")
    }

    /// Counts every token of a corpus in one pass (task `vocabulary` for the observer), on `threads` counting
    /// threads (more than 1: the calling thread reads, the others tokenize and count; the same counts).
    /// Throws `InputError` for unreadable input or invalid UTF-8, and `Stopped` when the observer asks to stop.
    public static func count(_ corpus: CorpusReader, maxEntries: Int = 20_000_000,
                             observer: WorkObserver = SilentObserver.shared, threads: Int = 1) throws -> WordCounter {
        if threads > 1 { return try countInParallel(corpus, maxEntries: maxEntries, observer: observer, threads: threads) }
        var counter = WordCounter(maxEntries: maxEntries, observer: observer)
        var meter = ProgressMeter(observer, task: "vocabulary", unit: "tokens")
        var nextReport: Int64 = 1 << 16
        try corpus.forEachPiece { tokenizer, _ in
            counter.add(tokenizer)
            if counter.totalTokens >= nextReport {
                nextReport = counter.totalTokens + (1 << 16)
                meter.report(done: Double(counter.totalTokens), fraction: corpus.fraction)
                try meter.checkStop()
            }
        }
        return counter
    }
}
