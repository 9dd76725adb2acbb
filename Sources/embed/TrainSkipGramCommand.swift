// Role: `embed train skipgram`: word2vec training (skip-gram or CBOW; negative sampling, hierarchical or full
// softmax) from raw text to a vector file, with progress, a CSV log, checkpoints and --resume.
import ArgumentParser
import Corpus
import Embeddings
import Foundation
import SkipGram
import Streams
import Vocabulary

extension SkipGramLoss: ExpressibleByArgument {}
extension NegativeSharing: ExpressibleByArgument {}

struct TrainSkipGramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skipgram",
        abstract: "Train word2vec vectors (skip-gram or CBOW) from a corpus.",
        discussion: """
        The corpus is read twice (counting, then encoding the known words into a compact id stream in a \
        temporary file); every epoch then reads that stream. A line is a document: windows never cross it. \
        Tokens outside the vocabulary are dropped before windowing (as word2vec does), so the output has one row \
        per vocabulary word, most frequent first, and no <UNK> row. \
        Ctrl-C (or SIGTERM) stops at once with a checkpoint; run the same command with --resume to continue. \
        The checkpoint file is removed once the vectors are written.
        """
    )

    @OptionGroup var input: CorpusOptions
    @Option(name: .shortAndLong, help: "Output vector file (.zst compresses).") var output: String
    @Option(help: "Output format: glove, word2vec or word2vec-bin (default: from the name: .bin binary, .vec word2vec text, else GloVe text).")
    var format: VectorFormat?
    @Option(help: "Output layer: ns (negative sampling), hs (hierarchical softmax) or softmax (full, small vocabularies).")
    var loss: SkipGramLoss = .ns
    @Flag(help: "Continuous bag of words: the mean of the context vectors predicts the centre word.") var cbow = false
    @Option(help: "Vector dimension.") var dim = 100
    @Option(help: "Largest window radius; each centre word draws its radius uniformly from 1...window.") var window = 5
    @Option(help: "Negative samples per window (or per pair with --negative-sharing pair).") var negative = 5
    @Option(help: "window: one set of negatives per window, updated as small matrix products (fast); pair: fresh negatives per (context, centre) pair as word2vec.")
    var negativeSharing: NegativeSharing = .window
    @Option(help: "Subsampling threshold t: a word of frequency f is kept with probability sqrt(t/f) + t/f (0: off).")
    var sample = 1e-3
    @Option(help: "Passes over the corpus.") var epochs = 5
    @Option(help: "Keep words seen at least this many times.") var minCount = 5
    @Option(help: "Keep at most this many words (the most frequent).") var maxVocab: Int?
    @Option(help: "Starting learning rate, decayed linearly to ~0 (default 0.025 skip-gram, 0.05 CBOW).") var alpha: Float?
    @Option(help: "Training threads (default: all cores).") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Random seed (with --threads 1 the output is reproducible byte for byte).") var seed: UInt64 = 1
    @Option(help: "Largest vocabulary --loss softmax accepts.") var softmaxLimit = 20_000
    @Option(help: "Write a CSV training log (step, progress, epoch, loss, learning_rate, words_per_sec, elapsed_seconds).")
    var log: String?
    @Option(help: "Checkpoint file (default: OUTPUT.checkpoint).") var checkpoint: String?
    @Option(help: "Also save a checkpoint every this many minutes.") var checkpointEvery: Double?
    @Flag(help: "Continue the run saved in the checkpoint (same corpus and settings).") var resume = false
    @Option(help: "Folder for the temporary id stream (default: $TMPDIR or /tmp).") var tempDir: String?
    @Flag(help: "No progress or summary on stderr.") var quiet = false

    func validate() throws {
        if input.corpus.isEmpty { throw ValidationError("give at least one corpus file, directory or -") }
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let m = maxVocab, m < 2 { throw ValidationError("--max-vocab must be at least 2") }
        if let c = checkpointEvery, !(c > 0) { throw ValidationError("--checkpoint-every must be positive (minutes)") }
        do { try options.validate(vocabularySize: 2) } catch let e as UsageError { throw ValidationError(e.message) }
    }

    var options: SkipGramOptions {
        var o = SkipGramOptions()
        o.loss = loss; o.cbow = cbow; o.dimension = dim; o.window = window; o.negative = negative
        o.negativeSharing = negativeSharing; o.sample = sample; o.epochs = epochs; o.alpha = alpha
        o.threads = threads; o.seed = seed; o.softmaxLimit = softmaxLimit
        return o
    }

    func run() throws {
        let started = Date()
        let checkpointPath = checkpoint ?? output + ".checkpoint"
        // The trainer (and its id stream) lives only inside `train`, so its memory is gone before writing.
        let (model, summary) = try train(checkpointPath: checkpointPath, started: started)
        let vectors = try model.embeddings()
        try vectors.write(to: output, format: format ?? VectorFormat.suggested(byName: output))
        if FileManager.default.fileExists(atPath: checkpointPath) { try? FileManager.default.removeItem(atPath: checkpointPath) }
        if !quiet {
            printError(String(format: "skipgram: %d x %d vectors to %@; %@, total %.1f s", vectors.count,
                              vectors.dimension, output, summary, Date().timeIntervalSince(started)))
        }
    }

    /// Reads the corpus, trains (or resumes) and returns the model and a summary of the training phase.
    private func train(checkpointPath: String, started: Date) throws -> (SkipGramModel, String) {
        let reader = try input.reader()
        try reader.makeRereadable(temporaryParent: tempDir, quiet: quiet)
        let trainer: SkipGramTrainer
        if resume {
            let saved = try SkipGramCheckpoint.load(path: checkpointPath)
            let differences = options.differences(from: saved.options)
            if !differences.isEmpty {
                throw UsageError("--resume: settings differ from the checkpoint's: " + differences.joined(separator: ", "))
            }
            let corpus = try EncodedCorpus.encode(reader, vocabulary: saved.model.vocabulary, temporaryParent: tempDir, quiet: quiet)
            trainer = try saved.trainer(corpus: corpus)
            if !quiet { printError(String(format: "skipgram: resuming at %.1f%%", trainer.fraction * 100)) }
        } else {
            let vocabulary = try Vocabulary.build(from: reader, minCount: minCount, maxSize: maxVocab, quiet: quiet)
            let model = try SkipGramModel(options: options, vocabulary: vocabulary)
            let corpus = try EncodedCorpus.encode(reader, vocabulary: vocabulary, temporaryParent: tempDir, quiet: quiet)
            trainer = SkipGramTrainer(model: model, corpus: corpus)
        }
        if !quiet {
            printError("skipgram: \(trainer.model.vocabulary.size) words, \(trainer.corpus.tokenCount) known tokens in "
                + "\(trainer.corpus.lineCount) lines, \(trainer.model.options.threads) threads "
                + String(format: "(%.1f s reading)", Date().timeIntervalSince(started)))
        }
        let trainingLog = try log.map { try TrainingLog(path: $0) }
        let monitor = TrainingMonitor(progress: Streams.Progress("skipgram", quiet: quiet), log: trainingLog,
                                      checkpointPath: checkpointPath, checkpointEvery: checkpointEvery.map { $0 * 60 })
        // Ctrl-C while reading stops at once (embed's default); while training it takes a checkpoint first.
        Interruption.install(cooperative: true)
        let outcome = try trainer.train(monitor)
        Interruption.install(cooperative: false)
        try trainingLog?.commit()
        if case .interrupted = outcome {
            printError("embed: interrupted; checkpoint saved to \(checkpointPath): run the same command with --resume to continue")
            throw ExitCode(130)
        }
        let speed = Double(trainer.tokensTrained) / max(trainer.trainingSeconds, 1e-9)
        return (trainer.model, String(format: "training %.1f s (%@ words/s)", trainer.trainingSeconds,
                                      Streams.Progress.rate(speed)))
    }
}
