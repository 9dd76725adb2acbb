// Role: `embed classify train`: reads vectors and labelled files, trains the LSTM classifier (per-epoch lines
// on stderr, optional CSV log), keeps the best dev epoch, writes the model and reports test accuracy and the
// confusion matrix on stdout.
import ArgumentParser
import EmbedKit
import Foundation

struct ClassifyTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the sentence classifier: embedding -> sentence encoder (LSTM layers by default) -> dense softmax.",
        discussion: """
        The lecture's model: frozen embedding -> LSTM(128, every step) -> dropout 0.5 -> LSTM(128, last step) \
        -> dropout 0.5 -> dense softmax, trained with Adam on cross-entropy, gradients clipped by global norm. \
        Batches are padded to nothing: each is packed by length, so padded steps never touch a state or the loss. \
        With --dev, the weights of the epoch with the best dev accuracy are kept (ties: lower dev loss), and \
        training stops after --patience epochs without improvement. \
        Emoji names (0 heart, 1 baseball, 2 smile, 3 disappointed, 4 fork_and_knife) are attached when the \
        training file is CSV with exactly the labels 0...4, or with --emoji; --no-emoji turns them off.
        Per-epoch lines go to stderr; the final scores and confusion matrix (test set, else dev, else train) to \
        stdout (one JSON object with --json: best_epoch, epochs_run, seconds_per_epoch, train, dev, test).
        """
    )

    @Option(help: "Vector file for the embedding (GloVe or word2vec text, word2vec binary; .zst accepted).")
    var vectors: String
    @Option(help: "Keep only the first N vectors of the file (the most frequent words in GloVe and word2vec files).")
    var maxVectors: Int?
    @Option(help: "Training sentences.") var train: String
    @Option(help: "Dev sentences: scored every epoch; the best epoch's weights are kept.") var dev: String?
    @Option(help: "Test sentences: scored once at the end.") var test: String?
    @OptionGroup var files: LabeledFileOptions
    @OptionGroup var output: OutputOption

    @Option(help: ArgumentHelp("Sentence encoder: lstm-last (the lecture's model), bilstm-max, bilstm-mean, mean or cnn.",
                               discussion: "lstm-last reads the last recurrent layer at the last word; bilstm-max and bilstm-mean pool the last bidirectional layer's states over the words (always bidirectional); mean averages the word vectors into the softmax (--cell, --layers, --hidden unused); cnn is Kim's convolution (widths 3, 4, 5, --filters each, ReLU, max over time, then --dropout)."))
    var encoder: SentenceEncoderKind = .lstmLast
    @Option(help: "Convolution filters per width (cnn encoder).") var filters = 100
    @Option(help: "Recurrent cell: lstm or rnn (vanilla tanh RNN).") var cell: CellKind = .lstm
    @Option(help: "Stacked recurrent layers.") var layers = 2
    @Option(help: "Units per layer and direction.") var hidden = 128
    @Flag(help: "Add a backwards copy of each layer (outputs concatenated).") var bidirectional = false
    @Option(help: "Dropout rate after each recurrent layer.") var dropout = 0.5
    @Flag(help: "Fine-tune the embedding rows (default: frozen).") var trainEmbeddings = false
    @Option(help: "Adam learning rate of the fine-tuned embedding rows (default: --lr; needs --train-embeddings).")
    var embeddingLr: Double?
    @Option(help: "Word dropout: replace each training token by <UNK> with this probability.") var wordDropout = 0.0
    @Option(help: "Decoupled weight decay (AdamW): each step shrinks the weights by lr x this.") var weightDecay = 0.0
    @Option(help: "Without --dev, hold out this share of the training set (stratified by label, seeded) as the dev set.")
    var devSplit: Double?
    @Flag(help: ArgumentHelp("Run the layers over padding too, as Keras without mask_zero (the lecture's lab).",
                             discussion: "Every sentence is padded at the end with zero vectors to the length of the longest training sentence. Default: masked (padded steps are skipped)."))
    var noMask = false

    @Option(help: "Passes over the training set.") var epochs = 50
    @Option(help: "Sentences per mini-batch.") var batch = 32
    @Option(help: "Adam learning rate.") var lr = 0.001
    @Option(help: "Clip the gradient to this global L2 norm (0: no clipping).") var clip = 5.0
    @Option(help: "Stop after this many epochs without a better dev accuracy (0: never stop early).") var patience = 5
    @Option(help: "Random seed (weights, shuffling, dropout).") var seed: UInt64 = 1
    @OptionGroup var threads: ThreadsOption

    @Option(help: "Tokenizer: whitespace (as the corpus streamer) or unicode (also splits off punctuation).")
    var tokenizer: TokenizationMode = .whitespace
    @Flag(name: .customLong("no-lowercase"), help: "Keep the case of the sentences.") var noLowercase = false
    @Flag(inversion: .prefixedNo, help: "Attach the emoji display names to labels 0...4 (default: automatic for CSV sets with exactly those labels).")
    var emoji: Bool?
    @Option(help: ArgumentHelp("Display names of the labels: `label<TAB>symbol<TAB>name` lines.", valueName: "file"))
    var labelNames: String?

    @Option(help: "Write per-epoch metrics as CSV (epoch, loss, accuracy, dev_loss, dev_accuracy, seconds, tokens_per_sec).")
    var log: String?
    @OptionGroup var pictures: ConfusionOutputOptions
    @Flag(help: "Print the final report as one JSON object.") var json = false
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        try PathChecks.requireDistinct(outputs: [("-o", try output.path()), ("--log", log), ("--confusion-svg", pictures.confusionSvg)],
                                       inputs: [vectors, train] + [dev, test, labelNames].compactMap { $0 })
        if layers < 1 { throw ValidationError("--layers must be at least 1") }
        if hidden < 1 { throw ValidationError("--hidden must be at least 1") }
        if filters < 1 { throw ValidationError("--filters must be at least 1") }
        if !(dropout >= 0 && dropout < 1) { throw ValidationError("--dropout must be in [0, 1)") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if !(lr > 0) || !lr.isFinite { throw ValidationError("--lr must be positive") }
        if !(clip >= 0) || !clip.isFinite { throw ValidationError("--clip must be 0 (off) or positive") }
        if patience < 0 { throw ValidationError("--patience must be 0 (off) or positive") }
        if !(wordDropout >= 0 && wordDropout < 1) { throw ValidationError("--word-dropout must be in [0, 1)") }
        if !(weightDecay >= 0) || !weightDecay.isFinite { throw ValidationError("--weight-decay must be 0 (off) or positive") }
        if let r = embeddingLr {
            if !(r > 0) || !r.isFinite { throw ValidationError("--embedding-lr must be positive") }
            if !trainEmbeddings { throw ValidationError("--embedding-lr needs --train-embeddings") }
        }
        if let f = devSplit {
            if !(f > 0 && f < 1) { throw ValidationError("--dev-split must be in (0, 1)") }
            if dev != nil { throw ValidationError("give --dev or --dev-split, not both") }
        }
        if let m = maxVectors, m < 1 { throw ValidationError("--max-vectors must be at least 1") }
        if emoji != nil && labelNames != nil { throw ValidationError("give --emoji or --label-names, not both") }
    }

    func run() throws {
        Matrix.setBLASThreads(threads.threads)
        let started = Date()
        let output = try self.output.path()
        // Read the labelled files first: a typo there should not cost a vector load.
        let trainData = try LabeledData(path: train, format: files.format)
        let devData = try dev.map { try LabeledData(path: $0, format: files.format) }
        let testData = try test.map { try LabeledData(path: $0, format: files.format) }
        var training = ClassifierTraining()
        training.shape.encoder = encoder; training.shape.filters = filters
        training.shape.cell = cell; training.shape.layers = layers; training.shape.hidden = hidden
        training.shape.bidirectional = bidirectional; training.shape.dropout = dropout
        training.shape.trainEmbeddings = trainEmbeddings
        training.settings.epochs = epochs; training.settings.batchSize = batch; training.settings.seed = seed
        training.settings.patience = patience > 0 && (devData != nil || devSplit != nil) ? patience : nil
        training.settings.wordDropout = wordDropout
        training.settings.adam.weightDecay = weightDecay
        training.settings.adam.embeddingLearningRate = embeddingLr
        training.devSplit = devSplit
        training.settings.adam.learningRate = lr; training.settings.adam.clipNorm = clip > 0 ? clip : nil
        training.settings.threads = threads.threads
        training.tokenizer = TokenizerSettings(lowercase: !noLowercase, mode: tokenizer)
        training.padding = noMask ? .padToLongest : .masked
        if let labelNames {
            training.labelNames = try LabelNames.read(path: labelNames)
        } else if emoji ?? (trainData.format == .csv && LabelNames.looksLikeEmoji(LabelSet(of: trainData.sentences))) {
            guard LabelNames.looksLikeEmoji(LabelSet(of: trainData.sentences)) else {
                throw UsageError("--emoji needs exactly the labels 0, 1, 2, 3, 4")
            }
            training.labelNames = LabelNames.emoji
        }

        // The sizes the shape implies are checked before the vectors are read (they hardly depend on them).
        var probe = training.shape
        probe.embeddingDimension = 1; probe.classes = 2
        try probe.validate()
        let console = ConsoleObserver(command: "classify", quiet: quiet.quiet)
        let embeddings = try WordVectors.read(path: vectors, limit: maxVectors, observer: console)
        let logFile = try log.map { try EpochLog(path: $0, kind: .classifier, resuming: false) }
        var epochSeconds: [Double] = []
        console.onEpoch = { record in
            epochSeconds.append(record.seconds)
            try logFile?.record(record)
            console.say(epochLine(record))
        }
        if !quiet.quiet {
            var shape = training.shape
            shape.embeddingDimension = embeddings.dimension
            shape.classes = LabelSet(of: trainData.sentences).count
            let padding = noMask ? "unmasked, padded to the longest training sentence" : "masked"
            printError(String(format: "classify: %d vectors x %d from %@, %d labels; train %d sentences%@%@, %.1f s",
                              embeddings.count, embeddings.dimension, vectors, shape.classes, trainData.sentences.count,
                              devData.map { ", dev \($0.sentences.count)" } ?? devSplit.map { String(format: ", dev held out %.0f%%", $0 * 100) } ?? "",
                              testData.map { ", test \($0.sentences.count)" } ?? "", Date().timeIntervalSince(started)))
            printError("classify: \(describe(shape: shape)), \(padding)")
        }
        // The vectors are handed over (consumed): the classifier keeps its own table, so they are freed before
        // training instead of doubling the peak memory.
        Interruption.install(cooperative: true)
        defer { Interruption.install(cooperative: false) }
        let result = try training.train(vectors: consume embeddings, source: vectors, train: trainData, dev: devData,
                                        observer: console)
        console.clear()
        let model = result.classifier
        let summary = result.summary
        if !quiet.quiet {
            printError(String(format: "classify: %.1f%% of training tokens have a vector, %d weights",
                              result.trainCoverage * 100, model.network.parameterCount))
        }
        let devScore = result.devSet.map { model.evaluate($0) }
        let testScore = try testData.map { try model.evaluate($0) }
        model.record?.testAccuracy = testScore?.accuracy
        try model.save(path: output)
        let shown: (ClassifierScores, String) = testScore.map { ($0, "test") } ?? devScore.map { ($0, "dev") }
            ?? (model.evaluate(result.trainSet), "train")
        if let svg = pictures.confusionSvg {
            try ClassifyReport.writeConfusionSVG(shown.0, labels: model.labels,
                                                 title: String(format: "%@ accuracy %.3f", shown.1, shown.0.accuracy), to: svg)
        }
        let perEpoch = epochSeconds.reduce(0, +) / Double(max(epochSeconds.count, 1))
        console.say(String(format: "classify: %d epochs (best %d%@%@), %.2f s per epoch, model written to %@",
                           summary.epochsRun, summary.bestEpoch, summary.stoppedEarly ? ", stopped early" : "",
                           summary.outcome == .finished ? "" : ", interrupted", perEpoch, output))
        if json {
            var object: [String: Any] = ["best_epoch": summary.bestEpoch, "epochs_run": summary.epochsRun,
                                         "seconds_per_epoch": perEpoch, "model": output]
            object["train"] = ClassifyReport.json(model.evaluate(result.trainSet), labels: model.labels)
            if let d = devScore { object["dev"] = ClassifyReport.json(d, labels: model.labels) }
            if let t = testScore { object["test"] = ClassifyReport.json(t, labels: model.labels) }
            try Stdout.print(ClassifyReport.jsonText(object))
        } else {
            if let d = devScore, testScore != nil { try Stdout.print(ClassifyReport.accuracyLine(d, name: "dev")) }
            try Stdout.print(ClassifyReport.accuracyLine(shown.0, name: shown.1))
            try Stdout.print(ClassifyReport.confusionTable(shown.0, labels: model.labels), terminator: "")
        }
    }

    private func describe(shape s: NetworkShape) -> String {
        let unit = "\(s.cell.rawValue.uppercased())(\(s.hidden))"
        let layer = s.directions == 2 ? "Bi\(unit)" : unit
        let encoder: String
        switch s.encoder {
        case .lstmLast: encoder = Array(repeating: layer, count: s.layers).joined(separator: " -> ")
        case .bilstmMax, .bilstmMean:
            encoder = Array(repeating: layer, count: s.layers).joined(separator: " -> ")
                + (s.encoder == .bilstmMax ? " -> max over words" : " -> mean over words")
        case .mean: encoder = "mean of the word vectors"
        case .cnn: encoder = "conv widths 3,4,5 x \(s.filters) filters, ReLU, max over time"
        }
        return "embedding \(s.embeddingDimension)\(s.trainEmbeddings ? " (trained)" : " (frozen)") -> "
            + encoder + " -> dropout \(s.dropout) -> dense \(s.classes)"
    }

    private func epochLine(_ r: EpochRecord) -> String {
        var line = String(format: "epoch %3d/%d  loss %.4f  acc %.4f", r.epoch, r.epochs, r.loss, r.metric("accuracy") ?? 0)
        if let loss = r.metric("dev_loss"), let accuracy = r.metric("dev_accuracy") {
            line += String(format: "  dev_loss %.4f  dev_acc %.4f%@", loss, accuracy, r.isBest ? " *" : "  ")
        }
        line += String(format: "  %.2f s  %.0f tokens/s", r.seconds, r.rate)
        return line
    }
}
