// Role: `embed vocab`: one counting pass over a corpus, writes vocab.txt (`word count`, <UNK> last), or with
// --partial the mergeable raw counts of one part of a corpus (see `embed vocab merge`).
import ArgumentParser
import EmbedKit
import Foundation

struct VocabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "Count the words of a corpus and write its vocabulary.",
        discussion: """
        Output: `word count` lines, most frequent first (ties by word), then `<UNK> n`, where n counts every \
        token not kept. A word's id in later files is its 1-based line number (GloVe's convention).

        Sharded counting: `embed vocab PART --partial -o part.counts` writes the raw counts of one part (sorted \
        by word, with its token count; --min-count and --max-vocab are not applied), and `embed vocab merge \
        part.counts... -o vocab.txt` sums them into the vocab.txt the whole corpus gives.
        """
    )

    @OptionGroup var input: CorpusOptions
    @OptionGroup var output: OutputOption
    @OptionGroup var vocabulary: VocabularyOptions
    @Option(help: "Entries the counting table may hold before the rarest are pruned (shared by the counting threads).") var maxEntries = 20_000_000
    @OptionGroup var threads: ThreadsOption
    @Flag(help: "Write the raw counts of this part of a corpus for `embed vocab merge` (no min-count or max-vocab cut).")
    var partial = false
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        try input.requireCorpus()
        _ = try output.path()
        if maxEntries < 1 { throw ValidationError("--max-entries must be at least 1") }
        try PathChecks.requireDistinct(outputs: [("-o", try output.path())], inputs: input.existingFiles())
    }

    func run() throws {
        let start = Date()
        let console = ConsoleObserver(command: "vocab", quiet: quiet.quiet)
        if partial {
            let counter = try WordCounter.count(try input.reader(), maxEntries: maxEntries, observer: console,
                                                threads: threads.threads)
            try PartialCounts.save(counter, path: try output.path())
            console.say(String(format: "vocab: %d tokens, %d distinct words (partial counts), %.2f s",
                               counter.totalTokens, counter.table.count, Date().timeIntervalSince(start)))
            return
        }
        let vocab = try Vocabulary.build(from: try input.reader(), minCount: vocabulary.minCount,
                                         maxSize: vocabulary.maxVocabulary, maxEntries: maxEntries, observer: console,
                                         threads: threads.threads)
        try vocab.save(path: try output.path())
        console.say(String(format: "vocab: %d tokens, %d words kept (min-count %d) + <UNK> (%d tokens), %.2f s",
                           vocab.totalCount, vocab.size, vocabulary.minCount, vocab.unknownCount,
                           Date().timeIntervalSince(start)))
    }
}
