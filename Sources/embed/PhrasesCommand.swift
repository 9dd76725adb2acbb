// Role: `embed phrases`: learns phrases from a corpus (word2phrase / gensim's Phrases) and writes the corpus
// with them joined (`new york` -> `new_york`), or applies a saved phrase table (`--apply`) to new text.
import ArgumentParser
import EmbedKit
import Foundation

extension PhraseScoring: ExpressibleByArgument {}

struct PhrasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phrases",
        abstract: "Join frequent word pairs into phrases (new york -> new_york).",
        discussion: """
        Reads the corpus once per pass to count words and adjacent pairs, and once more to write it with the \
        pairs scoring above --threshold joined by --delimiter, line by line (a phrase never spans two lines). \
        --passes 2 joins phrases again (new_york_city). --common-words FILE names connector words (of, the) \
        that may stand inside a phrase (bank_of_america) but never start or end one. --table writes the phrases \
        as `phrase<TAB>count<TAB>score` lines; --apply TABLE joins a saved table's phrases in new text.
        """
    )

    @OptionGroup var input: CorpusOptions
    @OptionGroup var output: OutputOption
    @Option(help: "A pair seen fewer times is no phrase (default 5).") var minCount: Int?
    @Option(help: "Join a pair scoring above this (default 100; with npmi, in [-1, 1], default 0.5).") var threshold: Double?
    @Option(help: "default: word2vec's (count(ab) - min-count) / (count(a) count(b)) * N; npmi: normalized PMI.")
    var scoring: PhraseScoring?
    @Option(help: "Written between the words of a phrase.") var delimiter = "_"
    @Option(help: "Detection passes (2 builds trigrams and four-grams; default 1).") var passes: Int?
    @Option(name: .customLong("common-words"), help: ArgumentHelp("Connector words (whitespace-separated; # comment lines) allowed inside phrases.", valueName: "file"))
    var commonWords: String?
    @OptionGroup var memory: MemoryOption
    @Option(help: ArgumentHelp("Also write the phrase table (phrase<TAB>count<TAB>score).", valueName: "file")) var table: String?
    @Option(help: ArgumentHelp("Join the phrases of this saved table instead of learning them.", valueName: "table")) var apply: String?
    @OptionGroup var temp: TempDirOption
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        try input.requireCorpus()
        let out = try output.path()
        if apply != nil {
            let learning: [(String, Bool)] = [("--min-count", minCount != nil), ("--threshold", threshold != nil),
                                              ("--scoring", scoring != nil), ("--passes", passes != nil),
                                              ("--table", table != nil)]
            if let (flag, _) = learning.first(where: { $0.1 }) {
                throw ValidationError("\(flag) has no effect with --apply (the table holds the phrases)")
            }
        }
        var inputs = input.existingFiles()
        if let apply { inputs.append(apply) }
        if let commonWords { inputs.append(commonWords) }
        try PathChecks.requireDistinct(outputs: [("-o", out), ("--table", table)], inputs: inputs)
    }

    func settings(connectors: [String]) -> PhraseSettings {
        let scoring = self.scoring ?? .default
        return PhraseSettings(minCount: minCount ?? 5, threshold: threshold ?? (scoring == .npmi ? 0.5 : 100),
                              scoring: scoring, delimiter: delimiter, passes: passes ?? 1,
                              connectorWords: connectors, memoryBytes: memory.bytes)
    }

    func run() throws {
        let start = Date()
        let console = ConsoleObserver(command: "phrases", quiet: quiet.quiet)
        let connectorWords = try commonWords.map { try ConnectorWords.load(path: $0) } ?? []
        let settings = settings(connectors: connectorWords)
        try settings.validate()
        let connectors = ConnectorSet(connectorWords)
        let corpus = try input.reader()
        var tables: [PhraseTable]
        if let apply {
            let saved = try PhraseTable.load(path: apply, delimiter: delimiter)
            tables = Array(repeating: saved, count: PhrasePipeline.stages(for: saved, connectors: connectors))
            console.say("phrases: \(saved.count) phrases from \(apply), applied in \(tables.count) pass(es)")
        } else {
            let learnt = try PhrasePipeline.learn(corpus: corpus, settings: settings, temporaryParent: temp.path,
                                                  observer: console)
            tables = learnt.tables
            for p in learnt.passes {
                let pruned = p.prunedAtMost > 0 ? ", pruned entries seen at most \(p.prunedAtMost) times (memory bound)" : ""
                console.say("phrases: pass \(p.pass): \(p.tokens) tokens, \(p.words) words, \(p.pairs) pairs, \(p.phrases) phrases"
                            + pruned + String(format: ", %.2f s", p.seconds))
            }
            if let table {
                try PhrasePipeline.merged(tables, delimiter: delimiter).save(path: table)
            }
        }
        let path = try output.path()
        let written = try PhrasePipeline.write(corpus: corpus, tables: tables, connectors: connectors, to: path,
                                               observer: console)
        console.say("phrases: wrote \(written.tokens) tokens on \(written.lines) lines (\(written.phrases) phrases joined) to \(path)"
                    + String(format: ", %.2f s", Date().timeIntervalSince(start)))
    }
}
