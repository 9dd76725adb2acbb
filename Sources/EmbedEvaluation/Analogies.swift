// Role: evaluates vectors on an analogy set as gensim's evaluate_word_analogies does: words looked up among
// the first `restrict` rows (upper-cased unless case-sensitive), questions with an unknown word skipped,
// input words excluded, and the answer picked from the best candidates with gensim's rules. With a fastText
// model and `oovSubwords`, the same run also scores the questions whose a, b or c is outside the rows,
// through the model's vectors for them (n-grams), and reports both figures.
import EmbedCore
import EmbedVectors
import EmbedStreams

/// How an analogy set is scored.
public struct AnalogyOptions {
    /// Only the first `restrict` rows (file order, most frequent first) are looked up and proposed.
    public var restrict: Int
    /// 3CosAdd or 3CosMul.
    public var method: AnalogyMethod
    /// Compare words as written instead of upper-cased.
    public var caseSensitive: Bool
    /// Also score questions whose a, b or c is outside the rows, with the vector the fastText model gives the
    /// word as written (vectors without a model: no effect). The report then has `oovSubwords`.
    public var oovSubwords: Bool

    /// Options with gensim's defaults (30,000 rows, 3CosAdd, case-insensitive), n-grams not used.
    public init(restrict: Int = 30000, method: AnalogyMethod = .add, caseSensitive: Bool = false, oovSubwords: Bool = false) {
        self.restrict = restrict
        self.method = method
        self.caseSensitive = caseSensitive
        self.oovSubwords = oovSubwords
    }
}

/// The evaluation itself (see the file's Role).
public enum Analogies {
    /// gensim asks most_similar for topn=5 answers (input rows removed) and takes the first whose folded form
    /// is not an input word; when all five are case variants of inputs, the fifth is its (wrong) answer.
    static let answersConsidered = 5
    /// Candidates kept per question: the five answers plus the three input rows they may hide behind.
    static let candidatesKept = answersConsidered + 3

    /// `observer` sees the share of candidate rows scanned (task `analogies`; the long part on a large vocabulary).
    static func evaluate(_ embeddings: WordVectors, on set: AnalogySet, options: AnalogyOptions,
                         observer: WorkObserver) -> AnalogyReport {
        let words = set.sections.flatMap { $0.questions.flatMap { [$0.a, $0.b, $0.c, $0.d] } }
        let lookup = WordLookup(embeddings, restrict: options.restrict, caseSensitive: options.caseSensitive, only: words)

        // Resolve every question; the ones with a word outside the lookup are skipped, unless the model gives
        // a, b and c vectors (extra solver inputs, rows n, n + 1, ...) and d is in the rows.
        let model = options.oovSubwords ? embeddings.subwords : nil
        struct Pending { var question: Int; var section: Int; var keys: [String]; var plain: Bool }
        var pending: [Pending] = []
        var rows: [AnalogyRows] = []
        var extra: [Float] = []
        var extraRow: [String: Int?] = [:]   // word -> its extra row (nil: the model has no vector for it)
        func subwordRow(_ word: String) -> Int? {
            if let known = extraRow[word] { return known }
            let row = model?.meanOfRows(for: word).map { v -> Int in
                extra.append(contentsOf: v)
                return lookup.rows + extra.count / embeddings.dimension - 1
            }
            extraRow[word] = row
            return row
        }
        var plainSections = set.sections.map {
            AnalogyReport.SectionResult(name: $0.name, isSyntactic: $0.isSyntactic, score: AnalogyScore(), skipped: 0)
        }
        var subwordSections = plainSections
        var index = 0
        for (s, section) in set.sections.enumerated() {
            for q in section.questions {
                let words = [q.a, q.b, q.c, q.d]
                let keys = words.map(lookup.key)
                var found = keys.map { lookup.row(forKey: $0) }
                let plain = !found.contains(nil)
                if !plain { plainSections[s].skipped += 1 }
                if model != nil && found[3] != nil {
                    for j in 0..<3 where found[j] == nil { found[j] = subwordRow(words[j]) }
                }
                if let a = found[0], let b = found[1], let c = found[2], found[3] != nil {
                    pending.append(Pending(question: index, section: s, keys: keys, plain: plain))
                    rows.append(AnalogyRows(a: a, b: b, c: c))
                } else {
                    subwordSections[s].skipped += 1
                }
                index += 1
            }
        }

        let solver = AnalogySolver(embeddings, rows: lookup.rows)
        let candidates = solver.candidates(rows, method: options.method, k: candidatesKept, extra: extra, observer: observer)
        var plainOutcomes = [AnalogyReport.Outcome](repeating: .skipped, count: set.questionCount)
        var subwordOutcomes = plainOutcomes
        for (i, p) in pending.enumerated() {
            let inputs = rows[i]
            let excludedKeys = p.keys[0..<3]
            var answer: Int? = nil
            var considered = 0
            for (row, _) in candidates[i] where row != inputs.a && row != inputs.b && row != inputs.c {
                answer = row
                considered += 1
                if !excludedKeys.contains(lookup.key(embeddings.words[row])) || considered == answersConsidered { break }
            }
            let word = answer.map { embeddings.words[$0] }
            let correct = word.map { lookup.key($0) == p.keys[3] } ?? false
            subwordOutcomes[p.question] = .answered(word, correct: correct)
            subwordSections[p.section].score.seen += 1
            if correct { subwordSections[p.section].score.correct += 1 }
            if p.plain {
                plainOutcomes[p.question] = .answered(word, correct: correct)
                plainSections[p.section].score.seen += 1
                if correct { plainSections[p.section].score.correct += 1 }
            }
        }
        let subwords = model.map { _ in
            AnalogySubwordScores(sections: subwordSections, outcomes: subwordOutcomes,
                                 subwordWords: extraRow.values.filter { $0 != nil }.count)
        }
        return AnalogyReport(path: set.path, method: options.method, restrict: lookup.rows,
                             caseSensitive: options.caseSensitive, sections: plainSections, outcomes: plainOutcomes,
                             oovSubwords: subwords)
    }
}

extension WordVectors {
    /// Scores an analogy set as gensim's evaluate_word_analogies does (3CosAdd or 3CosMul, the first
    /// `options.restrict` rows, case folded unless case-sensitive, questions with an unknown word skipped);
    /// with `options.oovSubwords` and a fastText model, also through the model's vectors for those words.
    public func analogies(_ set: AnalogySet, options: AnalogyOptions = AnalogyOptions(),
                          observer: WorkObserver = SilentObserver.shared) -> AnalogyReport {
        Analogies.evaluate(self, on: set, options: options, observer: observer)
    }
}
