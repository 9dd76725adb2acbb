// Role: the counting pass of phrase detection, in bounded memory: unigram counts and the counts of adjacent
// pairs (with the connector words between them), keyed by word ids; past the memory bound the rarest entries
// are pruned (as word2phrase's ReduceVocab does) and the observer is told; the pairs scoring above the
// threshold become the phrase table. The tables and the hot loop are `PhraseCounts`.
import EmbedCore
import EmbedCorpus
import EmbedVocabulary

/// Counts words and adjacent pairs of words (connector words may stand between the two) in bounded memory.
public final class PhraseCounter: TokenSink {
    private var counts: PhraseCounts
    /// The distinct non-connector words counted, by id.
    public var words: ByteStringTable { counts.words }
    /// The count of each word, by id.
    public var wordCounts: [Int64] { counts.wordCounts }
    /// The counts of adjacent pairs (no connector between), keyed by `PairCountTable.key(a, b)`.
    public var plainPairs: PairCountTable { counts.addLaggingPairs(); return counts.plain }
    /// The distinct pairs with connector words between: each key is the `UInt32` ids of the first word, the
    /// connectors (`connectorFlag | connector index`) and the last word.
    public var pairs: ByteStringTable { counts.pairs }
    /// The count of each pair of `pairs`, by entry.
    public var pairCounts: [Int64] { counts.pairCounts }
    /// The connector words, by index.
    public let connectors: ConnectorSet
    /// Tokens seen, connector words included (N of the scores).
    public var totalTokens: Int64 { counts.totalTokens }
    /// Entries seen at most this many times were pruned (0: no pruning happened).
    public var prunedAtMost: Int64 { counts.prunedAtMost }
    /// The memory bound of both tables, in bytes.
    public let memoryBytes: Int
    /// Told when the tables are pruned.
    public let observer: WorkObserver
    private let hasConnectors: Bool
    /// Marks a connector's index inside a pair key.
    public static let connectorFlag: UInt32 = 0x8000_0000

    /// A counter holding at most about `memoryBytes` of tables, treating `connectors` as connector words.
    public init(connectors: ConnectorSet, memoryBytes: Int, observer: WorkObserver = SilentObserver.shared) {
        self.connectors = connectors
        hasConnectors = connectors.count > 0
        self.memoryBytes = memoryBytes
        self.observer = observer
        counts = PhraseCounts(limit: PhraseCounter.tableLimit(memoryBytes), observer: observer)
    }

    deinit { counts.release() }

    /// The tables may take 40% of the bound: a table doubling holds its old and new arrays for a moment, and
    /// pruning builds the kept tables (at most 60% of the limit) beside the old ones; both stay within the bound.
    public var tableLimit: Int { PhraseCounter.tableLimit(memoryBytes) }

    private static func tableLimit(_ memoryBytes: Int) -> Int { memoryBytes / 10 * 4 }

    /// Bytes the tables and counts hold now.
    public var bytesUsed: Int { counts.bytesUsed }

    /// Distinct pairs counted (plain and with connectors).
    public var pairCount: Int { plainPairs.count + pairs.count }

    /// Counts one token: a word (and the pair it ends) or a connector.
    public func token(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if hasConnectors, let c = connectors.index(bytes) { counts.countConnector(c); return }
        counts.countWord(bytes, hash: ByteStringTable.hash(bytes))
    }

    /// Counts the tokens of a piece at once (token by token when connector words are defined).
    public func piece(_ tokenizer: Tokenizer, endsLine: Bool) throws {
        if hasConnectors {
            for i in 0..<tokenizer.count { try token(tokenizer.token(i)) }
        } else {
            counts.countPiece(tokenizer)
        }
        if endsLine { counts.endLine() }
    }

    /// Ends the line: no pair spans it.
    public func endLine() { counts.endLine() }

    /// The ids held by pair entry `p`: first word, connectors (flagged), last word.
    public func pairKey(_ p: Int) -> [UInt32] { counts.pairKey(p) }

    /// The pairs scoring above the threshold by `settings`, as a table of phrases joined with its delimiter.
    public func phrases(_ settings: PhraseSettings) -> PhraseTable {
        let table = PhraseTable(delimiter: settings.delimiter)
        let delimiter = Array(settings.delimiter.utf8)
        var joined: [UInt8] = []
        let plainPairs = self.plainPairs
        for i in 0..<plainPairs.slotCount {
            guard let (k, c) = plainPairs.entry(at: i) else { continue }
            let a = Int(k >> 32), b = Int(k & 0xFFFF_FFFF)
            let score = settings.scoring.score(a: wordCounts[a], b: wordCounts[b], pair: c, total: totalTokens,
                                               minCount: settings.minCount)
            guard score > settings.threshold, score.isFinite else { continue }
            joined.removeAll(keepingCapacity: true)
            joined.append(contentsOf: words.bytes(a))
            joined.append(contentsOf: delimiter)
            joined.append(contentsOf: words.bytes(b))
            joined.withUnsafeBufferPointer { table.add($0, count: c, score: score) }
        }
        for p in 0..<pairs.count {
            let ids = pairKey(p)
            let a = Int(ids[0]), b = Int(ids[ids.count - 1])
            let score = settings.scoring.score(a: wordCounts[a], b: wordCounts[b], pair: pairCounts[p],
                                               total: totalTokens, minCount: settings.minCount)
            guard score > settings.threshold, score.isFinite else { continue }
            joined.removeAll(keepingCapacity: true)
            joined.append(contentsOf: words.bytes(a))
            for id in ids[1..<(ids.count - 1)] {
                joined.append(contentsOf: delimiter)
                joined.append(contentsOf: connectors.bytes(Int(id & ~PhraseCounter.connectorFlag)))
            }
            joined.append(contentsOf: delimiter)
            joined.append(contentsOf: words.bytes(b))
            joined.withUnsafeBufferPointer { table.add($0, count: pairCounts[p], score: score) }
        }
        return table
    }

    /// The count of `word` (0 when not counted or a connector).
    public func count(of word: String) -> Int64 {
        var w = word
        return w.withUTF8 { words.find($0).map { wordCounts[Int($0)] } ?? 0 }
    }
}
