// Role: `embed tag predict`: tags sentences given as arguments or read from standard input (tokens split on
// whitespace), printing the tagged tokens and the entities grouped by type (or JSON); with --conll, writes a
// CoNLL file back with the predicted tag as a new column after the gold one (conlleval's input).
import ArgumentParser
import EmbedKit
import Foundation

struct TagPredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Tag sentences with a trained tagger.",
        discussion: """
        Each sentence is split on whitespace. Output per sentence: `token/TAG ...` (tags in the training \
        file's scheme), then one `  type: text` line per entity type (underscores shown as spaces), e.g. \
        `  destination: taipei`. --json prints one object per line: sentence, tokens, tags, entities (type, \
        text, start, end), slots (type -> texts). Without SENTENCES, each non-blank line of standard input \
        is a sentence. --conll FILE instead reads a CoNLL file and writes it to stdout with the predicted tag \
        (in the file's scheme) inserted after the gold tag column, as the conlleval script reads it.
        """
    )

    @Option(help: "Model file written by `embed tag train`.") var model: String
    @Argument(help: "Sentences to tag (default: lines of standard input).") var sentences: [String] = []
    @Option(help: ArgumentHelp("Tag a CoNLL file and write it back with a predicted-tag column.", valueName: "file"))
    var conll: String?
    @OptionGroup var files: TaggedFileOptions
    @Flag(help: "One JSON object per sentence.") var json = false
    @Option(help: "Sentences per batch when reading standard input.") var batch = 1024
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if batch < 1 { throw ValidationError("--batch must be at least 1") }
        if conll != nil && !sentences.isEmpty { throw ValidationError("give sentences or --conll FILE, not both") }
        if conll != nil && json { throw ValidationError("--json does not apply to --conll (the output is CoNLL columns)") }
    }

    func run() throws {
        Matrix.setBLASThreads(threads.threads)
        let tagger = try SequenceTagger.load(path: model)
        if let conll {
            let data = try files.read(conll, keepingLines: true)
            let predicted = tagger.predict(data.sentences.map(\.tokens), scheme: data.scheme).map(\.tags)
            let lines = data.linesWithPredictions(predicted)
            var out = ""
            for line in lines {
                out += line + "\n"
                if out.utf8.count > 1 << 16 { print(out, terminator: ""); out = "" }
            }
            print(out, terminator: "")
            return
        }
        if !sentences.isEmpty {
            emit(sentences, tagger)
            return
        }
        let reader = try LineReader(path: "-")
        var pending: [String] = []
        while let line = try reader.nextLine() {
            let text = String(decoding: line, as: UTF8.self)
            if text.allSatisfy(\.isWhitespace) { continue }
            pending.append(text)
            if pending.count == batch { emit(pending, tagger); pending.removeAll(keepingCapacity: true) }
        }
        emit(pending, tagger)
    }

    private func emit(_ texts: [String], _ tagger: SequenceTagger) {
        let kept = texts.filter { !$0.allSatisfy(\.isWhitespace) }
        let tokens = kept.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        var out = ""
        for (text, prediction) in zip(kept, tagger.predict(tokens)) {
            out += json ? TagReport.jsonText(TagReport.json(prediction, sentence: text)) + "\n" : TagReport.text(prediction)
        }
        print(out, terminator: "")
    }
}
