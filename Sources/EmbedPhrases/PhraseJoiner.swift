// Role: joins the phrases of a table in a stream of tokens, greedily from the left as gensim's Phrases does:
// a word may start a phrase, connector words may follow it, and the next word ends the candidate; a candidate
// in the table is passed on as one token, else its words go on alone and the last word starts the next one.
import EmbedCore

/// Joins the phrases of a table in a token stream and passes the result to the next stage.
public final class PhraseJoiner: TokenSink {
    /// The phrases joined.
    public let table: PhraseTable
    /// The connector words (never the start or end of a phrase).
    public let connectors: ConnectorSet
    /// Receives the joined stream.
    public let next: TokenSink
    /// Phrases joined so far.
    public private(set) var joined: Int64 = 0
    private let delimiter: [UInt8]
    private let hasConnectors: Bool
    // The start word, then delimiter + connector for each connector after it; `ends` holds the end offset of
    // each pending token in `pending` (0 tokens: no candidate open).
    private var pending: UnsafeMutablePointer<UInt8>
    private var pendingCapacity = 1 << 10
    private var pendingCount = 0
    private var ends: UnsafeMutablePointer<Int>
    private var endsCapacity = 64
    private var endsCount = 0

    /// A joiner of `table`'s phrases feeding `next`.
    public init(table: PhraseTable, connectors: ConnectorSet, next: TokenSink) {
        self.table = table
        self.connectors = connectors
        self.next = next
        delimiter = Array(table.delimiter.utf8)
        hasConnectors = connectors.count > 0
        pending = .allocate(capacity: pendingCapacity)
        ends = .allocate(capacity: endsCapacity)
    }

    deinit { pending.deallocate(); ends.deallocate() }

    /// Appends `bytes` to the pending bytes, after the delimiter when `delimited`.
    @inline(__always)
    private func appendPending(_ bytes: UnsafeBufferPointer<UInt8>, delimited: Bool) {
        let needed = pendingCount + bytes.count + delimiter.count
        UnsafeMutablePointer.grow(&pending, capacity: &pendingCapacity, keeping: pendingCount, toHold: needed)
        var at = pendingCount
        if delimited {
            for b in delimiter { pending[at] = b; at += 1 }
        }
        if let base = bytes.baseAddress { (pending + at).update(from: base, count: bytes.count) }
        pendingCount = at + bytes.count
    }

    @inline(__always)
    private func pushEnd() {
        UnsafeMutablePointer.grow(&ends, capacity: &endsCapacity, keeping: endsCount, toHold: endsCount + 1)
        ends[endsCount] = pendingCount
        endsCount += 1
    }

    /// Takes the next token of the line.
    public func token(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if hasConnectors && connectors.index(bytes) != nil {
            if endsCount == 0 { try next.token(bytes); return }
            appendPending(bytes, delimited: true)
            pushEnd()
            return
        }
        if endsCount > 0 {
            let base = pendingCount
            appendPending(bytes, delimited: true)
            let candidate = UnsafeBufferPointer(start: pending, count: pendingCount)
            if table.contains(candidate) {
                try next.token(candidate)
                joined += 1
                pendingCount = 0
                endsCount = 0
                return
            }
            pendingCount = base
            try flush()
        }
        appendPending(bytes, delimited: false)
        pushEnd()
    }

    /// Ends the line: the pending words go on alone.
    public func endLine() throws {
        try flush()
        try next.endLine()
    }

    /// Passes the pending words on one by one (the first has no delimiter before it, the others have one).
    private func flush() throws {
        let n = endsCount, pending = self.pending, ends = self.ends, skip = delimiter.count
        var start = 0
        for i in 0..<n {
            let from = i == 0 ? 0 : start + skip
            try next.token(UnsafeBufferPointer(start: pending + from, count: ends[i] - from))
            start = ends[i]
        }
        pendingCount = 0
        endsCount = 0
    }
}
