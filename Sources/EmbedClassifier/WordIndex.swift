// Role: sentence -> embedding rows: tokenizes like the corpus streamer (EmbedCorpus.Tokenizer, lower-cased,
// whitespace by default) and maps each token to its row (1...words in vector-file order, <UNK> after them;
// row 0 is the zero padding row, used only when a model is trained without masking).
import EmbedCore
import EmbedCorpus
import EmbedStreams

/// The tokenizer settings stored in a model (so predict splits text the way training did).
public struct TokenizerSettings: Codable, Equatable, Sendable {
    /// True to lower-case the text before looking words up (the default).
    public var lowercase = true
    /// The tokenization mode's raw value (`whitespace` or `unicode`), as stored in the model file.
    public var mode = TokenizationMode.whitespace.rawValue
    /// nil (the default): sentences keep their length and padded steps are masked. N: every shorter sentence
    /// is padded at the end with the zero row to N steps that the recurrent layers run over, as Keras does
    /// without `mask_zero` (the lecture's lab).
    public var padLength: Int? = nil
    /// Settings from their parts (lower-casing, whitespace splitting and masking by default).
    public init(lowercase: Bool = true, mode: TokenizationMode = .whitespace, padLength: Int? = nil) {
        self.lowercase = lowercase
        self.mode = mode.rawValue
        self.padLength = padLength
    }
    /// The tokenizer options these settings stand for (an unknown mode reads as whitespace; invalid UTF-8 is replaced).
    public var options: TokenizerOptions {
        TokenizerOptions(lowercase: lowercase, mode: TokenizationMode(rawValue: mode) ?? .whitespace, invalidUTF8: .replace)
    }
}

/// Maps a sentence's tokens to embedding rows: 1...words in vector-file order, `<UNK>` after them, row 0
/// the zero padding row; it tokenizes as the corpus reader does, and counts the tokens that had no vector.
public final class WordIndex {
    /// Words of the embedding rows 1...count.
    public let words: [String]
    /// How text is split, and the padding length (nil: masking).
    public private(set) var settings: TokenizerSettings
    private let rows: [String: Int32]
    private let tokenizer: Tokenizer
    /// Tokens seen by `encode` so far (a text without tokens counts as one).
    public private(set) var tokenCount = 0
    /// The tokens seen by `encode` so far that had no vector (encoded as `<UNK>`).
    public private(set) var unknownCount = 0

    /// An index of `words` (embedding rows 1...words.count; the first occurrence of a repeated word wins).
    public init(words: [String], settings: TokenizerSettings) {
        self.words = words
        self.settings = settings
        var rows = [String: Int32](minimumCapacity: words.count)
        for (i, w) in words.enumerated() where rows[w] == nil { rows[w] = Int32(i + 1) }
        self.rows = rows
        tokenizer = Tokenizer(settings.options)
    }

    /// Row of <UNK>.
    public var unknownRow: Int32 { Int32(words.count + 1) }
    /// Rows of the embedding table: padding + words + <UNK>.
    public var tableRows: Int { words.count + 2 }

    /// Rows of the tokens of `text` (a text without tokens reads as one unknown word), then the padding
    /// rows up to `settings.padLength` when it is set.
    public func encode(_ text: String) -> [Int32] {
        let tokens = (try? tokenizer.tokens(of: text)) ?? []
        tokenCount += max(tokens.count, 1)
        var encoded: [Int32] = tokens.map { token in
            if let r = rows[token] { return r }
            unknownCount += 1
            return unknownRow
        }
        if encoded.isEmpty { unknownCount += 1; encoded = [unknownRow] }
        if let n = settings.padLength, encoded.count < n {
            encoded += repeatElement(0, count: n - encoded.count)
        }
        return encoded
    }

    /// The row of one token exactly as given (no tokenizing or case folding), nil when it has no vector.
    public func knownRow(_ token: String) -> Int32? { rows[token] }

    /// Number of tokens of `text` (at least 1, as `encode` counts them; no padding).
    public func length(of text: String) -> Int { max(((try? tokenizer.tokens(of: text)) ?? []).count, 1) }

    /// Turns masking off: later encodings are padded at the end to `length` steps (see TokenizerSettings).
    public func padSentences(to length: Int) { settings.padLength = length }

    /// Share of the tokens encoded so far that had a vector.
    public var coverage: Double { tokenCount == 0 ? 1 : 1 - Double(unknownCount) / Double(tokenCount) }
}
