// Role: `embed tag`: the sequence tagger's command group (train, evaluate, predict) and the options its
// subcommands share (how CoNLL files are read).
import ArgumentParser
import EmbedKit

extension TagEncoding: ExpressibleByArgument {}

struct TagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tag",
        abstract: "Train, evaluate and apply a BiLSTM-CRF sequence tagger (slot filling, named entities) on word vectors.",
        discussion: """
        Data files are CoNLL columns: one token per line, columns separated by spaces or tabs, a blank line \
        between sentences, -DOCSTART- lines skipped; the token is the first column, the tag the last (or \
        --tag-column). Tags are O, B-X, I-X, E-X or S-X in the IOB1, IOB2 (BIO) or IOBES scheme, detected from \
        the file or given with --scheme; entities are counted as the conlleval script counts them.
        The model file (.embedtag) is self-contained: settings, tag set, words, characters, weights and the \
        word vectors.
        """,
        subcommands: [TagTrainCommand.self, TagEvaluateCommand.self, TagPredictCommand.self]
    )
}

/// The scheme flag's values: `auto` (detect) or a scheme.
enum SchemeChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, iob1, iob2, iobes
    var scheme: TagScheme? { TagScheme(rawValue: rawValue) }
}

/// How CoNLL files are read (train, dev, test, predict --conll).
struct TaggedFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Column of the tags, 1-based (default: the last column of each line).", valueName: "n"))
    var tagColumn: Int?
    @Option(help: "Tag scheme of the files: auto (detected per file), iob1, iob2 or iobes.")
    var scheme: SchemeChoice = .auto

    func validate() throws {
        if let c = tagColumn, c < 2 { throw ValidationError("--tag-column must be at least 2 (column 1 is the token)") }
    }

    /// Reads `path` as CoNLL columns.
    func read(_ path: String, keepingLines: Bool = false) throws -> TaggedData {
        try TaggedData(path: path, tagColumn: tagColumn, scheme: scheme.scheme, keepingLines: keepingLines)
    }
}
