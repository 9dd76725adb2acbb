// Role: the first stages of `embed train glove CORPUS...`: vocabulary, co-occurrence counting and shuffling
// into a private temporary folder, so training can start from a corpus in one command.
import Cooccurrence
import Corpus
import Foundation
import Streams
import Vocabulary

struct GloVeCorpusStage {
    let vocabulary: Vocabulary
    /// Shuffled records (1-based ids), removed with `folder`.
    let records: String
    let folder: TemporaryFolder

    /// Runs vocabulary (min-count), co-occurrence (window, harmonic, symmetric) and shuffle over `corpus`.
    static func run(corpus: CorpusReader, minCount: Int, window: Int, memoryBytes: Int, threads: Int,
                    seed: UInt64, quiet: Bool) throws -> GloVeCorpusStage {
        try corpus.makeRereadable(quiet: quiet)
        var t = Date()
        let vocabulary = try Vocabulary.build(from: corpus, minCount: minCount, quiet: quiet)
        if !quiet {
            printError(String(format: "glove: vocabulary %d words + <UNK> (%.1f s)", vocabulary.size, Date().timeIntervalSince(t)))
        }
        t = Date()
        let folder = try TemporaryFolder(prefix: "embed-glove")
        let settings = CooccurrenceSettings(window: window, memoryBytes: memoryBytes, threads: threads, quiet: quiet)
        let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: settings)
        try counter.count(corpus: corpus)
        let records = folder.file("cooc.shuf.bin")
        let summary = try counter.finish(sorted: nil, shuffled: records, seed: seed)
        if !quiet {
            printError(String(format: "glove: co-occurrence %d nonzeros, shuffled (%.1f s)", summary.records, Date().timeIntervalSince(t)))
        }
        return GloVeCorpusStage(vocabulary: vocabulary, records: records, folder: folder)
    }
}
