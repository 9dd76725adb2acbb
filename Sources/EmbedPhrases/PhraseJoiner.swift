// Role: joins the phrases of a table in a stream of tokens, greedily from the left as gensim's Phrases does:
// a word may start a phrase, connector words may follow it, and the next word ends the candidate; a candidate
// in the table is passed on as one token, else its words go on alone and the last word starts the next one.
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
    private var pending: [UInt8] = []      // the start word, then delimiter + connector for each connector
    private var ends: [Int] = []           // end offset in `pending` of each pending token (start, connectors)

    /// A joiner of `table`'s phrases feeding `next`.
    public init(table: PhraseTable, connectors: ConnectorSet, next: TokenSink) {
        self.table = table
        self.connectors = connectors
        self.next = next
        delimiter = Array(table.delimiter.utf8)
        pending.reserveCapacity(1 << 10)
    }

    /// Takes the next token of the line.
    public func token(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if connectors.count > 0 && connectors.index(bytes) != nil {
            if ends.isEmpty { try next.token(bytes); return }
            pending.append(contentsOf: delimiter)
            pending.append(contentsOf: bytes)
            ends.append(pending.count)
            return
        }
        if !ends.isEmpty {
            let base = pending.count
            pending.append(contentsOf: delimiter)
            pending.append(contentsOf: bytes)
            let isPhrase = pending.withUnsafeBufferPointer { table.contains($0) }
            if isPhrase {
                try pending.withUnsafeBufferPointer { try next.token($0) }
                joined += 1
                pending.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                return
            }
            pending.removeSubrange(base...)
            try flush()
        }
        pending.append(contentsOf: bytes)
        ends.append(pending.count)
    }

    /// Ends the line: the pending words go on alone.
    public func endLine() throws {
        try flush()
        try next.endLine()
    }

    /// Passes the pending words on one by one (the first has no delimiter before it, the others have one).
    private func flush() throws {
        guard !ends.isEmpty else { return }
        try pending.withUnsafeBufferPointer { all in
            var start = 0
            for (i, end) in ends.enumerated() {
                let from = i == 0 ? 0 : start + delimiter.count
                try next.token(UnsafeBufferPointer(rebasing: all[from..<end]))
                start = end
            }
        }
        pending.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}
