// Role: `embed cooccur`: counts the co-occurrence matrix X of a corpus within a memory bound and writes it as
// GloVe's binary records (sorted by (i, j)), plus a shuffled copy for training with --shuffle.
import ArgumentParser
import Cooccurrence
import Foundation
import Streams
import Vocabulary

extension CooccurrenceWeighting: ExpressibleByArgument {}

struct CooccurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cooccur",
        abstract: "Count the co-occurrence matrix X of a corpus.",
        discussion: """
        X_ij sums, over every occurrence of word i, weight(d) for each word j at distance d <= window in the same \
        line (1/d by default). Tokens not in the vocabulary are removed before distances are counted, so <UNK> \
        never appears in X.

        Output: little-endian records (int32 i, int32 j, float64 x), 1-based vocabulary ids (line numbers of \
        vocab.txt), one per nonzero, sorted by (i, j): the layout of Stanford GloVe's cooccurrence.bin. \
        --shuffle also writes the same records in random order next to it: -o cooc.bin gives cooc.shuf.bin \
        (or name it with --shuffled PATH). The shuffle is reproducible for the same --seed and --memory.

        Memory: counting stays within --memory; beyond it sorted runs go to a private folder under --tmp, \
        merged at the end and removed (also on failure or Ctrl-C).
        """
    )

    @OptionGroup var input: CorpusOptions
    @Option(help: "Vocabulary file (`word count` lines, from `embed vocab`).") var vocab: String
    @Option(name: .shortAndLong, help: "Output file: records sorted by (i, j) (.zst compresses).") var output: String
    @Option(help: "Largest distance counted.") var window = 10
    @Option(help: "Memory bound in GiB (fractions allowed: 0.25).") var memory = 4.0
    @Option(help: "Threads: one reads the corpus, the others count.") var threads = 2
    @Flag(help: "Also write the records shuffled (to <output stem>.shuf.bin unless --shuffled names it).") var shuffle = false
    @Option(help: "Path of the shuffled records (implies --shuffle).") var shuffled: String?
    @Option(help: "Seed of the shuffle.") var seed: UInt64 = 1
    @Option(help: "harmonic: weight 1/d; flat: weight 1.") var weighting: CooccurrenceWeighting = .harmonic
    @Flag(help: "Count only the words to the left of each word (X is then not symmetric).") var left = false
    @Option(help: "Parent folder of the scratch folder (default: $TMPDIR or /tmp).") var tmp: String?
    @Flag(help: "No progress line or summary on stderr.") var quiet = false

    func validate() throws {
        if input.corpus.isEmpty { throw ValidationError("give at least one corpus file, directory or -") }
        if window < 1 { throw ValidationError("--window must be at least 1") }
        if !(memory > 0) || memory > 1e6 { throw ValidationError("--memory must be a positive number of GiB") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if output == "-" && shuffle && shuffled == nil {
            throw ValidationError("with -o - (standard output), name the shuffled file with --shuffled")
        }
    }

    /// cooc.bin -> cooc.shuf.bin, cooc.bin.zst -> cooc.shuf.bin.zst, other -> other.shuf
    static func shuffledPath(for output: String) -> String {
        for suffix in [".bin.zst", ".bin"] where output.hasSuffix(suffix) {
            return String(output.dropLast(suffix.count)) + ".shuf" + suffix
        }
        return output + ".shuf"
    }

    func run() throws {
        let start = Date()
        let vocabulary = try Vocabulary.load(path: vocab)
        var settings = CooccurrenceSettings(window: window, weighting: weighting, symmetric: !left,
                                            memoryBytes: Int(memory * Double(1 << 30)), temporaryParent: tmp,
                                            threads: threads, quiet: quiet)
        settings.maxOpenFiles = 256
        let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: settings)
        if !counter.exactWeights && !quiet {
            printError("embed: note: with a window above 18, harmonic weights are rounded to 2^-27 relative")
        }
        let shuffledOutput = shuffled ?? (shuffle ? CooccurCommand.shuffledPath(for: output) : nil)
        try counter.count(corpus: try input.reader())
        let summary = try counter.finish(sorted: output, shuffled: shuffledOutput, seed: seed)
        if !quiet {
            var line = String(format: "cooccur: %d tokens, %d lines, %d nonzeros -> %@", summary.tokens, summary.lines,
                              summary.records, output)
            if let s = shuffledOutput { line += " + \(s) (shuffled)" }
            if summary.spilledRuns > 0 || summary.shuffleSpilled {
                line += String(format: ", %d runs spilled, %.0f MB scratch", summary.spilledRuns,
                               Double(summary.scratchBytes) / 1e6)
            }
            line += String(format: ", %.2f s", Date().timeIntervalSince(start))
            printError(line)
        }
    }
}
