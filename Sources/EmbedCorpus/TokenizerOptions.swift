// Role: how text becomes tokens: lower-casing, whitespace or Unicode-aware splitting, invalid UTF-8 policy.
import EmbedCore

public enum TokenizationMode: String, CaseIterable, Sendable {
    /// Split on ASCII whitespace only (word2vec, GloVe and fastText do this).
    case whitespace
    /// Also split off punctuation and symbols, and make each CJK ideograph its own token.
    case unicode
}

public enum InvalidUTF8Policy: String, CaseIterable, Sendable {
    /// Stop with an error naming the file and line.
    case error
    /// Replace each invalid sequence with U+FFFD and go on.
    case replace
}

public struct TokenizerOptions: Equatable, Sendable {
    public var lowercase: Bool
    public var mode: TokenizationMode
    public var invalidUTF8: InvalidUTF8Policy

    public init(lowercase: Bool = true, mode: TokenizationMode = .whitespace, invalidUTF8: InvalidUTF8Policy = .error) {
        self.lowercase = lowercase
        self.mode = mode
        self.invalidUTF8 = invalidUTF8
    }
}
