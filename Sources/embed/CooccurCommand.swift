// Role: `embed cooccur`: counts the co-occurrence matrix X of a corpus within a memory bound and writes it as
// GloVe's binary records (sorted by (i, j)), plus a shuffled copy for training with --shuffle; with --partial
// the exact counts of one part of a corpus for `embed cooccur merge`.
import ArgumentParser
import EmbedKit
import Foundation

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

        Memory: counting stays within --memory; beyond it sorted runs go to a private folder under --temp-dir, \
        merged at the end and removed (also on failure or Ctrl-C).

        Sharded counting: `embed cooccur PART --vocab vocab.txt --partial -o part.cooc` writes the exact sorted \
        counts of one part (windows never cross the end of a file, which ends a line), and `embed cooccur merge \
        part.cooc... -o cooc.bin` sums them into the cooc.bin the whole corpus gives, byte for byte.
        """
    )

    @OptionGroup var input: CorpusOptions
    @Option(help: "Vocabulary file (`word count` lines, from `embed vocab`).") var vocab: String
    @OptionGroup var output: OutputOption
    @Option(help: "Largest distance counted.") var window = 10
    @OptionGroup var memory: MemoryOption
    @OptionGroup var threads: ThreadsOption
    @Flag(help: "Also write the records shuffled (to <output stem>.shuf.bin unless --shuffled names it).") var shuffle = false
    @Option(help: "Path of the shuffled records (implies --shuffle).") var shuffled: String?
    @Option(help: "Seed of the shuffle.") var seed: UInt64 = 1
    @Option(help: "harmonic: weight 1/d; flat: weight 1.") var weighting: CooccurrenceWeighting = .harmonic
    @Flag(help: "Count only the words to the left of each word (X is then not symmetric).") var left = false
    @OptionGroup var temp: TempDirOption
    @Flag(help: "Write the exact counts of this part of a corpus for `embed cooccur merge` (no --shuffle).")
    var partial = false
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        try input.requireCorpus()
        let output = try self.output.path()
        if window < 1 { throw ValidationError("--window must be at least 1") }
        try PathChecks.requireDistinct(outputs: [("-o", output), ("--shuffled", shuffledOutput(output))],
                                       inputs: input.existingFiles() + [vocab])
        if partial && (shuffle || shuffled != nil) {
            throw ValidationError("--partial writes the counts of one part: shuffle with `embed cooccur merge --shuffle`")
        }
        if output == "-" && shuffle && shuffled == nil {
            throw ValidationError("with -o - (standard output), name the shuffled file with --shuffled")
        }
    }

    /// The shuffled records' path, when they are written.
    func shuffledOutput(_ output: String) -> String? {
        shuffled ?? (shuffle ? CooccurCommand.shuffledPath(for: output) : nil)
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
        let output = try self.output.path()
        let vocabulary = try Vocabulary.load(path: vocab)
        let settings = CooccurrenceSettings(window: window, weighting: weighting, symmetric: !left,
                                            memoryBytes: memory.bytes, temporaryParent: temp.path,
                                            threads: threads.threads)
        let console = ConsoleObserver(command: "cooccur", quiet: quiet.quiet)
        let counter = try CooccurrenceCounter(vocabulary: vocabulary, settings: settings)
        if !counter.exactWeights {
            console.say("embed: note: with a window above 18, harmonic weights are rounded to 2^-27 relative")
        }
        let shuffledOutput = self.shuffledOutput(output)
        try counter.count(corpus: try input.reader(), observer: console, allowEmpty: partial)
        if partial {
            let summary = try counter.finish(partial: output)
            console.say(String(format: "cooccur: %d tokens, %d lines, %d entries (partial) -> %@, %.2f s", summary.tokens,
                               summary.lines, summary.records, output, Date().timeIntervalSince(start)))
            return
        }
        let summary = try counter.finish(sorted: output, shuffled: shuffledOutput, seed: seed, observer: console)
        do {
            var line = String(format: "cooccur: %d tokens, %d lines, %d nonzeros -> %@", summary.tokens, summary.lines,
                              summary.records, output)
            if let s = shuffledOutput { line += " + \(s) (shuffled)" }
            if summary.spilledRuns > 0 || summary.shuffleSpilled {
                line += String(format: ", %d runs spilled, %.0f MB scratch", summary.spilledRuns,
                               Double(summary.scratchBytes) / 1e6)
            }
            line += String(format: ", %.2f s", Date().timeIntervalSince(start))
            console.say(line)
        }
    }
}
