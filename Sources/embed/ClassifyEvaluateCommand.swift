// Role: `embed classify evaluate`: scores a saved model on a labelled file: accuracy and confusion matrix as a
// table, or one JSON object (`accuracy` 0...1, `n`, `confusion` rows = true label), optionally as an SVG.
import ArgumentParser
import EmbedKit
import Foundation

struct ClassifyEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a classifier on labelled sentences.",
        discussion: """
        --json prints one object: accuracy (0...1), n, correct, loss (mean cross-entropy), labels, \
        confusion (confusion[true][predicted], in the order of labels), emoji (when the model has them), model, test.
        """
    )

    @Option(help: "Model file written by `embed classify train`.") var model: String
    @Option(help: "Labelled sentences to score.") var test: String
    @OptionGroup var files: LabeledFileOptions
    @OptionGroup var pictures: ConfusionOutputOptions
    @Flag(help: "Print one JSON object.") var json = false
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        try PathChecks.requireDistinct(outputs: [("--confusion-svg", pictures.confusionSvg)], inputs: [model, test])
    }

    func run() throws {
        Matrix.setBLASThreads(threads.threads)
        let classifier = try SentenceClassifier.load(path: model)
        let data = try LabeledData(path: test, format: files.format)
        let score = try classifier.evaluate(data)
        if let svg = pictures.confusionSvg {
            try ClassifyReport.writeConfusionSVG(score, labels: classifier.labels,
                                                 title: String(format: "accuracy %.3f", score.accuracy), to: svg)
        }
        if json {
            var object = ClassifyReport.json(score, labels: classifier.labels)
            object["model"] = model
            object["test"] = test
            try Stdout.print(ClassifyReport.jsonText(object))
        } else {
            try Stdout.print(ClassifyReport.accuracyLine(score, name: "test"))
            try Stdout.print(ClassifyReport.confusionTable(score, labels: classifier.labels), terminator: "")
        }
    }
}
