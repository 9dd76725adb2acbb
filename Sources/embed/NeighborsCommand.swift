// Role: `embed neighbors`: the nearest words by cosine to each given word, or to an expression such as
// `king - man + woman` (gensim's most_similar(positive, negative)).
import ArgumentParser
import EmbedKit
import Foundation

struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors",
        abstract: "Nearest words by cosine, of words or of `king - man + woman`.",
        discussion: """
        Separate words are separate queries. With standalone + and - between words (e.g. `king - man + woman`, \
        quoted or not), the words' unit vectors are added or subtracted, averaged and normalised as gensim's \
        most_similar(positive, negative) does. The query words themselves are never listed. A word is matched \
        exactly, else up to case (the first row). With a fastText model (.bin), a word outside the vocabulary \
        gets its vector from its character n-grams (as fastText's nn), and the candidates are the vocabulary's \
        words. Unknown words are reported on stderr; the exit status is 1 when no query could be answered.
        """
    )

    @Argument(help: "Vectors file (GloVe or word2vec text, word2vec binary) or fastText model (.bin); .zst or - accepted.") var vectors: String
    @Argument(help: "Words, or an expression with + and -.") var words: [String] = []
    @Option(name: .short, help: "Neighbours listed per query.") var k = 10
    @Option(help: ArgumentHelp("Only the first N rows (most frequent words) are listed as neighbours.", valueName: "N"))
    var restrict: Int?
    @OptionGroup var quiet: QuietFlag
    @Flag(help: "Print JSON: {queries: [{query, neighbors: [{word, cosine}]}], unknown: [words]}.") var json = false

    func validate() throws {
        if words.isEmpty { throw ValidationError("give at least one word") }
        if k < 1 { throw ValidationError("-k must be at least 1") }
        if let r = restrict, r < 1 { throw ValidationError("--restrict must be at least 1") }
    }

    func run() throws {
        let queries: [NeighborQuery]
        do { queries = try NeighborQuery.parse(words) } catch let e as InputError { throw UsageError(e.message) }
        let console = ConsoleObserver(command: "neighbors", quiet: quiet.quiet)
        let search = try WordVectors.read(path: vectors, observer: console)
        var answered: [(NeighborQuery, [Neighbor])] = []
        var unknown: [String] = []
        for query in queries {
            if let found = search.mostSimilar(positive: query.positive, negative: query.negative, k: k, restrict: restrict) {
                if found.isEmpty && search.count > query.positive.count + query.negative.count {
                    // Known words that cancel out (`king - king`) or zero vectors: no direction to compare with.
                    printError("embed: \"\(query.text)\" is a zero vector: it has no nearest words")
                    continue
                }
                answered.append((query, found))
            } else {
                let missing = search.unknownWords(positive: query.positive, negative: query.negative)
                unknown += missing
                let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                printError(queries.count > 1 || query.positive.count + query.negative.count == 1
                    ? "embed: \(vectors): unknown word \(list)"
                    : "embed: \(vectors): unknown word\(missing.count > 1 ? "s" : "") \(list) in \"\(query.text)\"")
            }
        }
        if json {
            let list: [[String: Any]] = answered.map { query, found in
                ["query": query.text, "neighbors": found.map { ["word": $0.word, "cosine": Double("\($0.cosine)") ?? 0] }]
            }
            try Stdout.print(JSONText.string(["queries": list, "unknown": unknown]))
        } else {
            try Stdout.print(answered.map { ReportText.neighbors($0.0, $0.1) }.joined(separator: "\n"), terminator: "")
        }
        if answered.isEmpty { throw ExitCode(1) }
    }
}
