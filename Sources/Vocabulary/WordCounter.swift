// Role: the one counting pass over a corpus with bounded memory: when the table passes its cap, the rarest
// entries are pruned (as word2vec's ReduceVocab does) and stderr says so.
import Corpus
import Streams

public struct WordCounter {
    public private(set) var table = ByteStringTable()
    public private(set) var counts: [Int64] = []   // by table entry
    /// Tokens seen, including those whose entries were later pruned.
    public private(set) var totalTokens: Int64 = 0
    /// Largest count pruned so far (words with at most this count may be under-counted).
    public private(set) var prunedBelow: Int64 = 0
    public let maxEntries: Int
    public let quiet: Bool

    public init(maxEntries: Int = 20_000_000, quiet: Bool = false) {
        self.maxEntries = maxEntries
        self.quiet = quiet
    }

    @inline(__always)
    public mutating func add(_ token: UnsafeBufferPointer<UInt8>) {
        totalTokens += 1
        let (e, inserted) = table.insert(token)
        if inserted { counts.append(1) } else { counts[Int(e)] += 1 }
        if table.count > maxEntries { prune() }
    }

    public mutating func add(_ tokenizer: Tokenizer) {
        let n = tokenizer.count
        totalTokens += Int64(n)
        for t in 0..<n {
            let (e, inserted) = table.insert(tokenizer.token(t))
            if inserted {
                counts.append(1)
                if table.count > maxEntries { prune() }
            } else {
                counts.withUnsafeMutableBufferPointer { $0[Int(e)] += 1 }
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
        if !quiet {
            printError("embed: vocabulary table reached \(before) entries; pruned words seen at most \(prunedBelow) times (\(table.count) kept)")
        }
    }

    /// Counts every token of a corpus in one pass, with a progress line on a terminal.
    public static func count(_ corpus: CorpusReader, maxEntries: Int = 20_000_000, quiet: Bool = false) throws -> WordCounter {
        var counter = WordCounter(maxEntries: maxEntries, quiet: quiet)
        let progress = Progress("vocab", quiet: quiet)
        var nextReport: Int64 = 1 << 16
        try corpus.forEachLine { tokenizer in
            counter.add(tokenizer)
            if counter.totalTokens >= nextReport {
                nextReport = counter.totalTokens + (1 << 16)
                let rate = Double(counter.totalTokens) / max(progress.elapsed, 1e-9)
                progress.update(fraction: corpus.fraction,
                                detail: "\(counter.totalTokens) tokens, \(Progress.rate(rate)) tokens/s")
            }
        }
        progress.finish()
        return counter
    }
}
