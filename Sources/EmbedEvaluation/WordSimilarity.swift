// Role: scores vectors on a word-similarity set as gensim's evaluate_word_pairs does: words looked up among
// the first `restrict` rows (upper-cased unless case-sensitive), pairs with an unknown word left out, then
// Spearman and Pearson between the human scores and the cosines, and the share of pairs left out.
import EmbedCore
import EmbedVectors
import Foundation

/// The score of vectors on one word-pair set: correlations between human scores and cosines, and pairs left out.
public struct SimilarityResult {
    /// The set's file.
    public var path: String
    /// The set's file name without folders, for tables.
    public var name: String
    /// Pairs whose two words were found (the correlations are over these).
    public var pairs: Int
    /// Pairs left out because a word was not found.
    public var oov: Int
    /// Spearman's rho between the human scores and the cosines (NaN with fewer than two pairs or constant scores).
    public var spearman: Double
    /// Pearson's r between the human scores and the cosines (NaN with fewer than two pairs or constant scores).
    public var pearson: Double
    /// oov / (pairs + oov), in [0, 1].
    public var oovRatio: Double { pairs + oov > 0 ? Double(oov) / Double(pairs + oov) : 0 }
    /// Human score and cosine of each pair used, in file order.
    public var scored: [(human: Double, cosine: Double)]

    /// The result as a JSON object (`file`, `name`, `pairs`, `oov`, `oov_ratio`, `spearman`, `pearson`; NaN is null).
    public var json: [String: Any] {
        ["file": path, "name": name, "pairs": pairs, "oov": oov, "oov_ratio": oovRatio,
         "spearman": spearman.isNaN ? NSNull() : spearman, "pearson": pearson.isNaN ? NSNull() : pearson]
    }
}

/// Word-similarity evaluation, following gensim's evaluate_word_pairs.
public enum WordSimilarity {
    /// gensim's default for evaluate_word_pairs.
    public static let defaultRestrict = 300_000

    /// Several sets with one lookup table.
    static func evaluate(_ embeddings: WordVectors, on sets: [WordPairSet], restrict: Int?,
                         caseSensitive: Bool) -> [SimilarityResult] {
        let words = sets.flatMap { $0.pairs.flatMap { [$0.first, $0.second] } }
        let lookup = WordLookup(embeddings, restrict: restrict, caseSensitive: caseSensitive, only: words)
        return sets.map { evaluate(embeddings, on: $0, lookup: lookup) }
    }

    static func evaluate(_ embeddings: WordVectors, on set: WordPairSet, lookup: WordLookup) -> SimilarityResult {
        var scored: [(human: Double, cosine: Double)] = []
        var oov = 0
        for pair in set.pairs {
            guard let a = lookup.row(of: pair.first), let b = lookup.row(of: pair.second) else { oov += 1; continue }
            scored.append((pair.score, embeddings.cosine(rows: a, b)))
        }
        let human = scored.map(\.human), model = scored.map(\.cosine)
        return SimilarityResult(path: set.path, name: set.name, pairs: scored.count, oov: oov,
                                spearman: Correlation.spearman(human, model),
                                pearson: Correlation.pearson(human, model), scored: scored)
    }
}

extension WordVectors {
    /// Scores word-pair sets as gensim's evaluate_word_pairs does: words looked up among the first `restrict`
    /// rows (folded unless case-sensitive), pairs with an unknown word left out, Spearman and Pearson between
    /// human scores and cosines.
    public func wordPairs(_ sets: [WordPairSet], restrict: Int? = WordSimilarity.defaultRestrict,
                          caseSensitive: Bool = false) -> [SimilarityResult] {
        WordSimilarity.evaluate(self, on: sets, restrict: restrict, caseSensitive: caseSensitive)
    }

    /// One word-pair set (see `wordPairs(_:restrict:caseSensitive:)`).
    public func wordPairs(_ set: WordPairSet, restrict: Int? = WordSimilarity.defaultRestrict,
                          caseSensitive: Bool = false) -> SimilarityResult {
        wordPairs([set], restrict: restrict, caseSensitive: caseSensitive)[0]
    }
}
