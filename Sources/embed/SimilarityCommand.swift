// Role: `embed similarity`: Spearman and Pearson correlation between human similarity scores and cosines,
// as gensim's evaluate_word_pairs computes them.
import ArgumentParser
import EmbedKit

/// Options shared by `embed similarity` and `embed eval`.
struct SimilarityFlags: ParsableArguments {
    @Option(name: .customLong("similarity-restrict"),
            help: ArgumentHelp("Only the first N rows of the vectors file are looked up for word pairs (gensim's default).", valueName: "N"))
    var restrict = WordSimilarity.defaultRestrict

    func validate() throws {
        if restrict < 1 { throw ValidationError("--similarity-restrict must be at least 1") }
    }
}

struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similarity",
        abstract: "Correlation of word-vector cosines with human similarity scores.",
        discussion: """
        PAIRS files hold `word1<TAB>word2<TAB>score` lines; lines starting with # are ignored (WordSim-353, \
        SimLex-999 as gensim ships them). As gensim's evaluate_word_pairs: words are upper-cased before lookup \
        (of rows differing only by case, the first is used) unless --case-sensitive, only the first --similarity-restrict rows \
        (default 300000) count as known, and pairs with an unknown word are left out of the correlations and \
        reported as the out-of-vocabulary (OOV) share. Spearman averages the ranks of ties. With a fastText model \
        and --oov subwords, those pairs are also scored with the model's vectors for their words (n-grams), and \
        both figures are reported.
        --json: a list of {file, name, spearman, pearson, pairs, oov, oov_ratio}, with --oov subwords also \
        oov_subwords ({spearman, pearson, pairs, oov, oov_ratio, subword_pairs}).
        """
    )

    @Argument(help: "Vectors file (GloVe or word2vec text, word2vec binary) or fastText model (.bin); .zst or - accepted.") var vectors: String
    @Argument(help: "Word-pair files.") var pairs: [String] = []
    @OptionGroup var similarity: SimilarityFlags
    @Flag(help: "Compare words as written (default: upper-cased, as gensim).") var caseSensitive = false
    @OptionGroup var oov: OOVOption
    @Flag(help: "Print JSON instead of the table.") var json = false
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if pairs.isEmpty { throw ValidationError("give at least one word-pair file") }
    }

    func run() throws {
        let sets = try pairs.map(WordPairSet.read)
        let console = ConsoleObserver(command: "similarity", quiet: quiet.quiet)
        let embeddings = try WordVectors.read(path: vectors, limit: similarity.restrict, observer: console)
        try oov.check(embeddings, path: vectors)
        let results = embeddings.wordPairs(sets, restrict: similarity.restrict, caseSensitive: caseSensitive,
                                           oovSubwords: oov.subwords)
        if json {
            try Stdout.print(JSONText.string(["similarity": results.map(\.json)]))
        } else {
            try Stdout.print(ReportText.similarity(results), terminator: "")
        }
    }
}
