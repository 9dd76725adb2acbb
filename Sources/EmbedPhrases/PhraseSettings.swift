// Role: what `embed phrases` is asked to do: the counts and score a pair needs to become a phrase, the
// delimiter, the number of passes, the connector words and the memory bound of the counting table.
import EmbedCore
import Foundation

/// How an adjacent pair of words is scored.
public enum PhraseScoring: String, CaseIterable, Sendable {
    /// word2vec's word2phrase: `(count(ab) - minCount) / (count(a) * count(b)) * N`, N the corpus's tokens.
    case `default`
    /// Normalized pointwise mutual information, in [-1, 1]: `ln(p(ab) / (p(a) p(b))) / -ln(p(ab))`.
    case npmi

    /// The score of a pair seen `pair` times whose words were seen `a` and `b` times in `total` tokens;
    /// -infinity when the pair cannot be a phrase (a count of zero; under npmi, a pair rarer than `minCount`).
    @inline(__always)
    public func score(a: Int64, b: Int64, pair: Int64, total: Int64, minCount: Int) -> Double {
        guard a > 0, b > 0, pair > 0, total > 0 else { return -.infinity }
        switch self {
        case .default:
            return (Double(pair) - Double(minCount)) / (Double(a) * Double(b)) * Double(total)
        case .npmi:
            guard pair >= Int64(minCount) else { return -.infinity }
            let n = Double(total)
            let pab = Double(pair) / n
            let denominator = -log(pab)
            guard denominator > 0 else { return -.infinity }   // a pair that is the whole corpus
            return log(pab / ((Double(a) / n) * (Double(b) / n))) / denominator
        }
    }
}

/// The settings of phrase detection.
public struct PhraseSettings: Equatable, Sendable {
    /// A pair seen fewer times is no phrase (`default` subtracts it from the pair's count; `npmi` requires it).
    public var minCount: Int
    /// A pair becomes a phrase when its score is above this (`npmi`: in [-1, 1]).
    public var threshold: Double
    /// The score formula.
    public var scoring: PhraseScoring
    /// Written between the words of a phrase (`new_york`).
    public var delimiter: String
    /// Passes of detection: 2 joins phrases with words or phrases again (trigrams, four-grams).
    public var passes: Int
    /// Connector words (`of`, `the`): never counted on their own, never the start or end of a phrase, but
    /// allowed inside one (`bank_of_america`), as gensim 4's `connector_words`.
    public var connectorWords: [String]
    /// The memory bound of the counting table in bytes: past it the rarest entries are pruned.
    public var memoryBytes: Int

    /// Settings from their parts; the defaults are word2phrase's (min count 5, threshold 100).
    public init(minCount: Int = 5, threshold: Double = 100, scoring: PhraseScoring = .default, delimiter: String = "_",
                passes: Int = 1, connectorWords: [String] = [], memoryBytes: Int = 4 << 30) {
        self.minCount = minCount
        self.threshold = threshold
        self.scoring = scoring
        self.delimiter = delimiter
        self.passes = passes
        self.connectorWords = connectorWords
        self.memoryBytes = memoryBytes
    }

    /// Throws SettingError for a setting out of range.
    public func validate() throws {
        if minCount < 1 { throw SettingError("minCount", "must be at least 1", value: "\(minCount)") }
        if !threshold.isFinite { throw SettingError("threshold", "must be a finite number", value: "\(threshold)") }
        if scoring == .npmi && (threshold < -1 || threshold > 1) {
            throw SettingError("threshold", "must be in [-1, 1] with npmi scoring", value: "\(threshold)")
        }
        if delimiter.isEmpty || delimiter.utf8.contains(where: { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }) {
            throw SettingError("delimiter", "must be non-empty and hold no whitespace", value: delimiter)
        }
        if passes < 1 || passes > 8 { throw SettingError("passes", "must be between 1 and 8", value: "\(passes)") }
        if memoryBytes < 1 << 20 { throw SettingError("memoryBytes", "must be at least 1 MiB", value: "\(memoryBytes)") }
        for word in connectorWords where word.isEmpty || word.utf8.contains(where: { $0 <= 0x20 }) {
            throw SettingError("connectorWords", "a connector word must be one non-empty token", value: word)
        }
    }
}
