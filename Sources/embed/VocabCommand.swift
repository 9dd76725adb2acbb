// Role: `embed vocab`: one counting pass over a corpus, writes vocab.txt (`word count`, <UNK> last).
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
        """
    )

    @OptionGroup var input: CorpusOptions
    @OptionGroup var output: OutputOption
    @OptionGroup var vocabulary: VocabularyOptions
    @Option(help: "Entries the counting table may hold before the rarest are pruned.") var maxEntries = 20_000_000
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
        let vocab = try Vocabulary.build(from: try input.reader(), minCount: vocabulary.minCount,
                                         maxSize: vocabulary.maxVocabulary, maxEntries: maxEntries, observer: console)
        try vocab.save(path: try output.path())
        console.say(String(format: "vocab: %d tokens, %d words kept (min-count %d) + <UNK> (%d tokens), %.2f s",
                           vocab.totalCount, vocab.size, vocabulary.minCount, vocab.unknownCount,
                           Date().timeIntervalSince(start)))
    }
}
