// Role: the corpus-reading flags shared by every command that reads raw text (vocab, cooccur, train).
import ArgumentParser
import EmbedKit

extension TokenizationMode: ExpressibleByArgument {}
extension InvalidUTF8Policy: ExpressibleByArgument {}

struct CorpusOptions: ParsableArguments {
    @Argument(help: "Corpus files, directories (every file inside, sorted) or - for standard input; plain or zstd.")
    var corpus: [String] = []

    @Flag(name: .customLong("no-lowercase"), help: "Keep the case of the text (lower-casing is on by default).")
    var noLowercase = false

    @Option(name: .customLong("tokenizer"), help: "whitespace: split on spaces only; unicode: also split off punctuation and make each CJK ideograph a token.")
    var mode: TokenizationMode = .whitespace

    @Option(name: .customLong("invalid-utf8"), help: "error: stop naming file and line; replace: substitute U+FFFD.")
    var invalidUTF8: InvalidUTF8Policy = .error

    var tokenizer: TokenizerOptions {
        TokenizerOptions(lowercase: !noLowercase, mode: mode, invalidUTF8: invalidUTF8)
    }

    /// A usage error when no corpus was named.
    func requireCorpus() throws {
        if corpus.isEmpty { throw ValidationError("give at least one corpus file, directory or -") }
    }

    func reader() throws -> CorpusReader { try CorpusReader(inputs: corpus, options: tokenizer) }
}
