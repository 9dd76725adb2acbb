// Role: `embed classify train`: reads vectors and labelled files, trains the LSTM classifier (per-epoch lines
// on stderr, optional CSV log), keeps the best dev epoch, writes the model and reports test accuracy and the
// confusion matrix on stdout.
import ArgumentParser
import Classifier
import Corpus
import Embeddings
import Foundation
import Kernels
import Streams

struct ClassifyTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the sentence classifier: embedding -> LSTM layers -> dense softmax.",
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
    @Option(name: .shortAndLong, help: "Output model file (.embedclf).") var output: String

    @Option(help: "Recurrent cell: lstm or rnn (vanilla tanh RNN).") var cell: CellKind = .lstm
    @Option(help: "Stacked recurrent layers.") var layers = 2
    @Option(help: "Units per layer and direction.") var hidden = 128
    @Flag(help: "Add a backwards copy of each layer (outputs concatenated).") var bidirectional = false
    @Option(help: "Dropout rate after each recurrent layer.") var dropout = 0.5
    @Flag(help: "Fine-tune the embedding rows (default: frozen).") var trainEmbeddings = false
    @Flag(help: ArgumentHelp("Run the layers over padding too, as Keras without mask_zero (the lecture's lab).",
                             discussion: "Every sentence is padded at the end with zero vectors to the length of the longest training sentence. Default: masked (padded steps are skipped)."))
    var noMask = false

    @Option(help: "Passes over the training set.") var epochs = 50
    @Option(help: "Sentences per mini-batch.") var batch = 32
    @Option(help: "Adam learning rate.") var lr = 0.001
    @Option(help: "Clip the gradient to this global L2 norm (0: no clipping).") var clip = 5.0
    @Option(help: "Stop after this many epochs without a better dev accuracy (0: never stop early).") var patience = 5
    @Option(help: "Random seed (weights, shuffling, dropout).") var seed: UInt64 = 1
    @Option(help: "Threads: the two halves of each batch run in parallel (frozen embedding), else BLAS threads.") var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Tokenizer: whitespace (as the corpus streamer) or unicode (also splits off punctuation).")
    var tokenizer: TokenizationMode = .whitespace
    @Flag(name: .customLong("no-lowercase"), help: "Keep the case of the sentences.") var noLowercase = false
    @Flag(inversion: .prefixedNo, help: "Attach the emoji display names to labels 0...4 (default: automatic).")
    var emoji: Bool?

    @Option(help: "Write per-epoch metrics as CSV (epoch, loss, accuracy, dev_loss, dev_accuracy, seconds, tokens_per_sec).")
    var log: String?
    @OptionGroup var pictures: ConfusionOutputOptions
    @Flag(help: "Print the final report as one JSON object.") var json = false
    @Flag(help: "No per-epoch lines or summary on stderr.") var quiet = false

    func validate() throws {
        if layers < 1 { throw ValidationError("--layers must be at least 1") }
        if hidden < 1 { throw ValidationError("--hidden must be at least 1") }
        if !(dropout >= 0 && dropout < 1) { throw ValidationError("--dropout must be in [0, 1)") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if !(lr > 0) { throw ValidationError("--lr must be positive") }
        if !(clip >= 0) { throw ValidationError("--clip must be 0 (off) or positive") }
        if patience < 0 { throw ValidationError("--patience must be 0 (off) or positive") }
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let m = maxVectors, m < 1 { throw ValidationError("--max-vectors must be at least 1") }
    }

    func run() throws {
        Matrix.setBLASThreads(threads)
        let started = Date()
        // Read the labelled files first: a typo there should not cost a vector load.
        let trainData = try LabeledData(path: train, format: files.format)
        let devData = try dev.map { try LabeledData(path: $0, format: files.format) }
        let testData = try test.map { try LabeledData(path: $0, format: files.format) }
        var labels = LabelSet(of: trainData.sentences)
        guard labels.count >= 2 else {
            throw InputError("the training set needs at least two labels (found \(labels.labels.first ?? "none"))", path: train)
        }
        if emoji ?? (trainData.format == .csv && labels.looksLikeEmojiSet) {
            guard labels.looksLikeEmojiSet else { throw UsageError("--emoji needs exactly the labels 0, 1, 2, 3, 4") }
            labels.attachEmoji()
        }

        var shape = NetworkShape(embeddingDimension: 1, classes: labels.count)
        shape.cell = cell; shape.layers = layers; shape.hidden = hidden; shape.bidirectional = bidirectional
        shape.dropout = dropout; shape.trainEmbeddings = trainEmbeddings
        let model: SentenceClassifier
        do {
            let embeddings = try Embeddings.read(path: vectors, limit: maxVectors,
                                                progress: Streams.Progress("reading vectors", quiet: quiet))
            model = try SentenceClassifier(embeddings: embeddings, source: vectors, labels: labels, shape: shape,
                                           tokenizer: TokenizerSettings(lowercase: !noLowercase, mode: tokenizer), seed: seed)
        }
        var settings = TrainingSettings()
        settings.epochs = epochs; settings.batchSize = batch; settings.seed = seed
        settings.patience = patience > 0 && devData != nil ? patience : nil
        settings.adam.learningRate = lr; settings.adam.clipNorm = clip > 0 ? clip : nil
        model.training = settings
        if noMask { model.words.padSentences(to: trainData.sentences.map { model.words.length(of: $0.text) }.max() ?? 1) }

        let trainSet = try model.encode(trainData)
        let trainCoverage = model.words.coverage
        let devSet = try devData.map { try model.encode($0) }
        let testSet = try testData.map { try model.encode($0) }
        if !quiet {
            printError(String(format: "classify: %d vectors x %d from %@, %d labels; train %d sentences (%.1f%% of tokens have a vector)%@%@, %.1f s",
                              model.vectors.words, model.vectors.dimension, vectors, labels.count, trainSet.count,
                              trainCoverage * 100, devSet.map { ", dev \($0.count)" } ?? "",
                              testSet.map { ", test \($0.count)" } ?? "", Date().timeIntervalSince(started)))
            let padding = model.words.settings.padLength.map { "unmasked, padded to \($0) steps" } ?? "masked"
            printError("classify: \(describe(shape: model.shape)), \(padding), \(model.network.parameterCount) weights")
        }

        let logFile = try log.map { try TrainingLog(path: $0) }
        let trainer = Trainer(network: model.network, settings: settings, threads: threads)
        var epochSeconds: [Double] = []
        let outcome: TrainingOutcome
        let progress = Streams.Progress("classify", quiet: quiet)
        do {
            outcome = try trainer.run(train: trainSet, dev: devSet) { report in
                epochSeconds.append(report.seconds)
                try logFile?.append(report)
                progress.finish()
                if !quiet { printError(epochLine(report)) }
                progress.update(fraction: Double(report.epoch) / Double(epochs),
                                detail: String(format: "epoch %d/%d, %.0f tokens/s", report.epoch, epochs, report.tokensPerSecond))
            }
            progress.finish()
            try logFile?.commit()
        } catch {
            logFile?.abort()
            throw error
        }

        let devScore = devSet.map { model.evaluate($0) }
        let testScore = testSet.map { model.evaluate($0) }
        model.record = TrainingRecord(epochsRun: outcome.epochsRun, bestEpoch: outcome.bestEpoch,
                                      devAccuracy: devScore?.accuracy, testAccuracy: testScore?.accuracy)
        try model.save(path: output)
        let shown: (Evaluation, String) = testScore.map { ($0, "test") } ?? devScore.map { ($0, "dev") }
            ?? (model.evaluate(trainSet), "train")
        if let svg = pictures.confusionSvg {
            try ClassifyReport.writeConfusionSVG(shown.0, labels: model.labels,
                                                 title: String(format: "%@ accuracy %.3f", shown.1, shown.0.accuracy), to: svg)
        }
        let perEpoch = epochSeconds.reduce(0, +) / Double(max(epochSeconds.count, 1))
        if !quiet {
            printError(String(format: "classify: %d epochs (best %d%@), %.2f s per epoch, model written to %@",
                              outcome.epochsRun, outcome.bestEpoch, outcome.stoppedEarly ? ", stopped early" : "",
                              perEpoch, output))
        }
        if json {
            var object: [String: Any] = ["best_epoch": outcome.bestEpoch, "epochs_run": outcome.epochsRun,
                                         "seconds_per_epoch": perEpoch, "model": output]
            object["train"] = ClassifyReport.json(model.evaluate(trainSet), labels: model.labels)
            if let d = devScore { object["dev"] = ClassifyReport.json(d, labels: model.labels) }
            if let t = testScore { object["test"] = ClassifyReport.json(t, labels: model.labels) }
            print(ClassifyReport.jsonText(object))
        } else {
            if let d = devScore, testScore != nil { print(ClassifyReport.accuracyLine(d, name: "dev")) }
            print(ClassifyReport.accuracyLine(shown.0, name: shown.1))
            print(ClassifyReport.confusionTable(shown.0, labels: model.labels), terminator: "")
        }
    }

    private func describe(shape s: NetworkShape) -> String {
        let unit = "\(s.cell.rawValue.uppercased())(\(s.hidden))"
        let layer = s.bidirectional ? "Bi\(unit)" : unit
        return "embedding \(s.embeddingDimension)\(s.trainEmbeddings ? " (trained)" : " (frozen)") -> "
            + Array(repeating: layer, count: s.layers).joined(separator: " -> ")
            + " -> dropout \(s.dropout) -> dense \(s.classes)"
    }

    private func epochLine(_ r: EpochReport) -> String {
        var line = String(format: "epoch %3d/%d  loss %.4f  acc %.4f", r.epoch, epochs, r.loss, r.accuracy)
        if let d = r.dev { line += String(format: "  dev_loss %.4f  dev_acc %.4f%@", d.loss, d.accuracy, r.isBest ? " *" : "  ") }
        line += String(format: "  %.2f s  %.0f tokens/s", r.seconds, r.tokensPerSecond)
        return line
    }
}

/// The --log CSV, written atomically when training ends.
private final class TrainingLog {
    let out: AtomicOutput
    init(path: String) throws {
        out = try AtomicOutput(path: path)
        try out.write("epoch,loss,accuracy,dev_loss,dev_accuracy,seconds,tokens_per_sec\n")
    }
    func append(_ r: EpochReport) throws {
        let dev = r.dev.map { String(format: "%.6f,%.6f", $0.loss, $0.accuracy) } ?? ","
        try out.write(String(format: "%d,%.6f,%.6f,%@,%.3f,%.0f\n", r.epoch, r.loss, r.accuracy, dev, r.seconds, r.tokensPerSecond))
    }
    func commit() throws { try out.commit() }
    func abort() { out.abort() }
}
