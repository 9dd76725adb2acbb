// Role: `embed vocab`: one counting pass over a corpus, writes vocab.txt (`word count`, <UNK> last).
import ArgumentParser
import Foundation
import Streams
import Vocabulary

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
    @Option(name: .shortAndLong, help: "Output vocabulary file (- for stdout).") var output: String
    @Option(help: "Keep words seen at least this many times.") var minCount = 5
    @Option(help: "Keep at most this many words (the most frequent).") var maxSize: Int?
    @Option(help: "Entries the counting table may hold before the rarest are pruned.") var maxEntries = 20_000_000
    @Flag(help: "No progress or summary on stderr.") var quiet = false

    func validate() throws {
        if input.corpus.isEmpty { throw ValidationError("give at least one corpus file, directory or -") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let m = maxSize, m < 1 { throw ValidationError("--max-size must be at least 1") }
    }

    func run() throws {
        let start = Date()
        let corpus = try input.reader()
        let vocab = try Vocabulary.build(from: corpus, minCount: minCount, maxSize: maxSize,
                                         maxEntries: maxEntries, quiet: quiet)
        try vocab.save(path: output)
        if !quiet {
            printError(String(format: "vocab: %d tokens, %d words kept (min-count %d) + <UNK> (%d tokens), %.2f s",
                              vocab.totalCount, vocab.size, minCount, vocab.unknownCount, Date().timeIntervalSince(start)))
        }
    }
}
