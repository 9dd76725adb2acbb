// Role: `embed train glove`: GloVe from a corpus (vocabulary, co-occurrence, shuffle, training in one go) or from
// an existing X (`--cooc` records + `--vocab`, also Stanford's files), with progress, a CSV log and checkpoints.
import ArgumentParser
import Embeddings
import Foundation
import GloVe
import Streams
import Vocabulary

extension OutputVectors: ExpressibleByArgument {}

struct TrainGloVeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glove",
        abstract: "Train GloVe vectors (weighted least squares on log co-occurrences, AdaGrad).",
        discussion: """
        Minimises J = sum f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2 over the non-zero X_ij, with \
        f(x) = (x / x_max)^alpha below x_max and 1 above. Each record updates w_i, w~_j, b_i, b~_j with AdaGrad \
        as Stanford GloVe does: gradient components clipped to +-grad-clip, step t = eta * g (bias-eta * g for \
        the biases), p -= t / sqrt(G), G += t^2, G starting at 1. Weights start uniform in [-0.5, 0.5] / dim. Threads take successive chunks of the \
        shuffled records and update the shared weights without locks (Hogwild); with --threads 1 a seed gives \
        byte-identical vectors.

        Input: a corpus (vocabulary, co-occurrence counting and shuffling run first), or --cooc FILE --vocab FILE: \
        16-byte records (int32 i, int32 j, float64 x, little-endian, 1-based ids = vocab.txt line numbers) as \
        written by `embed cooccur` or Stanford's cooccur/shuffle, plain or zstd. X is held in memory (a --cooc \
        file is shuffled there by the seed) when it fits under --memory; otherwise the record file is streamed \
        in its order every epoch (shuffle it first; zstd files are always read into memory).

        Output: one row per vocabulary word in vocabulary order (w, or w + w~ with the default --output w+c), \
        then a `<UNK>` row, the mean of the 100 rarest words' vectors, as Stanford GloVe writes <unk> \
        (--no-unk leaves it out). The cost printed per epoch is J divided by the number of records, measured \
        during the pass (Stanford's glove prints half of it). A NaN or infinite cost stops training, naming the \
        epoch, and writes nothing.

        Ctrl-C (or SIGTERM) stops at the next chunk of records and saves the weights, biases and AdaGrad \
        accumulators (and the position inside the epoch) to the checkpoint; run the same command with --resume \
        to continue on the same cost curve. The checkpoint file is removed once the vectors are written.
        """
    )

    @OptionGroup var input: CorpusOptions
    @Option(name: [.customShort("o"), .customLong("out")], help: "Output vector file (.zst compresses).")
    var out: String
    @Option(help: ArgumentHelp("Co-occurrence record file to train on (instead of a corpus).", valueName: "file"))
    var cooc: String?
    @Option(help: ArgumentHelp("Vocabulary of the --cooc records (`word count` lines, line number = id).", valueName: "file"))
    var vocab: String?
    @Option(help: "Context window radius (corpus input).") var window = 10
    @Option(help: "Keep words seen at least this many times (corpus input).") var minCount = 5
    @Option(help: "Vector dimension.") var dim = 100
    @Option(help: "Passes over the co-occurrence records.") var epochs = 25
    @Option(help: "Weighting function cut-off x_max.") var xMax = 100.0
    @Option(help: "Weighting function exponent alpha.") var alpha = 0.75
    @Option(help: "AdaGrad initial learning rate of the vectors.") var eta = 0.05
    @Option(help: "AdaGrad initial learning rate of the biases (Stanford's glove, since its gradient clipping, uses 1).")
    var biasEta = 1.0
    @Option(help: "Clip each gradient component to +-this value.") var gradClip = 100.0
    @Option(help: "Training threads (default: the number of cores).") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Memory budget in GB: X is trained from memory when it fits, else streamed from disk.") var memory = 4.0
    @Option(help: "Vectors to write: w (word vectors) or w+c (word + context vectors).") var output: OutputVectors = .wPlusC
    @Option(help: "Vector file format: glove, word2vec or word2vec-bin (default: from the name, .bin is word2vec-bin, .vec word2vec, else glove).")
    var format: VectorFormat?
    @Option(help: "Random seed (initial weights, shuffle).") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Write the cost curve as CSV (epoch, cost, seconds, updates_per_second).", valueName: "file"))
    var log: String?
    @Option(help: ArgumentHelp("Checkpoint file (default: OUT.checkpoint).", valueName: "file")) var checkpoint: String?
    @Option(help: "Also save a checkpoint every this many epochs.") var checkpointEvery: Int?
    @Flag(help: "Continue the run saved in the checkpoint (same data and settings).") var resume = false
    @Flag(help: "Do not write the <UNK> row.") var noUnk = false
    @Flag(help: "No progress or summary on stderr.") var quiet = false

    var options: GloVeOptions {
        var o = GloVeOptions()
        o.dimension = dim; o.epochs = epochs; o.xMax = xMax; o.alpha = alpha; o.eta = eta; o.biasEta = biasEta; o.gradClip = gradClip
        o.threads = threads; o.seed = seed; o.memoryBytes = Int64(memory * 1e9)
        o.checkpointEvery = checkpointEvery; o.checkpointPath = checkpoint ?? out + ".checkpoint"
        return o
    }

    func validate() throws {
        if (cooc == nil) != (vocab == nil) { throw ValidationError("--cooc and --vocab go together") }
        if cooc != nil && !input.corpus.isEmpty { throw ValidationError("give a corpus or --cooc/--vocab, not both") }
        if cooc == nil && input.corpus.isEmpty { throw ValidationError("give a corpus (files, directories or -) or --cooc and --vocab") }
        if window < 1 { throw ValidationError("--window must be at least 1") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if !(memory > 0) { throw ValidationError("--memory must be positive (GB)") }
        do { try options.validate() } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let started = Date()
        let (vocabulary, store, scratch) = try loadRecords()
        defer { scratch?.remove() }
        let trainer = try makeTrainer(store)
        let trainingStart = Date()
        try train(trainer)
        let trainingSeconds = Date().timeIntervalSince(trainingStart)
        let vectors = try trainer.parameters.embeddings(words: vocabulary.words, output: output, unknownRow: !noUnk)
        try vectors.write(to: out, format: format ?? VectorFormat.suggested(byName: out))
        if let path = options.checkpointPath, FileManager.default.fileExists(atPath: path) {
            try? FileManager.default.removeItem(atPath: path)
        }
        if !quiet {
            let final = trainer.history.last.map { String(format: "final cost %.6f", $0.cost) } ?? ""
            let rate = Double(store.count) * Double(trainer.history.count) / max(trainer.history.reduce(0) { $0 + $1.seconds }, 1e-9)
            printError(String(format: "glove: training %.1f s (%@ updates/s), %@; wrote %d x %d vectors to %@; total %.1f s",
                              trainingSeconds, Streams.Progress.rate(rate), final, vectors.count, vectors.dimension,
                              out, Date().timeIntervalSince(started)))
        }
    }

    /// The vocabulary and the records to train on, in memory when they fit under --memory.
    /// From a corpus, the records live in a temporary folder returned with them (removed after training).
    private func loadRecords() throws -> (Vocabulary, RecordStore, TemporaryFolder?) {
        var start = Date()
        let vocabulary: Vocabulary, cooc: String, scratch: TemporaryFolder?
        if let given = self.cooc, let vocab {
            vocabulary = try Vocabulary.load(path: vocab)
            cooc = given; scratch = nil
        } else if self.cooc != nil || vocab != nil {
            throw UsageError("--cooc and --vocab go together")
        } else {
            let stage = try GloVeCorpusStage.run(corpus: try input.reader(), minCount: minCount, window: window,
                                                 memoryBytes: Int(memory * 1e9), threads: threads, seed: seed, quiet: quiet)
            vocabulary = stage.vocabulary; cooc = stage.records; scratch = stage.folder
            start = Date()
        }
        // The co-occurrence stage's records are already shuffled (by the seed); a given file may be sorted.
        let store = try RecordStore(path: cooc, words: vocabulary.size, options: options, shuffle: scratch == nil,
                                    quiet: quiet)
        if !quiet {
            printError(String(format: "glove: %d words, %d records %@ (%.1f s)", vocabulary.size, store.count,
                              store.isInMemory ? "read into memory" : "streamed from \(cooc)",
                              Date().timeIntervalSince(start)))
        }
        return (vocabulary, store, scratch)
    }

    private func makeTrainer(_ store: RecordStore) throws -> GloVeTrainer {
        do {
            if resume {
                let t = try GloVeTrainer(resumingFrom: options.checkpointPath!, records: store, options: options)
                if !quiet { printError("glove: resuming after epoch \(t.epochsDone)") }
                return t
            }
            return try GloVeTrainer(records: store, options: options)
        } catch let e as GloVeError {
            throw UsageError("--resume: \(e)")
        }
    }

    private func train(_ trainer: GloVeTrainer) throws {
        Interruption.install(cooperative: true)
        trainer.progress = Streams.Progress("glove", quiet: quiet)
        let epochs = options.epochs
        if let log { try CostLog.write(trainer.history, to: log) }
        trainer.onEpoch = { [quiet, log, unowned trainer] report in
            if !quiet {
                printError(String(format: "glove: epoch %d/%d cost %.6f  %.1f s  %@ updates/s", report.epoch, epochs,
                                  report.cost, report.seconds, Streams.Progress.rate(report.updatesPerSecond)))
            }
            if let log { try CostLog.write(trainer.history, to: log) }
        }
        let outcome: GloVeTrainer.Outcome
        do {
            outcome = try trainer.train()
        } catch let e as GloVeError {
            throw InputError("\(e)")
        }
        if case .interrupted(let epoch, let path) = outcome {
            printError("embed: interrupted in epoch \(epoch); checkpoint saved to \(path ?? "-"): run the same command with --resume to continue")
            throw ExitCode(130)
        }
    }
}
