// Role: `embed train glove`: GloVe from a corpus (vocabulary, co-occurrence, shuffle, training in one go) or from
// an existing X (`--cooc` records + `--vocab`, also Stanford's files) through the library's GloVe pipeline,
// with progress, a CSV log and checkpoints.
import ArgumentParser
import EmbedKit
import Foundation

extension OutputVectors: ExpressibleByArgument {}

struct TrainGloVeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glove",
        abstract: "Train GloVe vectors (weighted least squares on log co-occurrences, AdaGrad).",
        discussion: """
        Minimises J = sum f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2 over the non-zero X_ij, with \
        f(x) = (x / x_max)^alpha below x_max and 1 above. Each record updates w_i, w~_j, b_i, b~_j with AdaGrad \
        as Stanford GloVe does: gradient components clipped to +-grad-clip, step t = eta * g (bias-eta * g for \
        the biases), p -= t / sqrt(G), G += t^2, G starting at 1. Weights start uniform in [-0.5, 0.5] / dim. \
        Threads take successive chunks of the shuffled records and update the shared weights without locks \
        (Hogwild); with --threads 1 a seed gives byte-identical vectors.

        Input: a corpus (vocabulary, co-occurrence counting and shuffling run first), or --cooc FILE --vocab FILE: \
        16-byte records (int32 i, int32 j, float64 x, little-endian, 1-based ids = vocab.txt line numbers) as \
        written by `embed cooccur` or Stanford's cooccur/shuffle, plain or zstd. X is held in memory (a --cooc \
        file is shuffled there by the seed) when it fits under --memory; otherwise the record file is streamed \
        in its order every epoch (shuffle it first; zstd files are always read into memory).

        Output: one row per vocabulary word in vocabulary order (w, or w + w~ with the default --vectors w+c), \
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
    @OptionGroup var output: OutputOption
    @OptionGroup var format: VectorFormatOption
    @Option(help: ArgumentHelp("Co-occurrence record file to train on (instead of a corpus).", valueName: "file"))
    var cooc: String?
    @Option(help: ArgumentHelp("Vocabulary of the --cooc records (`word count` lines, line number = id).", valueName: "file"))
    var vocab: String?
    @Option(help: "Context window radius (corpus input; default chosen from the corpus: 20 below 300M tokens, else 10; 10 with --paper-defaults).")
    var window: Int?
    @OptionGroup var vocabulary: VocabularyOptions
    @Option(help: "Vector dimension (default chosen from the corpus: 200 from 10M to 300M tokens, else 100; 100 with --paper-defaults; a continued model's with --init).")
    var dim: Int?
    @Option(help: "Passes over the co-occurrence records (default chosen from the corpus: 15 below 300M tokens, else 25; 25 with --paper-defaults; 0 with --init: only grow the model by the new words; with --time-budget, the most).")
    var epochs: Int?
    @OptionGroup var timeBudget: TimeBudgetOption
    @OptionGroup var paper: PaperDefaultsFlag
    @Option(help: "Weighting function cut-off x_max (default chosen from the corpus: 10 below 300M tokens, else 100; 100 with --paper-defaults).")
    var xMax: Double?
    @Option(help: "Weighting function exponent alpha.") var alpha = 0.75
    @Option(help: "AdaGrad initial learning rate of the vectors.") var eta = 0.05
    @Option(help: "AdaGrad initial learning rate of the biases (Stanford's glove, since its gradient clipping, uses 1).")
    var biasEta = 1.0
    @Option(help: "Clip each gradient component to +-this value.") var gradClip = 100.0
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var memory: MemoryOption
    @Option(help: "Vectors to write: w (word vectors) or w+c (word + context vectors).") var vectors: OutputVectors?
    @Option(help: "Random seed (initial weights, shuffle).") var seed: UInt64 = 1
    @Option(name: .customLong("init"), help: ArgumentHelp("Continue training this saved model (written by --save-model) on the corpus: its words keep their ids, vectors, biases and AdaGrad state, the corpus's words reaching --min-count in it are added, and X is counted with the grown vocabulary. The dimension is the model's.", valueName: "model"))
    var initModel: String?
    @Option(help: ArgumentHelp("Also save the whole model (vocabulary with counts, W, W~, biases, AdaGrad state) here, for --init.", valueName: "file"))
    var saveModel: String?
    @OptionGroup var log: LogOption
    @OptionGroup var checkpoints: CheckpointOptions
    @OptionGroup var temp: TempDirOption
    @Flag(help: "Do not write the <UNK> row.") var noUnk = false
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        try timeBudget.validate(epochs: epochs)
        if (cooc == nil) != (vocab == nil) { throw ValidationError("--cooc and --vocab go together") }
        if cooc != nil && !input.corpus.isEmpty { throw ValidationError("give a corpus or --cooc/--vocab, not both") }
        if cooc == nil && input.corpus.isEmpty { throw ValidationError("give a corpus (files, directories or -) or --cooc and --vocab") }
        if cooc != nil && initModel != nil {
            throw ValidationError("--init continues on a corpus (X is counted with the grown vocabulary), not on --cooc records")
        }
        let (out, legacy) = try output.split(legacy: Set(OutputVectors.allCases.map(\.rawValue)))
        try PathChecks.requireDistinct(outputs: [("-o", out), ("--log", log.log), ("--checkpoint", checkpoints.policy(output: out).path),
                                                 ("--save-model", saveModel)],
                                       inputs: (cooc == nil ? input.existingFiles() : []) + [cooc, vocab, initModel].compactMap { $0 })
        if legacy != nil && vectors != nil { throw ValidationError("give --vectors once") }
    }

    /// The run's settings; `modelDimension` (a continued model's) stands for --dim when it is not given.
    func settings(modelDimension: Int?) -> GloVeSettings {
        var o = GloVeSettings()
        o.dimension = dim ?? modelDimension ?? o.dimension; o.epochs = epochs ?? o.epochs; o.xMax = xMax ?? o.xMax
        o.alpha = alpha
        o.eta = eta; o.biasEta = biasEta
        o.gradClip = gradClip; o.threads = threads.threads; o.seed = seed; o.memoryBytes = Int64(memory.bytes)
        return o
    }

    /// The settings left to the corpus: those whose flags are not given (none with --paper-defaults); the
    /// epochs chosen are the most a time budget trains, the dimension is a continued model's.
    var automatic: GloVeAutomatic {
        if paper.paperDefaults { return [] }
        var open: GloVeAutomatic = []
        if window == nil { open.insert(.window) }
        if xMax == nil { open.insert(.xMax) }
        if epochs == nil { open.insert(.epochs) }
        if dim == nil && initModel == nil { open.insert(.dimension) }
        return open
    }

    func run() throws {
        let started = Date()
        let (out, legacy) = try output.split(legacy: Set(OutputVectors.allCases.map(\.rawValue)))
        let which = vectors ?? legacy.flatMap(OutputVectors.init(rawValue:)) ?? .wPlusC
        let policy = checkpoints.policy(output: out)
        let modelDimension = try initModel.map { try GloVeModel.savedSettings(path: $0).dimension }
        var pipeline = GloVePipeline()
        pipeline.settings = settings(modelDimension: modelDimension)
        pipeline.continuing = initModel
        pipeline.automatic = automatic
        pipeline.counting.minCount = vocabulary.minCount
        pipeline.counting.maxVocabulary = vocabulary.maxVocabulary
        pipeline.counting.cooccurrence = CooccurrenceSettings(window: window ?? CooccurrenceSettings().window, memoryBytes: memory.bytes,
                                                              temporaryParent: temp.path, threads: threads.threads)
        pipeline.checkpoint = policy
        pipeline.resume = checkpoints.resume
        pipeline.budget = timeBudget.budget(started: started, maxEpochs: epochs)

        let console = ConsoleObserver(command: "glove", quiet: quiet.quiet)
        let epochLog = try log.log.map { try EpochLog(path: $0, kind: .glove, resuming: checkpoints.resume) }
        console.onStage = { stage in
            let n = { Int(stage.figure($0) ?? 0) }
            switch stage.task {
            case "vocabulary":
                let added = stage.figure("new words").map { " (\(Int($0)) new, continuing \(initModel ?? ""))" } ?? ""
                console.say(String(format: "glove: vocabulary %d words + <UNK>%@ (%.1f s)", n("words"), added, stage.seconds))
            case "cooccurrence":
                console.say(String(format: "glove: co-occurrence %d nonzeros, shuffled (%.1f s)", n("records"), stage.seconds))
            case "defaults": console.say("glove: " + PaperDefaultsFlag.line(stage, budgeted: timeBudget.timeBudget != nil))
            case "records":
                let place = n("in_memory") == 1 ? "read into memory" : "streamed from \(cooc ?? "the record file")"
                console.say(String(format: "glove: %d words, %d records %@ (%.1f s)", n("words"), n("records"), place,
                                   stage.seconds))
            default: break
            }
        }
        console.onEpoch = { e in
            console.say(String(format: "glove: epoch %d/%d cost %.6f  %.1f s  %@ updates/s", e.epoch, e.epochs, e.loss,
                               e.seconds, ConsoleObserver.rate(e.rate)))
            try epochLog?.record(e)
        }

        let result = try Interruption.cooperatively { () -> GloVePipeline.Result in
            if let cooc, let vocab {
                return try pipeline.train(records: cooc, vocabulary: try Vocabulary.load(path: vocab), observer: console)
            }
            return try pipeline.train(corpus: try input.reader(), observer: console)
        }
        console.clear()
        try epochLog?.save()
        if case .stopped = result.summary.outcome {
            printError("embed: interrupted in epoch \(result.trainer.epochsDone + 1); checkpoint saved to \(policy.path): "
                + "run the same command with --resume to continue")
            throw ExitCode(130)
        }
        let trainer = result.trainer
        let words = try trainer.model.wordVectors(words: result.vocabulary.words, output: which, unknownRow: !noUnk)
        try words.write(to: out, format: format.format(for: out))
        if let saveModel {
            try GloVeModel(vocabulary: result.vocabulary, settings: trainer.settings, parameters: trainer.model).save(to: saveModel)
        }
        if FileManager.default.fileExists(atPath: policy.path) { try? FileManager.default.removeItem(atPath: policy.path) }
        let final = trainer.history.last.map { String(format: "final cost %.6f", $0.loss) } ?? ""
        let seconds = trainer.history.reduce(0) { $0 + $1.seconds }
        let rate = Double(trainer.records.count) * Double(trainer.history.count) / max(seconds, 1e-9)
        if let budget = timeBudget.clause(epochs: trainer.history.count, seconds: seconds) { console.say("glove: \(budget)") }
        console.say(String(format: "glove: training %.1f s (%@ updates/s, %@), %@; wrote %d x %d vectors to %@; total %.1f s",
                           result.summary.seconds, ConsoleObserver.rate(rate), SIMDChoice.label(trainer.simd), final,
                           words.count, words.dimension, out, Date().timeIntervalSince(started)))
    }
}
