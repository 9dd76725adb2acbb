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

    @Option(help: ArgumentHelp("Longest token accepted, in bytes (long lines are read in pieces of this size, cut at whitespace).",
                               valueName: "bytes"))
    var maxTokenBytes = CorpusReader.defaultMaxTokenBytes

    var tokenizer: TokenizerOptions {
        TokenizerOptions(lowercase: !noLowercase, mode: mode, invalidUTF8: invalidUTF8)
    }

    /// A usage error when no corpus was named.
    func requireCorpus() throws {
        if corpus.isEmpty { throw ValidationError("give at least one corpus file, directory or -") }
    }

    func validate() throws {
        if maxTokenBytes < 16 || maxTokenBytes > 1 << 30 {
            throw ValidationError("--max-token-bytes must be between 16 and 1073741824")
        }
    }

    /// The corpus files (directories expanded) for the output checks; a missing input is reported when the
    /// corpus is read (with its exit status 1), not here.
    func existingFiles() -> [String] { (try? InputPaths.expand(corpus)) ?? corpus }

    func reader() throws -> CorpusReader { try makeReader(corpus) }

    /// A reader of other inputs tokenized the same way (nil when there are none).
    func reader(_ inputs: [String]) throws -> CorpusReader? { inputs.isEmpty ? nil : try makeReader(inputs) }

    private func makeReader(_ inputs: [String]) throws -> CorpusReader {
        let reader = try CorpusReader(inputs: inputs, options: tokenizer)
        reader.maxTokenBytes = maxTokenBytes
        return reader
    }
}
