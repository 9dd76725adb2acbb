// Role: `embed plot VECTORS WORD... -o words.svg`: the chosen words' vectors projected to 2D by PCA,
// labelled, with optional arrows between pairs (--pairs man:woman,king:queen), as an SVG picture.
import ArgumentParser
import EmbedKit
import Foundation

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw chosen words in 2D (PCA of their vectors) as an SVG picture.",
        discussion: """
        The words' vectors are centred and projected on their two principal components (computed from these \
        words only); both axes share one scale, so distances on the picture are honest, and each axis title says \
        how much of the words' variance it shows. --pairs draws an arrow from each first word to the second: \
        parallel arrows of similar length are the "linear substructures" (man -> woman ~ king -> queen). \
        Words of --pairs are plotted even when not listed. Matching is exact (case-sensitive).
        Example: embed plot vectors.txt.zst king queen man woman --pairs man:woman,king:queen -o words.svg
        """
    )

    @Argument(help: "Vector file: GloVe text, word2vec text or binary, plain or zstd.") var vectors: String
    @Argument(help: "Words to plot.") var words: [String] = []
    @OptionGroup var output: OutputOption
    @Option(help: ArgumentHelp("Arrows between word pairs: from:to, comma separated (repeatable).", valueName: "pairs"))
    var pairs: [String] = []
    @Option(help: "Picture title (default: the vector file's name).") var title: String?
    @Flag(help: "Scale each vector to unit length before the PCA (cosine geometry).") var normalize = false
    @OptionGroup var quiet: QuietFlag

    /// --pairs values split into (from, to).
    func parsedPairs() throws -> [(String, String)] {
        try pairs.flatMap { $0.split(separator: ",", omittingEmptySubsequences: true) }.map { item in
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--pairs: expected from:to items separated by commas, got \"\(item)\"")
            }
            return (String(parts[0]), String(parts[1]))
        }
    }

    func validate() throws {
        try PathChecks.requireDistinct(outputs: [("-o", try output.path())], inputs: [vectors])
        let all = Set(words + (try parsedPairs()).flatMap { [$0.0, $0.1] })
        if all.count < 2 { throw ValidationError("give at least two distinct words (as WORD arguments or in --pairs)") }
    }

    func run() throws {
        let output = try self.output.path()
        let start = Date()
        let pairs = try parsedPairs()
        let embeddings = try WordVectors.read(path: vectors, observer: ConsoleObserver(command: "plot", quiet: quiet.quiet))
        let name = vectors == "-" ? "standard input" : PathName.name(vectors)
        let plot: WordMapPlot
        do {
            plot = try WordMapPlot(embeddings: embeddings, words: words, pairs: pairs, title: title ?? name,
                                   normalize: normalize)
        } catch var error as InputError {
            error.path = vectors
            throw error
        }
        try plot.write(to: output)
        if !quiet.quiet {
            printError(String(format: "plot: %d words from %d vectors of dimension %d -> %@ (the 2 axes show %.1f%% + %.1f%% of their variance), %.2f s",
                              plot.words.count, embeddings.count, embeddings.dimension, output,
                              100 * plot.explainedVariance[0], 100 * plot.explainedVariance[1], Date().timeIntervalSince(start)))
        }
    }
}
