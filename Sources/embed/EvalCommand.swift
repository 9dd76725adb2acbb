// Role: `embed eval`: one report for a vectors file: analogies and word-similarity sets, given or found
// next to the vectors / in corpora/eval, as one table or one JSON object.
import ArgumentParser
import EmbedKit
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate word vectors: analogies and word similarity in one table.",
        discussion: """
        Without --questions and --similarity, questions-words.txt, wordsim353.tsv and simlex999.txt are looked \
        for next to VECTORS, then in corpora/eval (of the current folder, then of the embed checkout); with \
        either option, only the sets given are run. Analogies and similarity follow `embed analogy` and \
        `embed similarity` (see their help).
        --oov subwords (fastText models) also scores the words outside the rows through their n-grams and reports \
        both figures.
        --json keys: vectors, rows (rows read: up to the larger restriction), dimension, analogy (as \
        `embed analogy --json`, or null), similarity (a list as `embed similarity --json`); with --oov subwords \
        those carry oov_subwords.
        """
    )

    @Argument(help: "Vectors file (GloVe or word2vec text, word2vec binary) or fastText model (.bin); .zst or - accepted.") var vectors: String
    @Option(help: "Analogy questions file (questions-words.txt layout).") var questions: String?
    @Option(parsing: .upToNextOption, help: "Word-pair files (word1<TAB>word2<TAB>score).") var similarity: [String] = []
    @OptionGroup var analogy: AnalogyFlags
    @OptionGroup var pairs: SimilarityFlags
    @OptionGroup var oov: OOVOption
    @Flag(help: "Print one JSON object instead of the table.") var json = false
    @OptionGroup var quiet: QuietFlag

    func run() throws {
        if vectors != "-" && !FileManager.default.fileExists(atPath: vectors) { throw InputError("no such file", path: vectors) }
        var questionsPath = questions
        var pairPaths = similarity
        if questions == nil && similarity.isEmpty {
            let folders = EvaluationSets.folders(vectorsPath: vectors)
            questionsPath = EvaluationSets.locate(EvaluationSets.analogyFile, in: folders)
            pairPaths = EvaluationSets.similarityFiles.compactMap { EvaluationSets.locate($0, in: folders) }
            if questionsPath == nil && pairPaths.isEmpty {
                throw UsageError("no evaluation sets given or found (questions-words.txt, wordsim353.tsv, simlex999.txt next to the vectors or in corpora/eval)")
            }
        }
        let set = try questionsPath.map(AnalogySet.read)
        let pairSets = try pairPaths.map(WordPairSet.read)
        let limit = max(set == nil ? 0 : analogy.restrict, pairSets.isEmpty ? 0 : pairs.restrict)
        var clock = Date()
        let console = ConsoleObserver(command: "eval", quiet: quiet.quiet)
        let embeddings = try WordVectors.read(path: vectors, limit: limit, observer: console)
        try oov.check(embeddings, path: vectors)
        let loaded = Date().timeIntervalSince(clock); clock = Date()
        var options = analogy.options
        options.oovSubwords = oov.subwords
        let report = set.map { embeddings.analogies($0, options: options, observer: console) }
        let analogies = Date().timeIntervalSince(clock); clock = Date()
        let results = embeddings.wordPairs(pairSets, restrict: pairs.restrict, caseSensitive: analogy.caseSensitive,
                                           oovSubwords: oov.subwords)
        console.say(String(format: "eval: read %d rows in %.2f s, analogies %.2f s, similarity %.2f s",
                           embeddings.count, loaded, analogies, Date().timeIntervalSince(clock)))
        if json {
            try Stdout.print(JSONText.string([
                "vectors": vectors, "rows": embeddings.count, "dimension": embeddings.dimension,
                "analogy": report?.json ?? NSNull(), "similarity": results.map(\.json),
            ]))
        } else {
            try Stdout.print(ReportText.summary(vectors: vectors, words: embeddings.count, dimension: embeddings.dimension,
                                     analogy: report, similarity: results), terminator: "")
        }
    }
}
