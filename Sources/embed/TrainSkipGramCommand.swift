// Role: `embed train skipgram`: word2vec training (skip-gram or CBOW; negative sampling, hierarchical or full
// softmax; word-only or fastText's subword model) from raw text to a vector file or a fastText model through the
// library's skip-gram pipeline, with progress, a CSV log, checkpoints and --resume.
import ArgumentParser
import EmbedKit
import Foundation

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
        The checkpoint file is removed once the vectors are written. A loss or weights that become NaN or \
        infinite stop the run with exit status 1 and write nothing. \
        --subwords trains fastText's subword model (Bojanowski et al. 2017): a word is its own row plus the rows \
        of its character n-grams of <word> (--minn...--maxn characters, hashed into --buckets rows with fastText's \
        hash), and its vector is their mean. Its output is then the whole model as fastText's .bin (for a .bin \
        name or --format fasttext-bin), which fastText, gensim and embed read and which gives a vector to any \
        word, or the vocabulary's vectors in any vector format.
        """
    )

    @OptionGroup var input: CorpusOptions
    @OptionGroup var output: OutputOption
    @Option(help: "Output format: glove, word2vec, word2vec-bin, or with --subwords fasttext-bin (default: from the name: .bin is fasttext-bin with --subwords, word2vec-bin without; .vec word2vec text; else GloVe text).")
    var format: VectorFormat?
    @Option(help: "Output layer: ns (negative sampling, the default), hs (hierarchical softmax) or softmax (full, small vocabularies).")
    var loss: SkipGramLoss?
    @Flag(help: "Continuous bag of words: the mean of the context vectors predicts the centre word.") var cbow = false
    @Option(help: "Vector dimension (default chosen from the corpus: 200 from 10M tokens, else 100; 100 with --subwords or --paper-defaults; a continued model's with --init).")
    var dim: Int?
    @Option(help: "Largest window radius; each centre word draws its radius uniformly from 1...window.") var window = 5
    @Option(help: "Negative samples per window (or per pair with --negative-sharing pair).") var negative = 5
    @Option(help: "Power of the word counts in the noise distribution of negative sampling (default 0.75, word2vec's; 0.5, fastText's, with --subwords: 0.012 higher on SimLex-999 on wiki17m, analogies within 0.4 points, same speed).")
    var noisePower: Double?
    @Option(help: "window: one set of negatives per window, updated as small matrix products (fast; the default without --subwords); pair: fresh negatives per (context, centre) pair as word2vec and fastText (the default with --subwords, where it is 5 points more accurate on analogies).")
    var negativeSharing: NegativeSharing?
    @Option(help: "Subsampling threshold t: a word of frequency f is kept with probability sqrt(t/f) + t/f (0: off; default chosen from the corpus: 1e-4 from 10M tokens, else 1e-3; 1e-3 with --subwords or --paper-defaults).")
    var sample: Double?
    @Option(help: "Passes over the corpus (default chosen from the corpus: enough to see about 400M tokens, 5 to 20; 5 with --subwords or --paper-defaults; 0 with --init: only grow the model by the new words; with --time-budget, the most).")
    var epochs: Int?
    @OptionGroup var timeBudget: TimeBudgetOption
    @OptionGroup var paper: PaperDefaultsFlag
    @OptionGroup var vocabulary: VocabularyOptions
    @Option(help: "Starting learning rate, decayed linearly to ~0 (default 0.025 skip-gram, 0.05 CBOW and subword skip-gram, as fastText).") var alpha: Float?
    @OptionGroup var threads: ThreadsOption
    @Option(help: "Random seed (with --threads 1 the output is reproducible byte for byte).") var seed: UInt64 = 1
    @Option(help: "Largest vocabulary --loss softmax accepts.") var softmaxLimit = 20_000
    @Flag(help: "fastText's subword model: each word is also the mean of its character n-grams' rows, so every word, even one never seen, has a vector.")
    var subwords = false
    @Option(help: "Shortest character n-gram with --subwords (default 3).") var minn: Int?
    @Option(help: "Longest character n-gram (default 6 with --subwords; --maxn 0 is the word-only model).") var maxn: Int?
    @Option(help: "Hash buckets the n-grams share (default 2000000).") var buckets: Int?
    @Option(name: .customLong("init"), help: ArgumentHelp("Continue training this saved model (written by --save-model) on the corpus: its words keep their ids and vectors, the corpus's words reaching --min-count in it are added, and training starts a fresh learning-rate schedule (--alpha). The shape (--dim, --loss, --cbow, --subwords, --minn, --maxn, --buckets) is the model's.", valueName: "model"))
    var initModel: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("With --init: old text to train on again (files or directories, read once after the corpus): it adds no words and no counts, only training lines, so the continued model keeps more of what the old text taught.", valueName: "files"))
    var replay: [String] = []
    @Option(help: ArgumentHelp("The share of --replay's lines trained on, each line kept or not by a fixed hash of its position (default 1: all).", valueName: "fraction"))
    var replayFraction = 1.0
    @Option(help: ArgumentHelp("Also save the whole model (vocabulary with counts, input and output weights) here, for --init.", valueName: "file"))
    var saveModel: String?
    @OptionGroup var log: LogOption
    @OptionGroup var checkpoints: CheckpointOptions
    @OptionGroup var temp: TempDirOption
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if initModel == nil {
            try requireCompatible(subwords: subwordModel(nil))
        }
        try input.requireCorpus()
        if replay.contains("-") { throw ValidationError("--replay reads files, not standard input") }
        try timeBudget.validate(epochs: epochs)
        let out = try output.path()
        try PathChecks.requireDistinct(outputs: [("-o", out), ("--log", log.log), ("--checkpoint", checkpoints.policy(output: out).path),
                                                 ("--save-model", saveModel)],
                                       inputs: input.existingFiles() + (initModel.map { [$0] } ?? []) + replay)
    }

    /// Refuses n-gram flags and the fastText format for a word-only model.
    func requireCompatible(subwords: Bool) throws {
        if !subwords && (buckets != nil || (minn ?? 0) > 0) {
            throw ValidationError("--minn and --buckets need --subwords (or --maxn above 0)")
        }
        if outputFormat(subwords: subwords) == .fastTextBinary && !subwords {
            throw ValidationError("--format fasttext-bin writes a fastText model, and word-only vectors have no n-grams: add --subwords, or use glove, word2vec or word2vec-bin")
        }
    }

    /// The run's settings; with `shape` (the settings of the model continued) its loss, CBOW, dimension and
    /// n-grams stand for the flags not given (given ones that differ are refused by the library).
    func settings(_ shape: SkipGramSettings?) -> SkipGramSettings {
        let subwordModel = subwordModel(shape)
        var o = SkipGramSettings()
        o.loss = loss ?? shape?.loss ?? .ns; o.cbow = cbow || shape?.cbow == true
        o.dimension = dim ?? shape?.dimension ?? 100; o.window = window; o.negative = negative
        o.negativeSharing = negativeSharing ?? (subwordModel ? .pair : .window)
        o.noisePower = noisePower ?? (subwordModel ? 0.5 : 0.75)
        o.sample = sample ?? o.sample; o.epochs = epochs ?? o.epochs; o.alpha = alpha ?? (subwordModel ? 0.05 : nil)
        o.threads = threads.threads; o.seed = seed; o.softmaxLimit = softmaxLimit
        let shapeNgrams = shape?.ngrams
        o.minn = minn ?? shapeNgrams?.minn ?? 3; o.maxn = subwordModel ? maxn ?? shapeNgrams?.maxn ?? 6 : 0
        o.buckets = buckets ?? shapeNgrams?.buckets ?? 2_000_000
        return o
    }

    /// The settings left to the corpus: those whose flags are not given, for a word-only model (the subword
    /// model keeps fastText's defaults; none with --paper-defaults); the epochs chosen are the most a time budget
    /// trains, the dimension is a continued model's.
    func automatic(_ shape: SkipGramSettings?) -> SkipGramAutomatic {
        if paper.paperDefaults || subwordModel(shape) { return [] }
        var open: SkipGramAutomatic = []
        if epochs == nil { open.insert(.epochs) }
        if dim == nil && shape == nil { open.insert(.dimension) }
        if sample == nil { open.insert(.sample) }
        return open
    }

    /// True when training the subword model: --subwords (unless --maxn 0), or --maxn above 0, or continuing one.
    func subwordModel(_ shape: SkipGramSettings?) -> Bool { maxn.map { $0 > 0 } ?? (subwords || shape?.ngrams != nil) }

    /// The output format: --format, else by name (a .bin name is a fastText model when training subwords).
    func outputFormat(subwords: Bool) -> VectorFormat? {
        if let format { return format }
        guard let out = try? output.path() else { return nil }
        let byName = VectorFormat.suggested(byName: out)
        return subwords && byName == .word2vecBinary && !out.lowercased().hasSuffix(".zst") ? .fastTextBinary : byName
    }

    func run() throws {
        let started = Date()
        let out = try output.path()
        let policy = checkpoints.policy(output: out)
        let shape = try initModel.map { try SkipGramModel.savedSettings(path: $0) }
        try requireCompatible(subwords: subwordModel(shape))
        var pipeline = SkipGramPipeline()
        pipeline.settings = settings(shape)
        pipeline.continuing = initModel
        pipeline.replay = try input.reader(replay)
        pipeline.replayFraction = replayFraction
        pipeline.automatic = automatic(shape)
        pipeline.minCount = vocabulary.minCount
        pipeline.maxVocabulary = vocabulary.maxVocabulary
        pipeline.temporaryParent = temp.path
        pipeline.checkpoint = policy
        pipeline.resume = checkpoints.resume
        pipeline.budget = timeBudget.budget(started: started, maxEpochs: epochs)

        let console = ConsoleObserver(command: "skipgram", quiet: quiet.quiet)
        let trainingLog = try log.log.map { try SkipGramLog(path: $0, resuming: checkpoints.resume) }
        console.onStage = { stage in
            if stage.task == "defaults" { console.say("skipgram: " + PaperDefaultsFlag.line(stage, budgeted: timeBudget.timeBudget != nil)) }
            if stage.task == "vocabulary", let added = stage.figure("new words"), let initModel {
                console.say("skipgram: continuing \(initModel) with \(Int(added)) new words")
            }
            guard stage.task == "encoding" else { return }
            let n = { Int(stage.figure($0) ?? 0) }
            console.say("skipgram: \(n("words")) words, \(n("tokens")) known tokens in \(n("lines")) lines, "
                + "\(threads.threads) threads " + String(format: "(%.1f s reading)", Date().timeIntervalSince(started)))
        }
        console.onProgress = { if $0.task == "skipgram" { trainingLog?.record($0) } }
        console.onCheckpoint = { _ in try? trainingLog?.save() }

        // Ctrl-C while reading stops at once (embed's default); while training it takes a checkpoint first.
        let result = try Interruption.cooperatively { try pipeline.train(corpus: try input.reader(), observer: console) }
        console.clear()
        try trainingLog?.save()
        if case .stopped = result.summary.outcome {
            printError("embed: interrupted; checkpoint saved to \(policy.path): run the same command with --resume to continue")
            throw ExitCode(130)
        }
        let model = result.trainer.model
        let written: String
        let format = outputFormat(subwords: model.hasSubwords) ?? VectorFormat.suggested(byName: out)
        if model.hasSubwords && format == .fastTextBinary {
            try model.writeFastText(to: out, minCount: vocabulary.minCount)
            written = "fastText model (\(model.vocabulary.size) words + \(model.settings.buckets) buckets) x \(model.settings.dimension)"
        } else if model.hasSubwords {
            let vectors = try model.vocabularyVectors()
            try vectors.write(to: out, format: format)
            written = "\(vectors.count) x \(vectors.dimension) vectors (means of word and n-gram rows)"
        } else {
            let vectors = try model.wordVectors()
            try vectors.write(to: out, format: format)
            written = "\(vectors.count) x \(vectors.dimension) vectors"
        }
        if let saveModel { try model.save(to: saveModel) }
        if FileManager.default.fileExists(atPath: policy.path) { try? FileManager.default.removeItem(atPath: policy.path) }
        if let budget = timeBudget.clause(epochs: result.summary.epochsRun, seconds: result.trainer.trainingSeconds) {
            console.say("skipgram: \(budget)")
        }
        console.say(String(format: "skipgram: %@ to %@; training %.1f s (%@ words/s, %@), total %.1f s",
                           written, out, result.summary.seconds, ConsoleObserver.rate(result.summary.rate),
                           SIMDChoice.label(SIMDVariant.active), Date().timeIntervalSince(started)))
    }
}
