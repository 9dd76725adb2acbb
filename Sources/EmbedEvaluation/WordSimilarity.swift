// Role: scores vectors on a word-similarity set as gensim's evaluate_word_pairs does: words looked up among
// the first `restrict` rows (upper-cased unless case-sensitive), pairs with an unknown word left out, then
// Spearman and Pearson between the human scores and the cosines, and the share of pairs left out. With a
// fastText model and `oovSubwords`, the pairs left out are also scored through the model's vectors for
// their words (n-grams), as a second set of figures.
import EmbedCore
import EmbedVectors
import Foundation

/// The figures of one word-pair set.
public struct SimilarityResult {
    /// The figures with the words outside the rows given their fastText model's vectors (`--oov subwords`).
    public struct SubwordScores {
        /// Pairs scored (both words in the rows or given a vector by the model).
        public var pairs: Int
        /// Pairs still left out (a word the model gives no vector either).
        public var oov: Int
        /// Pairs among `pairs` with a word scored through the model.
        public var subwordPairs: Int
        /// Spearman's rho over `pairs`.
        public var spearman: Double
        /// Pearson's r over `pairs`.
        public var pearson: Double
        /// oov / (pairs + oov).
        public var oovRatio: Double { pairs + oov > 0 ? Double(oov) / Double(pairs + oov) : 0 }

        /// pairs, oov, oov_ratio, subword_pairs, spearman, pearson (null when undefined).
        public var json: [String: Any] {
            ["pairs": pairs, "oov": oov, "oov_ratio": oovRatio, "subword_pairs": subwordPairs,
             "spearman": spearman.isNaN ? NSNull() : spearman, "pearson": pearson.isNaN ? NSNull() : pearson]
        }
    }

    /// The set's file.
    public var path: String
    /// The file's name, for tables.
    public var name: String
    /// Pairs whose two words were found (the correlations are over these).
    public var pairs: Int
    /// Pairs left out because a word was not found.
    public var oov: Int
    /// Spearman's rho over the pairs used.
    public var spearman: Double
    /// Pearson's r over the pairs used.
    public var pearson: Double
    /// oov / (pairs + oov), in [0, 1].
    public var oovRatio: Double { pairs + oov > 0 ? Double(oov) / Double(pairs + oov) : 0 }
    /// Human score and cosine of each pair used, in file order.
    public var scored: [(human: Double, cosine: Double)]
    /// With `oovSubwords` and vectors from a fastText model: the figures with n-gram vectors for the words
    /// outside the rows.
    public var oovSubwords: SubwordScores?

    /// file, name, pairs, oov, oov_ratio, spearman, pearson (+ oov_subwords when scored through n-grams).
    public var json: [String: Any] {
        var object: [String: Any] = [
            "file": path, "name": name, "pairs": pairs, "oov": oov, "oov_ratio": oovRatio,
            "spearman": spearman.isNaN ? NSNull() : spearman, "pearson": pearson.isNaN ? NSNull() : pearson,
        ]
        if let oovSubwords { object["oov_subwords"] = oovSubwords.json }
        return object
    }
}

/// The evaluation itself (see the file's Role).
public enum WordSimilarity {
    /// gensim's default for evaluate_word_pairs.
    public static let defaultRestrict = 300_000

    /// Several sets with one lookup table.
    static func evaluate(_ embeddings: WordVectors, on sets: [WordPairSet], restrict: Int?,
                         caseSensitive: Bool, oovSubwords: Bool) -> [SimilarityResult] {
        let words = sets.flatMap { $0.pairs.flatMap { [$0.first, $0.second] } }
        let lookup = WordLookup(embeddings, restrict: restrict, caseSensitive: caseSensitive, only: words)
        let model = oovSubwords ? embeddings.subwords : nil
        var cache: [String: [Float]?] = [:]
        return sets.map { set in
            var result = evaluate(embeddings, on: set, lookup: lookup)
            if let model {
                result.oovSubwords = evaluate(embeddings, on: set, lookup: lookup) { word in
                    if let known = cache[word] { return known }
                    let v = model.meanOfRows(for: word)
                    cache[word] = v
                    return v
                }
            }
            return result
        }
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

    /// The set scored with `outside(word)` giving the vector of a word outside the rows (nil: none).
    static func evaluate(_ embeddings: WordVectors, on set: WordPairSet, lookup: WordLookup,
                         outside: (String) -> [Float]?) -> SimilarityResult.SubwordScores {
        var human: [Double] = [], cosines: [Double] = []
        var oov = 0, subwordPairs = 0
        for pair in set.pairs {
            let a = lookup.row(of: pair.first), b = lookup.row(of: pair.second)
            if let a, let b {
                human.append(pair.score); cosines.append(embeddings.cosine(rows: a, b))
                continue
            }
            guard let x = a.map(embeddings.vector(at:)) ?? outside(pair.first),
                  let y = b.map(embeddings.vector(at:)) ?? outside(pair.second) else { oov += 1; continue }
            human.append(pair.score); cosines.append(WordVectors.cosine(x, y))
            subwordPairs += 1
        }
        return SimilarityResult.SubwordScores(pairs: human.count, oov: oov, subwordPairs: subwordPairs,
                                              spearman: Correlation.spearman(human, cosines),
                                              pearson: Correlation.pearson(human, cosines))
    }
}

extension WordVectors {
    /// Scores word-pair sets as gensim's evaluate_word_pairs does: words looked up among the first `restrict`
    /// rows (folded unless case-sensitive), pairs with an unknown word left out, Spearman and Pearson between
    /// human scores and cosines.
    /// With `oovSubwords` and vectors from a fastText model, each result also has `oovSubwords`: the pairs left
    /// out scored with the model's vectors for their words as written.
    public func wordPairs(_ sets: [WordPairSet], restrict: Int? = WordSimilarity.defaultRestrict,
                          caseSensitive: Bool = false, oovSubwords: Bool = false) -> [SimilarityResult] {
        WordSimilarity.evaluate(self, on: sets, restrict: restrict, caseSensitive: caseSensitive, oovSubwords: oovSubwords)
    }

    /// One word-pair set (see `wordPairs(_:restrict:caseSensitive:oovSubwords:)`).
    public func wordPairs(_ set: WordPairSet, restrict: Int? = WordSimilarity.defaultRestrict,
                          caseSensitive: Bool = false, oovSubwords: Bool = false) -> SimilarityResult {
        wordPairs([set], restrict: restrict, caseSensitive: caseSensitive, oovSubwords: oovSubwords)[0]
    }
}
