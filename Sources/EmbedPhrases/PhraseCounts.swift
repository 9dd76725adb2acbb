// Role: the tables of phrase counting and the hot loop that fills them: word ids and counts, plain pairs by
// packed ids, pairs with connectors between by their id strings; pruned in place past the memory bound. Kept in
// one struct so that a whole piece of a line is counted inside one access (no per-token retain or exclusivity
// check), with each word's lookup and each pair's slot prefetched a few tokens before it is used.
import EmbedCore
import EmbedCorpus
import EmbedVocabulary

/// The counts of one phrase-detection pass (owned by `PhraseCounter`, which releases it).
struct PhraseCounts {
    var words = ByteStringTable(capacity: 256)
    var wordCounts: [Int64] = []
    var plain = PairCountTable(capacity: 256)
    var pairs = ByteStringTable(capacity: 256)
    var pairCounts: [Int64] = []
    var totalTokens: Int64 = 0
    var prunedAtMost: Int64 = 0
    /// Bytes the tables may take before they are pruned.
    let limit: Int
    let observer: WorkObserver

    // The pair being read: 0 ids, no word starts one; else key[0] is its first word, then connectors.
    private(set) var key: UnsafeMutablePointer<UInt32>
    private var keyCapacity = 64
    private(set) var keyCount = 0
    // Plain pairs seen but not yet added (a ring of `lag` keys), so that their slots load meanwhile.
    private static let lag = 16
    private let lagging: UnsafeMutablePointer<UInt64>
    private var laggingCount = 0, laggingNext = 0
    // The hashes of the piece being counted.
    private var hashes: [UInt64] = []

    init(limit: Int, observer: WorkObserver) {
        self.limit = limit
        self.observer = observer
        key = .allocate(capacity: keyCapacity)
        lagging = .allocate(capacity: PhraseCounts.lag)
    }

    /// Frees the buffers (the owner's deinit).
    func release() { key.deallocate(); lagging.deallocate() }

    var bytesUsed: Int {
        words.memoryBytes + plain.memoryBytes + pairs.memoryBytes + (wordCounts.capacity + pairCounts.capacity) * 8
    }

    /// Counts the words of a piece (no connector words are defined): all hashed first, each word's lookup
    /// prefetched a few tokens before it (`ByteStringTable.prefetchAhead`).
    mutating func countPiece(_ tokenizer: Tokenizer) {
        let line = tokenizer.line, n = line.count
        guard n > 0 else { return }
        ByteStringTable.hashTokens(of: tokenizer, into: &hashes)
        let local = hashes
        local.withUnsafeBufferPointer { h in
            let h = h.baseAddress!
            for i in 0..<n {
                words.prefetchAhead(h, at: i, count: n)
                countWord(line[i], hash: h[i])
            }
        }
    }

    /// Counts a connector word (index `c`): it joins the pair being read, if any.
    mutating func countConnector(_ c: Int) {
        totalTokens &+= 1
        if keyCount > 0 { appendKey(PhraseCounter.connectorFlag | UInt32(c)) }
    }

    /// Counts a word (not a connector) of hash `hash`, and the pair it ends.
    @inline(__always)
    mutating func countWord(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        totalTokens &+= 1
        let (w, newWord) = words.insert(bytes, hash: hash)
        if newWord { wordCounts.append(1) } else { wordCounts.withUnsafeMutableBufferPointer { $0[Int(w)] &+= 1 } }
        var grew = newWord
        if keyCount == 1 {
            grew = addLagging(PairCountTable.key(key[0], UInt32(w))) || grew
        } else if keyCount > 1 {
            appendKey(UInt32(w))
            let raw = UnsafeBufferPointer(start: UnsafeRawPointer(key).assumingMemoryBound(to: UInt8.self),
                                          count: keyCount * 4)
            let (p, newPair) = pairs.insert(raw)
            if newPair { pairCounts.append(1); grew = true } else {
                pairCounts.withUnsafeMutableBufferPointer { $0[Int(p)] &+= 1 }
            }
        }
        key[0] = UInt32(w)
        keyCount = 1
        if grew && bytesUsed > limit { prune() }
    }

    /// Ends the line: no pair spans it.
    mutating func endLine() { keyCount = 0 }

    @inline(__always)
    private mutating func appendKey(_ id: UInt32) {
        UnsafeMutablePointer.grow(&key, capacity: &keyCapacity, keeping: keyCount, toHold: keyCount + 1)
        key[keyCount] = id
        keyCount += 1
    }

    /// Queues plain pair `k`, adding the one queued `lag` pairs earlier; true when that one was new.
    @inline(__always)
    private mutating func addLagging(_ k: UInt64) -> Bool {
        plain.prefetch(k)
        let at = laggingNext
        laggingNext = at + 1 == PhraseCounts.lag ? 0 : at + 1
        if laggingCount < PhraseCounts.lag {
            lagging[at] = k
            laggingCount += 1
            return false
        }
        let due = lagging[at]
        lagging[at] = k
        return plain.add(due)
    }

    /// Adds every queued plain pair (before the table is read or its ids change).
    mutating func addLaggingPairs() {
        for i in 0..<laggingCount { plain.add(lagging[i]) }
        laggingCount = 0
        laggingNext = 0
    }

    /// The ids held by pair entry `p`: first word, connectors (flagged), last word.
    func pairKey(_ p: Int) -> [UInt32] {
        let raw = pairs.bytes(p)
        return (0..<raw.count / 4).map { i in
            UnsafeRawPointer(raw.baseAddress!).loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
        }
    }

    /// Drops every entry seen at most `prunedAtMost` times, raising it until the tables take at most 60% of
    /// `limit`; pairs whose words were dropped go too. The pair being read is forgotten when its word goes.
    private mutating func prune() {
        addLaggingPairs()
        let before = words.count + plain.count + pairs.count
        repeat {
            prunedAtMost += 1
            var remap = [Int32](repeating: -1, count: words.count)
            let keptWords = ByteStringTable(capacity: max(16, words.count / 2))
            var keptWordCounts: [Int64] = []
            for w in 0..<words.count where wordCounts[w] > prunedAtMost {
                remap[w] = keptWords.insert(words.bytes(w)).entry
                keptWordCounts.append(wordCounts[w])
            }
            let keptPlain = PairCountTable(capacity: max(16, plain.count / 4))
            for i in 0..<plain.slotCount {
                guard let (k, c) = plain.entry(at: i), c > prunedAtMost else { continue }
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
            pairs = keptPairs; pairCounts = keptPairCounts; plain = keptPlain
        } while bytesUsed > limit / 10 * 6 && words.count + plain.count + pairs.count > 0
        observer.notice("phrase table reached the memory bound (\(before) words and pairs); pruned those seen at most "
            + "\(prunedAtMost) times (\(words.count + plain.count + pairs.count) kept): counts of rare pairs may be low")
    }
}
