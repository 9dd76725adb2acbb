// Role: `embed tag train`: reads vectors and CoNLL files, trains the BiLSTM-CRF tagger (per-epoch lines with
// dev precision / recall / F1 on stderr, optional CSV log), keeps the best dev epoch, writes the model and
// reports the final scores (test set, else dev, else train) on stdout, as conlleval does or as JSON.
import ArgumentParser
import EmbedKit
import Foundation

struct TagTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the sequence tagger: word vectors + casing + character BiLSTM -> BiLSTM -> CRF.",
        discussion: """
        Each token's input is its frozen word vector (exact spelling, else lower-cased; <UNK> otherwise), a \
        trainable casing embedding (lower, upper, initial capital, mixed, numeric, contains a digit, other; \
        --case-dim) and the final states of a character-level BiLSTM (--char-dim, --char-hidden; --no-chars \
        turns it off). A bidirectional LSTM (--layers, --hidden, dropout on its inputs, between layers and \
        before the scores) gives a state per token, then dense tag scores and a linear-chain CRF (--no-crf: a \
        softmax per token). Entities are encoded internally as IOBES (--encoding bio for BIO); decoding never \
        produces an I-X after O or after another type. Adam (--lr), gradients clipped by global norm (--clip), \
        batches of --batch sentences packed by length. With --dev, the epoch with the best dev entity F1 is \
        kept and training stops after --patience epochs without improvement.
        Per-epoch lines go to stderr; the final report (conlleval's layout: test set, else dev, else train) to \
        stdout, or one JSON object with --json (best_epoch, epochs_run, seconds_per_epoch, tokens_per_second, \
        train_coverage, model, and dev / test / train scores as `tag evaluate --json` prints them).
        """
    )

    @Option(help: "Vector file of the word embedding (GloVe or word2vec text, word2vec binary; .zst accepted).")
    var vectors: String
    @Option(help: "Keep only the first N vectors of the file (the most frequent words in GloVe and word2vec files).")
    var maxVectors: Int?
    @Option(help: "Training sentences (CoNLL columns).") var train: String
    @Option(help: "Dev sentences: scored every epoch; the best epoch's weights are kept.") var dev: String?
    @Option(help: "Test sentences: scored once at the end.") var test: String?
    @OptionGroup var files: TaggedFileOptions
    @OptionGroup var output: OutputOption

    @Option(help: "Recurrent cell of the word-level layers: lstm or rnn.") var cell: CellKind = .lstm
    @Option(help: "Stacked bidirectional word-level layers.") var layers = 1
    @Option(help: "Units per direction of each word-level layer.") var hidden = 100
    @Option(help: "Dropout rate on the token inputs, between layers and before the tag scores.") var dropout = 0.5
    @Option(help: "Width of the character embeddings.") var charDim = 25
    @Option(help: "Units per direction of the character BiLSTM.") var charHidden = 25
    @Flag(help: "No character-level features.") var noChars = false
    @Option(help: "Width of the casing embedding (0: no casing feature).") var caseDim = 8
    @Flag(inversion: .prefixedNo, help: "Score tag sequences with a linear-chain CRF (default) or a softmax per token.")
    var crf = true
    @Option(help: "How entities are encoded as classes: iobes or bio.") var encoding: TagEncoding = .iobes

    @Option(help: "Passes over the training set.") var epochs = 30
    @Option(help: "Sentences per mini-batch.") var batch = 32
    @Option(help: "Adam learning rate.") var lr = 0.002
    @Option(help: "Clip the gradient to this global L2 norm (0: no clipping).") var clip = 5.0
    @Option(help: "Stop after this many epochs without a better dev F1 (0: never stop early).") var patience = 5
    @Option(help: "Random seed (weights, shuffling, dropout).") var seed: UInt64 = 1
    @OptionGroup var threads: ThreadsOption

    @Option(help: "Write per-epoch metrics as CSV (epoch, loss, dev_precision, dev_recall, dev_f1, dev_accuracy, seconds, tokens_per_sec).")
    var log: String?
    @Flag(help: "Print the final report as one JSON object.") var json = false
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        _ = try output.path()
        if layers < 1 { throw ValidationError("--layers must be at least 1") }
        if hidden < 1 { throw ValidationError("--hidden must be at least 1") }
        if !(dropout >= 0 && dropout < 1) { throw ValidationError("--dropout must be in [0, 1)") }
        if charDim < 1 { throw ValidationError("--char-dim must be at least 1") }
        if charHidden < 1 { throw ValidationError("--char-hidden must be at least 1") }
        if caseDim < 0 { throw ValidationError("--case-dim must be 0 (off) or positive") }
        if epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if !(lr > 0) || !lr.isFinite { throw ValidationError("--lr must be positive") }
        if !(clip >= 0) || !clip.isFinite { throw ValidationError("--clip must be 0 (off) or positive") }
        if patience < 0 { throw ValidationError("--patience must be 0 (off) or positive") }
        if let m = maxVectors, m < 1 { throw ValidationError("--max-vectors must be at least 1") }
    }

    func run() throws {
        Matrix.setBLASThreads(threads.threads)
        let started = Date()
        let output = try self.output.path()
        // Read the tagged files first: a typo there should not cost a vector load.
        let trainData = try files.read(train)
        let devData = try dev.map { try files.read($0) }
        let testData = try test.map { try files.read($0) }
        let types = try TaggerTraining.tagSet(of: trainData, encoding: encoding).types
        var training = TaggerTraining()
        training.shape.cell = cell; training.shape.layers = layers; training.shape.hidden = hidden
        training.shape.dropout = dropout; training.shape.useCharacters = !noChars
        training.shape.characterDimension = charDim; training.shape.characterHidden = charHidden
        training.shape.casingDimension = caseDim; training.shape.crf = crf; training.shape.encoding = encoding
        training.settings.epochs = epochs; training.settings.batchSize = batch; training.settings.seed = seed
        training.settings.patience = patience > 0 && devData != nil ? patience : nil
        training.settings.adam.learningRate = lr; training.settings.adam.clipNorm = clip > 0 ? clip : nil
        training.settings.threads = threads.threads

        let console = ConsoleObserver(command: "tag", quiet: quiet.quiet)
        let embeddings = try WordVectors.read(path: vectors, limit: maxVectors, observer: console)
        let logFile = try log.map { try EpochLog(path: $0, kind: .tagger, resuming: false) }
        var epochSeconds: [Double] = []
        console.onEpoch = { record in
            epochSeconds.append(record.seconds)
            try logFile?.record(record)
            console.say(epochLine(record))
        }
        if !quiet.quiet {
            printError(String(format: "tag: %d vectors x %d from %@; train %d sentences, %d tokens (%@), %d entity types%@%@, %.1f s",
                              embeddings.count, embeddings.dimension, vectors, trainData.sentences.count,
                              trainData.tokenCount, trainData.scheme.rawValue.uppercased(), types.count,
                              devData.map { ", dev \($0.sentences.count)" } ?? "",
                              testData.map { ", test \($0.sentences.count)" } ?? "", Date().timeIntervalSince(started)))
            printError("tag: \(describe(training.shape, words: embeddings.dimension))")
        }
        let result = try Interruption.cooperatively {
            try training.train(vectors: embeddings, source: vectors, train: trainData, dev: devData, observer: console)
        }
        console.clear()
        let tagger = result.tagger, summary = result.summary
        if !quiet.quiet {
            printError(String(format: "tag: %.1f%% of training tokens have a vector, %d weights, %d classes (%@)",
                              result.trainCoverage * 100, tagger.network.parameterCount, tagger.tagSet.count,
                              tagger.tagSet.encoding.rawValue.uppercased()))
        }
        let devScore = result.devSet.map { tagger.network.score($0.encoded, against: $0.data) }
        let testScore = testData.map { tagger.evaluate($0) }
        tagger.record?.testF1 = testScore?.f1
        try tagger.save(path: output)
        let perEpoch = epochSeconds.reduce(0, +) / Double(max(epochSeconds.count, 1))
        let tokensPerSecond = summary.rate
        console.say(String(format: "tag: %d epochs (best %d%@%@), %.2f s per epoch, %.0f tokens/s, model written to %@",
                           summary.epochsRun, summary.bestEpoch, summary.stoppedEarly ? ", stopped early" : "",
                           summary.outcome == .finished ? "" : ", interrupted", perEpoch, tokensPerSecond, output))
        let shown: (TaggingScores, String) = testScore.map { ($0, "test") } ?? devScore.map { ($0, "dev") }
            ?? (tagger.evaluate(trainData), "train")
        if json {
            var object: [String: Any] = ["best_epoch": summary.bestEpoch, "epochs_run": summary.epochsRun,
                                         "seconds_per_epoch": perEpoch, "tokens_per_second": tokensPerSecond,
                                         "train_seconds": summary.seconds, "train_coverage": result.trainCoverage,
                                         "model": output, "parameters": tagger.network.parameterCount]
            if let d = devScore { object["dev"] = TagReport.json(d) }
            if let t = testScore { object["test"] = TagReport.json(t) }
            if devScore == nil && testScore == nil { object["train"] = TagReport.json(shown.0) }
            print(TagReport.jsonText(object))
        } else {
            if let d = devScore, testScore != nil {
                print("dev:")
                print(TagReport.conlleval(d), terminator: "")
            }
            print("\(shown.1):")
            print(TagReport.conlleval(shown.0), terminator: "")
        }
    }

    private func describe(_ s: TaggerShape, words: Int) -> String {
        var inputs = ["word \(words) (frozen)"]
        if s.casingDimension > 0 { inputs.append("casing \(s.casingDimension)") }
        if s.useCharacters { inputs.append("chars BiLSTM(\(s.characterHidden)) over \(s.characterDimension)-d embeddings") }
        let layer = "Bi\(s.cell.rawValue.uppercased())(\(s.hidden))"
        return inputs.joined(separator: " + ") + " -> dropout \(s.dropout) -> "
            + Array(repeating: layer, count: s.layers).joined(separator: " -> ") + " -> dense -> "
            + (s.crf ? "CRF" : "softmax") + " (\(s.encoding.rawValue.uppercased()))"
    }

    private func epochLine(_ r: EpochRecord) -> String {
        var line = String(format: "epoch %3d/%d  loss %.4f", r.epoch, r.epochs, r.loss)
        if let p = r.metric("dev_precision"), let rec = r.metric("dev_recall"), let f = r.metric("dev_f1") {
            line += String(format: "  dev P %.4f R %.4f F1 %.4f%@", p, rec, f, r.isBest ? " *" : "  ")
        }
        line += String(format: "  %.2f s  %.0f tokens/s", r.seconds, r.rate)
        return line
    }
}
