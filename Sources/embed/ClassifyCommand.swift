// Role: `embed classify`: the sentence classifier's command group (train, evaluate, predict) and the options
// its subcommands share.
import ArgumentParser
import EmbedKit

extension CellKind: ExpressibleByArgument {}
extension SentenceEncoderKind: ExpressibleByArgument {}
extension LabeledFormat: ExpressibleByArgument {}

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Train, evaluate and apply an LSTM sentence classifier on top of word vectors.",
        discussion: """
        Data files: CSV rows `"sentence",label` (quotes optional; "" escapes a quote) or `label sentence` lines \
        (SST-2); the layout is detected (CSV when the name ends in .csv or the first row starts with a quote) \
        or set with --format. Labels are integers or strings. Sentences are lower-cased and split on whitespace \
        like the corpus streamer; words without a vector map to one <UNK> row.
        The model file (.embedclf) is self-contained: settings, label map, words, weights and the embedding table.
        """,
        subcommands: [ClassifyTrainCommand.self, ClassifyEvaluateCommand.self, ClassifyPredictCommand.self]
    )
}

/// How labelled files are read (train, dev, test).
struct LabeledFileOptions: ParsableArguments {
    @Option(help: "Layout of the labelled files: auto, csv or lines (`label sentence`).")
    var format: LabeledFormat = .auto
}

/// Picture and JSON outputs shared by train and evaluate.
struct ConfusionOutputOptions: ParsableArguments {
    @Option(help: "Also draw the confusion matrix as an SVG heat map to this file.")
    var confusionSvg: String?
}
