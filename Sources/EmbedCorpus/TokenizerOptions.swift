// Role: how text becomes tokens: lower-casing, whitespace or Unicode-aware splitting, invalid UTF-8 policy.
import EmbedCore

/// How a line is split into tokens.
public enum TokenizationMode: String, CaseIterable, Sendable {
    /// Split on ASCII whitespace only (word2vec, GloVe and fastText do this).
    case whitespace
    /// Also split off punctuation and symbols, and make each CJK ideograph its own token.
    case unicode
}

/// What the tokenizer does with bytes that are not valid UTF-8.
public enum InvalidUTF8Policy: String, CaseIterable, Sendable {
    /// Stop with an error naming the file and line.
    case error
    /// Replace each invalid sequence with U+FFFD and go on.
    case replace
}

/// How text becomes tokens: lower-casing, the splitting mode and the invalid UTF-8 policy.
public struct TokenizerOptions: Equatable, Sendable {
    /// True to lower-case every token (Unicode rules for non-ASCII text).
    public var lowercase: Bool
    /// Whitespace-only splitting, or Unicode-aware splitting of punctuation, symbols and ideographs.
    public var mode: TokenizationMode
    /// Whether invalid UTF-8 stops with an error or is replaced with U+FFFD.
    public var invalidUTF8: InvalidUTF8Policy

    /// Options from their three parts; the defaults lower-case, split on whitespace and refuse invalid UTF-8.
    public init(lowercase: Bool = true, mode: TokenizationMode = .whitespace, invalidUTF8: InvalidUTF8Policy = .error) {
        self.lowercase = lowercase
        self.mode = mode
        self.invalidUTF8 = invalidUTF8
    }
}
