// Role: scores vectors on a word-similarity set as gensim's evaluate_word_pairs does: words looked up among
// the first `restrict` rows (upper-cased unless case-sensitive), pairs with an unknown word left out, then
// Spearman and Pearson between the human scores and the cosines, and the share of pairs left out.
import Embeddings
import Foundation

public struct SimilarityResult {
    public var path: String
    public var name: String
    /// Pairs whose two words were found (the correlations are over these).
    public var pairs: Int
    /// Pairs left out because a word was not found.
    public var oov: Int
    public var spearman: Double
    public var pearson: Double
    /// oov / (pairs + oov), in [0, 1].
    public var oovRatio: Double { pairs + oov > 0 ? Double(oov) / Double(pairs + oov) : 0 }
    /// Human score and cosine of each pair used, in file order.
    public var scored: [(human: Double, cosine: Double)]

    public var json: [String: Any] {
        ["file": path, "name": name, "pairs": pairs, "oov": oov, "oov_ratio": oovRatio,
         "spearman": spearman.isNaN ? NSNull() : spearman, "pearson": pearson.isNaN ? NSNull() : pearson]
    }
}

public enum WordSimilarity {
    /// gensim's default for evaluate_word_pairs.
    public static let defaultRestrict = 300_000

    public static func evaluate(_ embeddings: Embeddings, on set: WordPairSet,
                                restrict: Int? = defaultRestrict, caseSensitive: Bool = false) -> SimilarityResult {
        evaluate(embeddings, on: [set], restrict: restrict, caseSensitive: caseSensitive)[0]
    }

    /// Several sets with one lookup table.
    public static func evaluate(_ embeddings: Embeddings, on sets: [WordPairSet],
                                restrict: Int? = defaultRestrict, caseSensitive: Bool = false) -> [SimilarityResult] {
        let words = sets.flatMap { $0.pairs.flatMap { [$0.first, $0.second] } }
        let lookup = WordLookup(embeddings, restrict: restrict, caseSensitive: caseSensitive, only: words)
        return sets.map { evaluate(embeddings, on: $0, lookup: lookup) }
    }

    static func evaluate(_ embeddings: Embeddings, on set: WordPairSet, lookup: WordLookup) -> SimilarityResult {
        var scored: [(human: Double, cosine: Double)] = []
        var oov = 0
        for pair in set.pairs {
            guard let a = lookup.row(of: pair.first), let b = lookup.row(of: pair.second) else { oov += 1; continue }
            scored.append((pair.score, cosine(embeddings, a, b)))
        }
        let human = scored.map(\.human), model = scored.map(\.cosine)
        return SimilarityResult(path: set.path, name: set.name, pairs: scored.count, oov: oov,
                                spearman: Correlation.spearman(human, model),
                                pearson: Correlation.pearson(human, model), scored: scored)
    }

    /// Cosine of rows a and b in double precision (0 when either is a zero vector).
    static func cosine(_ e: Embeddings, _ a: Int, _ b: Int) -> Double {
        let d = e.dimension
        var ab = 0.0, aa = 0.0, bb = 0.0
        e.withMatrix { m in
            for i in 0..<d {
                let x = Double(m[a * d + i]), y = Double(m[b * d + i])
                ab += x * y; aa += x * x; bb += y * y
            }
        }
        return aa > 0 && bb > 0 ? ab / (aa.squareRoot() * bb.squareRoot()) : 0
    }
}
