// Role: `embed vocab merge`: sums the partial counts of the parts of a corpus into the vocab.txt that
// `embed vocab` on the whole corpus writes (same counts, same order of ties, same <UNK>).
import ArgumentParser
import EmbedKit
import Foundation

struct VocabMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab-merge",  // reached as `embed vocab merge` (Embed.routed)
        abstract: "Merge partial word counts (from `embed vocab --partial`) into a vocabulary.",
        discussion: """
        The output is byte for byte the vocab.txt `embed vocab` writes for the concatenated parts with the same \
        --min-count and --max-vocab (as long as no part's counting table was pruned: a notice says so).
        """,
        shouldDisplay: false
    )

    @Argument(help: "Partial counts files (from `embed vocab PART --partial`), plain or zstd.") var parts: [String] = []
    @OptionGroup var output: OutputOption
    @OptionGroup var vocabulary: VocabularyOptions
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one partial counts file (from `embed vocab PART --partial`)") }
        try PathChecks.requireDistinct(outputs: [("-o", try output.path())], inputs: parts)
    }

    func run() throws {
        let start = Date()
        let console = ConsoleObserver(command: "vocab merge", quiet: quiet.quiet)
        let merged = try PartialCounts.merge(parts, observer: console)
        if !merged.prunedParts.isEmpty {
            console.notice("\(merged.prunedParts.count) part(s) were pruned while counting (first: \(merged.prunedParts[0])): "
                + "counts of rare words may be low and differ from a count of the whole corpus")
        }
        let source = parts.count == 1 ? parts[0] : "\(parts[0]) and \(parts.count - 1) more"
        let vocab = try Vocabulary(checked: merged.counter, minCount: vocabulary.minCount,
                                   maxSize: vocabulary.maxVocabulary, source: source)
        try vocab.save(path: try output.path())
        console.say(String(format: "vocab merge: %d parts, %d tokens, %d words kept (min-count %d) + <UNK> (%d tokens), %.2f s",
                           parts.count, vocab.totalCount, vocab.size, vocabulary.minCount, vocab.unknownCount,
                           Date().timeIntervalSince(start)))
    }
}
