// Role: the counting pass of phrase detection, in bounded memory: unigram counts and the counts of adjacent
// pairs (with the connector words between them), keyed by word ids; past the memory bound the rarest entries
// are pruned (as word2phrase's ReduceVocab does) and the observer is told.
import EmbedCore
import EmbedVocabulary

/// Counts words and adjacent pairs of words (connector words may stand between the two) in bounded memory.
public final class PhraseCounter: TokenSink {
    /// The distinct non-connector words counted, by id.
    public private(set) var words = ByteStringTable(capacity: 256)
    /// The count of each word, by id.
    public private(set) var wordCounts: [Int64] = []
    /// The counts of adjacent pairs (no connector between), keyed by `PairCountTable.key(a, b)`.
    public private(set) var plainPairs = PairCountTable(capacity: 256)
    /// The distinct pairs with connector words between: each key is the `UInt32` ids of the first word, the
    /// connectors (`connectorFlag | connector index`) and the last word.
    public private(set) var pairs = ByteStringTable(capacity: 256)
    /// The count of each pair of `pairs`, by entry.
    public private(set) var pairCounts: [Int64] = []
    /// The connector words, by index.
    public let connectors: ConnectorSet
    /// Tokens seen, connector words included (N of the scores).
    public private(set) var totalTokens: Int64 = 0
    /// Entries seen at most this many times were pruned (0: no pruning happened).
    public private(set) var prunedAtMost: Int64 = 0
    /// The memory bound of both tables, in bytes.
    public let memoryBytes: Int
    /// Told when the tables are pruned.
    public let observer: WorkObserver
    private let hasConnectors: Bool
    /// Marks a connector's index inside a pair key.
    public static let connectorFlag: UInt32 = 0x8000_0000

    private var key: UnsafeMutablePointer<UInt32>
    private var keyCapacity = 64
    private var keyCount = 0          // 0: no word starts a pair; else key[0] is the start, then connectors

    /// A counter holding at most about `memoryBytes` of tables, treating `connectors` as connector words.
    public init(connectors: ConnectorSet, memoryBytes: Int, observer: WorkObserver = SilentObserver.shared) {
        self.connectors = connectors
        hasConnectors = connectors.count > 0
        self.memoryBytes = memoryBytes
        self.observer = observer
        key = .allocate(capacity: keyCapacity)
    }

    deinit { key.deallocate() }

    /// The tables may take 40% of the bound: a table doubling holds its old and new arrays for a moment, and
    /// pruning builds the kept tables (at most 60% of the limit) beside the old ones; both stay within the bound.
    public var tableLimit: Int { memoryBytes / 10 * 4 }

    /// Bytes the tables and counts hold now.
    public var bytesUsed: Int {
        words.memoryBytes + plainPairs.memoryBytes + pairs.memoryBytes + (wordCounts.capacity + pairCounts.capacity) * 8
    }

    /// Distinct pairs counted (plain and with connectors).
    public var pairCount: Int { plainPairs.count + pairs.count }

    /// Counts one token: a word (and the pair it ends) or a connector.
    @inline(__always)
    public func token(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        totalTokens &+= 1
        let keyCount = self.keyCount, key = self.key
        if hasConnectors, let c = connectors.index(bytes) {
            if keyCount > 0 { appendKey(PhraseCounter.connectorFlag | UInt32(c)) }
            return
        }
        let (w, newWord) = words.insert(bytes)
        if newWord { wordCounts.append(1) } else { wordCounts.withUnsafeMutableBufferPointer { $0[Int(w)] &+= 1 } }
        var grew = newWord
        if keyCount == 1 {
            grew = plainPairs.add(PairCountTable.key(key[0], UInt32(w))) || grew
        } else if keyCount > 1 {
            appendKey(UInt32(w))
            let raw = UnsafeBufferPointer(start: UnsafeRawPointer(self.key).assumingMemoryBound(to: UInt8.self),
                                          count: self.keyCount * 4)
            let (p, newPair) = pairs.insert(raw)
            if newPair { pairCounts.append(1); grew = true } else {
                pairCounts.withUnsafeMutableBufferPointer { $0[Int(p)] &+= 1 }
            }
        }
        self.key[0] = UInt32(w)
        self.keyCount = 1
        if grew && bytesUsed > tableLimit { prune() }
    }

    /// Ends the line: no pair spans it.
    public func endLine() { keyCount = 0 }

    @inline(__always)
    private func appendKey(_ id: UInt32) {
        if keyCount == keyCapacity {
            let bigger = UnsafeMutablePointer<UInt32>.allocate(capacity: keyCapacity * 2)
            bigger.update(from: key, count: keyCount)
            key.deallocate(); key = bigger; keyCapacity *= 2
        }
        key[keyCount] = id
        keyCount += 1
    }

    /// The ids held by pair entry `p`: first word, connectors (flagged), last word.
    public func pairKey(_ p: Int) -> [UInt32] {
        let raw = pairs.bytes(p)
        return (0..<raw.count / 4).map { i in
            UnsafeRawPointer(raw.baseAddress!).loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
        }
    }

    /// Drops every entry seen at most `prunedAtMost` times, raising it until the tables take at most 60% of
    /// `tableLimit`; pairs whose words were dropped go too. The pair being read is forgotten when its word goes.
    private func prune() {
        let before = words.count + pairCount
        repeat {
            prunedAtMost += 1
            var remap = [Int32](repeating: -1, count: words.count)
            let keptWords = ByteStringTable(capacity: max(16, words.count / 2))
            var keptWordCounts: [Int64] = []
            for w in 0..<words.count where wordCounts[w] > prunedAtMost {
                remap[w] = keptWords.insert(words.bytes(w)).entry
                keptWordCounts.append(wordCounts[w])
            }
            let keptPlain = PairCountTable(capacity: max(16, plainPairs.count / 4))
            for i in 0..<plainPairs.slotCount {
                guard let (k, c) = plainPairs.entry(at: i), c > prunedAtMost else { continue }
                let a = remap[Int(k >> 32)], b = remap[Int(k & 0xFFFF_FFFF)]
                if a >= 0 && b >= 0 { keptPlain.add(PairCountTable.key(UInt32(a), UInt32(b)), by: c) }
            }
            let keptPairs = ByteStringTable(capacity: max(16, pairs.count / 4))
            var keptPairCounts: [Int64] = []
            var ids: [UInt32] = []
            for p in 0..<pairs.count where pairCounts[p] > prunedAtMost {
                ids = pairKey(p)
                let a = remap[Int(ids[0])], b = remap[Int(ids[ids.count - 1])]
                guard a >= 0, b >= 0 else { continue }
                ids[0] = UInt32(a); ids[ids.count - 1] = UInt32(b)
                ids.withUnsafeBytes { _ = keptPairs.insert($0.assumingMemoryBound(to: UInt8.self)) }
                keptPairCounts.append(pairCounts[p])
            }
            if keyCount > 0 {
                let start = remap[Int(key[0])]
                if start >= 0 { key[0] = UInt32(start) } else { keyCount = 0 }
            }
            words = keptWords; wordCounts = keptWordCounts
            pairs = keptPairs; pairCounts = keptPairCounts; plainPairs = keptPlain
        } while bytesUsed > tableLimit / 10 * 6 && words.count + pairCount > 0
        observer.notice("phrase table reached the memory bound (\(before) words and pairs); pruned those seen at most "
            + "\(prunedAtMost) times (\(words.count + pairCount) kept): counts of rare pairs may be low")
    }

    /// The pairs scoring above the threshold by `settings`, as a table of phrases joined with its delimiter.
    public func phrases(_ settings: PhraseSettings) -> PhraseTable {
        let table = PhraseTable(delimiter: settings.delimiter)
        let delimiter = Array(settings.delimiter.utf8)
        var joined: [UInt8] = []
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
