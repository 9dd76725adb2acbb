// Role: `embed analogy`: accuracy on analogy questions (3CosAdd or 3CosMul) over the most frequent words,
// per section, semantic / syntactic / total, as gensim's evaluate_word_analogies counts them.
import ArgumentParser
import EmbedKit
import Foundation

extension AnalogyMethod: ExpressibleByArgument {}

/// Options shared by `embed analogy` and `embed eval`.
struct AnalogyFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Only the first N rows of the vectors file (most frequent words) are looked up and answered.", valueName: "N"))
    var restrict = 30000
    @Option(help: "add: 3CosAdd, argmax cos(x, b - a + c). mul: 3CosMul, argmax cos'(x,b) cos'(x,c) / (cos'(x,a) + 1e-6) with cos' = (1 + cos) / 2.")
    var method: AnalogyMethod = .add
    @Flag(help: "Compare words as written (default: upper-cased as gensim and word2vec; of rows differing only by case, the first is used).")
    var caseSensitive = false

    func validate() throws {
        if restrict < 1 { throw ValidationError("--restrict must be at least 1") }
    }

    var options: AnalogyOptions { AnalogyOptions(restrict: restrict, method: method, caseSensitive: caseSensitive) }
}

struct AnalogyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analogy",
        abstract: "Analogy accuracy (a is to b as c is to ?) of word vectors.",
        discussion: """
        QUESTIONS uses word2vec's questions-words.txt layout: `: section` lines, then `a b c d` lines. Without it, \
        questions-words.txt is looked for next to VECTORS and in corpora/eval. A question with a word outside \
        the first --restrict rows is skipped (and counted). The input rows a, b, c are never answers, nor \
        (case-insensitively) another spelling of them: as gensim, the answer is the first of the five best other \
        rows that is not such a spelling. Exact score ties go to the earlier (more frequent) row. Sections whose name starts with `gram` are syntactic, \
        the others semantic. Counts match gensim's evaluate_word_analogies(restrict_vocab=N, case_insensitive=True).
        With a fastText model and --oov subwords, questions whose a, b or c is outside the rows are also scored, \
        with the model's vector for the word as written (its n-grams; a vocabulary word beyond the rows: its own \
        vector), and both figures are reported; a question whose expected word is outside the rows stays skipped.
        --json keys: total, semantic, syntactic ({correct, seen, accuracy}), sections ([{name, correct, seen, \
        accuracy}]), skipped, restrict, method, questions, file, case_sensitive; with --oov subwords also \
        oov_subwords ({total, semantic, syntactic, sections, skipped, subword_words}).
        """
    )

    @Argument(help: "Vectors file (GloVe or word2vec text, word2vec binary) or fastText model (.bin); .zst or - accepted.") var vectors: String
    @Argument(help: "Questions file (default: questions-words.txt found next to VECTORS or in corpora/eval).")
    var questions: String?
    @OptionGroup var analogy: AnalogyFlags
    @OptionGroup var oov: OOVOption
    @Flag(help: "Print one JSON object instead of the table.") var json = false
    @OptionGroup var quiet: QuietFlag

    func run() throws {
        if vectors != "-" && !FileManager.default.fileExists(atPath: vectors) { throw InputError("no such file", path: vectors) }
        let questionsPath = try questions ?? Self.defaultQuestions(vectors: vectors)
        let set = try AnalogySet.read(path: questionsPath)
        var clock = Date()
        let console = ConsoleObserver(command: "analogy", quiet: quiet.quiet)
        let embeddings = try WordVectors.read(path: vectors, limit: analogy.restrict, observer: console)
        try oov.check(embeddings, path: vectors)
        let loaded = Date().timeIntervalSince(clock); clock = Date()
        var options = analogy.options
        options.oovSubwords = oov.subwords
        let report = embeddings.analogies(set, options: options, observer: console)
        console.say(String(format: "analogy: read %d rows in %.2f s, %d questions in %.2f s",
                           embeddings.count, loaded, set.questionCount, Date().timeIntervalSince(clock)))
        try Stdout.print(json ? JSONText.string(report.json) : ReportText.analogy(report), terminator: json ? "\n" : "")
    }

    static func defaultQuestions(vectors: String) throws -> String {
        let folders = EvaluationSets.folders(vectorsPath: vectors)
        guard let found = EvaluationSets.locate(EvaluationSets.analogyFile, in: folders) else {
            throw UsageError("no questions file given, and \(EvaluationSets.analogyFile) is not next to the vectors or in corpora/eval")
        }
        return found
    }
}
