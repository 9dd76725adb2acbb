// Role: `embed tag evaluate`: scores a saved tagger on a CoNLL file: the conlleval report, or one JSON
// object (`precision`, `recall`, `f1` 0..1, `per_type`, `tokens`, `accuracy`, counts).
import ArgumentParser
import EmbedKit
import Foundation

struct TagEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a tagger on a CoNLL file (entity precision, recall and F1 as conlleval counts them).",
        discussion: """
        An entity is correct only when its type and exact span match. --json prints one object: precision, \
        recall, f1 (0..1), gold, predicted, correct, per_type (type -> the same figures), tokens, correct_tokens, \
        accuracy (token accuracy over the tags as the file writes them), sentences, scheme, model, test.
        """
    )

    @Option(help: "Model file written by `embed tag train`.") var model: String
    @Option(help: "CoNLL file to score.") var test: String
    @OptionGroup var files: TaggedFileOptions
    @Flag(help: "Print one JSON object.") var json = false
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var quiet: QuietFlag

    func run() throws {
        Matrix.setBLASThreads(threads.threads)
        let tagger = try SequenceTagger.load(path: model)
        let data = try files.read(test)
        let scores = tagger.evaluate(data)
        if json {
            var object = TagReport.json(scores)
            object["model"] = model
            object["test"] = test
            object["scheme"] = data.scheme.rawValue
            print(TagReport.jsonText(object))
        } else {
            print(TagReport.conlleval(scores), terminator: "")
        }
    }
}
