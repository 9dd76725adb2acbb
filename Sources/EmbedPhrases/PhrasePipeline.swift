// Role: `embed phrases` as library calls: learning the phrase tables (one counting pass over the corpus per
// detection pass, earlier tables applied on the fly) and writing a corpus with the phrases joined, by the
// learnt tables or by a saved one.
import EmbedCore
import EmbedCorpus
import EmbedStreams
import Foundation

/// What one detection pass found.
public struct PhrasePassReport: Sendable, Equatable {
    /// 1-based pass number.
    public var pass: Int
    /// Tokens counted (connector words included).
    public var tokens: Int64
    /// Distinct words and pairs in the table at the end of the pass.
    public var words: Int, pairs: Int
    /// Entries seen at most this many times were pruned (0: none).
    public var prunedAtMost: Int64
    /// Phrases found.
    public var phrases: Int
    /// Seconds the pass took.
    public var seconds: Double
}

/// Learns phrases from a corpus and writes corpora with them joined.
public enum PhrasePipeline {
    /// Feeds one pass of `corpus` into `sink`, reporting progress as task `task`.
    static func stream(_ corpus: CorpusReader, into sink: TokenSink, task: String, observer: WorkObserver) throws {
        var meter = ProgressMeter(observer, task: task, unit: "tokens")
        var done: Int64 = 0, nextReport: Int64 = 1 << 16
        try corpus.forEachPiece { tokenizer, endsLine in
            let n = tokenizer.count
            try sink.piece(tokenizer, endsLine: endsLine)
            done += Int64(n)
            if done >= nextReport {
                nextReport = done + (1 << 16)
                meter.report(done: Double(done), fraction: corpus.fraction)
                try meter.checkStop()
            }
        }
        meter.report(done: Double(done), fraction: 1, force: true)
    }

    /// The phrase table of each pass (`settings.passes` of them at most: a pass finding nothing ends the
    /// learning). Pass k counts the corpus with the phrases of passes 1..k-1 joined. Standard input is first
    /// copied to a temporary file when more than one pass is needed. Throws SettingError for bad settings,
    /// InputError for unreadable input, Stopped when the observer asks to stop.
    public static func learn(corpus: CorpusReader, settings: PhraseSettings, temporaryParent: String? = nil,
                             observer: WorkObserver = SilentObserver.shared) throws -> (tables: [PhraseTable], passes: [PhrasePassReport]) {
        try settings.validate()
        try corpus.makeRereadable(temporaryParent: temporaryParent, observer: observer)
        let connectors = ConnectorSet(settings.connectorWords)
        var tables: [PhraseTable] = [], reports: [PhrasePassReport] = []
        for pass in 1...settings.passes {
            let started = Date()
            let counter = PhraseCounter(connectors: connectors, memoryBytes: settings.memoryBytes, observer: observer)
            let head = chain(tables, connectors: connectors, into: counter)
            try stream(corpus, into: head, task: "phrases: counting, pass \(pass)", observer: observer)
            let table = counter.phrases(settings)
            let report = PhrasePassReport(pass: pass, tokens: counter.totalTokens, words: counter.words.count,
                                          pairs: counter.pairCount, prunedAtMost: counter.prunedAtMost,
                                          phrases: table.count, seconds: Date().timeIntervalSince(started))
            reports.append(report)
            observer.stageEnded(StageReport(task: "phrases: pass \(pass)", seconds: report.seconds, figures: [
                Metric("tokens", Double(report.tokens)), Metric("words", Double(report.words)),
                Metric("pairs", Double(report.pairs)), Metric("prunedAtMost", Double(report.prunedAtMost)),
                Metric("phrases", Double(report.phrases)),
            ]))
            if table.count == 0 { break }
            tables.append(table)
        }
        return (tables, reports)
    }

    /// Joiners for `tables` in order, ending in `sink`: the stream goes through the first table's joiner first.
    public static func chain(_ tables: [PhraseTable], connectors: ConnectorSet, into sink: TokenSink) -> TokenSink {
        var head = sink
        for table in tables.reversed() { head = PhraseJoiner(table: table, connectors: connectors, next: head) }
        return head
    }

    /// How many times a saved table (all passes merged) is applied so that its longest phrase can form:
    /// each pass at most doubles the words of a phrase, so a phrase of w words needs ceil(log2(w)) passes.
    public static func stages(for table: PhraseTable, connectors: ConnectorSet) -> Int {
        let words = table.longestPhrase(connectors: connectors)
        var stages = 1
        while (1 << stages) < words && stages < 8 { stages += 1 }
        return stages
    }

    /// Writes `corpus` to `path` (`-`: standard output; `.zst`: compressed) with the phrases of `tables`
    /// joined, one table after the other, keeping its lines. Returns the tokens and lines written and the
    /// phrases joined. Throws InputError for unreadable input or a failed write (the output is then left untouched).
    public static func write(corpus: CorpusReader, tables: [PhraseTable], connectors: ConnectorSet, to path: String,
                             observer: WorkObserver = SilentObserver.shared) throws -> (tokens: Int64, lines: Int64, phrases: Int64) {
        let output = try AtomicOutput(path: path)
        do {
            let writer = TokenWriter(output: output)
            let head = chain(tables, connectors: connectors, into: writer)
            try stream(corpus, into: head, task: "phrases: writing", observer: observer)
            try output.commit()
            var joined: Int64 = 0
            var stage: TokenSink = head
            while let joiner = stage as? PhraseJoiner { joined += joiner.joined; stage = joiner.next }
            return (writer.tokens, writer.lines, joined)
        } catch {
            output.abort()
            throw error
        }
    }

    /// All the tables' phrases in one table (the first pass's entry wins for a phrase found twice).
    public static func merged(_ tables: [PhraseTable], delimiter: String) -> PhraseTable {
        let all = PhraseTable(delimiter: delimiter)
        for t in tables { all.merge(t) }
        return all
    }
}
