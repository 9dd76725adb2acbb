// Role: evaluates vectors on an analogy set as gensim's evaluate_word_analogies does: words looked up among
// the first `restrict` rows (upper-cased unless case-sensitive), questions with an unknown word skipped,
// input words excluded, and the answer picked from the best candidates with gensim's rules.
import EmbedCore
import EmbedVectors
import EmbedStreams

/// How an analogy set is evaluated: the rows searched, the scoring method and case sensitivity.
public struct AnalogyOptions {
    /// Only the first `restrict` rows (file order, most frequent first) are looked up and proposed.
    public var restrict: Int
    /// The scoring rule: 3CosAdd (the default, as gensim) or 3CosMul.
    public var method: AnalogyMethod
    /// True to match words exactly; false (the default) compares upper-cased forms, as gensim does.
    public var caseSensitive: Bool

    /// Options searching the first `restrict` rows (30,000, gensim's default) with `method`, case-folded unless
    /// `caseSensitive`.
    public init(restrict: Int = 30000, method: AnalogyMethod = .add, caseSensitive: Bool = false) {
        self.restrict = restrict
        self.method = method
        self.caseSensitive = caseSensitive
    }
}

/// The analogy evaluation, following gensim's evaluate_word_analogies.
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

        // Resolve every question; the ones with a word outside the lookup are skipped.
        struct Pending { var question: Int; var section: Int; var keys: [String] }
        var pending: [Pending] = []
        var rows: [AnalogyRows] = []
        var outcomes = [AnalogyReport.Outcome](repeating: .skipped, count: set.questionCount)
        var sections = set.sections.map {
            AnalogyReport.SectionResult(name: $0.name, isSyntactic: $0.isSyntactic, score: AnalogyScore(), skipped: 0)
        }
        var index = 0
        for (s, section) in set.sections.enumerated() {
            for q in section.questions {
                let keys = [q.a, q.b, q.c, q.d].map(lookup.key)
                let found = keys.map { lookup.row(forKey: $0) }
                if let a = found[0], let b = found[1], let c = found[2], found[3] != nil {
                    pending.append(Pending(question: index, section: s, keys: keys))
                    rows.append(AnalogyRows(a: a, b: b, c: c))
                } else {
                    sections[s].skipped += 1
                }
                index += 1
            }
        }

        let solver = AnalogySolver(embeddings, rows: lookup.rows)
        let candidates = solver.candidates(rows, method: options.method, k: candidatesKept, observer: observer)
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
            outcomes[p.question] = .answered(word, correct: correct)
            sections[p.section].score.seen += 1
            if correct { sections[p.section].score.correct += 1 }
        }
        return AnalogyReport(path: set.path, method: options.method, restrict: lookup.rows,
                             caseSensitive: options.caseSensitive, sections: sections, outcomes: outcomes)
    }
}

extension WordVectors {
    /// Scores an analogy set as gensim's evaluate_word_analogies does (3CosAdd or 3CosMul, the first
    /// `options.restrict` rows, case folded unless case-sensitive, questions with an unknown word skipped).
    public func analogies(_ set: AnalogySet, options: AnalogyOptions = AnalogyOptions(),
                          observer: WorkObserver = SilentObserver.shared) -> AnalogyReport {
        Analogies.evaluate(self, on: set, options: options, observer: observer)
    }
}
