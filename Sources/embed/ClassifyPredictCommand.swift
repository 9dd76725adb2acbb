// Role: `embed classify predict`: the most probable label (with its emoji when the model has them) and its
// probability for each sentence given, or for each line of standard input.
import ArgumentParser
import EmbedKit
import Foundation

struct ClassifyPredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Label sentences with a trained classifier.",
        discussion: """
        One tab-separated line per sentence: label, emoji and name (only for models with emoji names), \
        probability, sentence. --json prints one object per line instead: sentence, label, probability, \
        probabilities (label -> probability) and emoji / name when the model has them. \
        Without SENTENCES, each non-blank line of standard input is a sentence.
        """
    )

    @Option(help: "Model file written by `embed classify train`.") var model: String
    @Argument(help: "Sentences to label (default: lines of standard input).") var sentences: [String] = []
    @Flag(help: "One JSON object per sentence.") var json = false
    @Option(help: "Sentences per batch when reading standard input.") var batch = 1024
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
    }

    func run() throws {
        Matrix.setBLASThreads(threads.threads)
        let classifier = try SentenceClassifier.load(path: model)
        if !sentences.isEmpty {
            if let blank = sentences.firstIndex(where: { $0.allSatisfy(\.isWhitespace) }) {
                throw UsageError("sentence \(blank + 1) is empty: give words to label")
            }
            try emit(sentences, classifier)
            return
        }
        let reader = try LineReader(path: "-")
        var pending: [String] = []
        while let line = try reader.nextLine() {
            let text = String(decoding: line, as: UTF8.self)
            if text.allSatisfy(\.isWhitespace) { continue }
            pending.append(text)
            if pending.count == batch { try emit(pending, classifier); pending.removeAll(keepingCapacity: true) }
        }
        try emit(pending, classifier)
    }

    private func emit(_ texts: [String], _ classifier: SentenceClassifier) throws {
        let labels = classifier.labels
        var out = ""
        for (text, p) in zip(texts, classifier.predict(texts)) {
            guard p.allSatisfy(\.isFinite) else {
                throw InputError("the model gives no finite probabilities for \"\(text)\" (its weights overflow)", path: model)
            }
            let top = p.indices.max { p[$0] < p[$1] }!
            if json {
                var object: [String: Any] = [
                    "sentence": text, "label": labels.labels[top], "probability": Double(p[top]),
                    "probabilities": Dictionary(uniqueKeysWithValues: zip(labels.labels, p.map(Double.init))),
                ]
                if let e = labels.display?[top] { object["emoji"] = e.symbol; object["name"] = e.name }
                out += ClassifyReport.jsonText(object) + "\n"
            } else {
                var fields = [labels.labels[top]]
                if let e = labels.display?[top] { fields.append("\(e.symbol) \(e.name)") }
                fields.append(String(format: "%.4f", p[top]))
                fields.append(text)
                out += fields.joined(separator: "\t") + "\n"
            }
        }
        try Stdout.print(out, terminator: "")
    }
}
