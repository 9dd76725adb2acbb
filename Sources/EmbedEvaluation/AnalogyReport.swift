// Role: the result of an analogy evaluation: correct / seen per section, semantic, syntactic and total,
// skipped questions, and each question's outcome, with and without words scored through a fastText model's
// n-grams; as a JSON object for `--json`.
import EmbedCore

/// Questions answered correctly of those seen.
public struct AnalogyScore: Equatable {
    /// Correct answers.
    public var correct = 0
    /// Questions answered.
    public var seen = 0
    /// `correct` of `seen`.
    public init(correct: Int = 0, seen: Int = 0) { self.correct = correct; self.seen = seen }
    /// correct / seen, 0 when nothing was seen (as gensim).
    public var accuracy: Double { seen > 0 ? Double(correct) / Double(seen) : 0 }

    static func + (x: AnalogyScore, y: AnalogyScore) -> AnalogyScore {
        AnalogyScore(correct: x.correct + y.correct, seen: x.seen + y.seen)
    }

    /// correct, seen, accuracy.
    public var json: [String: Any] { ["correct": correct, "seen": seen, "accuracy": accuracy] }
}

/// Per-section scores, and the sums every report gives of them.
public protocol AnalogyTallies {
    /// One result per section of the set, in file order.
    var sections: [AnalogyReport.SectionResult] { get }
}

extension AnalogyTallies {
    /// Sections whose name does not start with `gram`.
    public var semantic: AnalogyScore { sections.filter { !$0.isSyntactic }.reduce(AnalogyScore()) { $0 + $1.score } }
    /// Sections whose name starts with `gram`.
    public var syntactic: AnalogyScore { sections.filter { $0.isSyntactic }.reduce(AnalogyScore()) { $0 + $1.score } }
    /// All sections.
    public var total: AnalogyScore { sections.reduce(AnalogyScore()) { $0 + $1.score } }
    /// Questions skipped in all sections.
    public var skipped: Int { sections.reduce(0) { $0 + $1.skipped } }

    /// The scores' part of the `--json` object: total, semantic, syntactic, sections, skipped.
    var scoresJSON: [String: Any] {
        [
            "total": total.json, "semantic": semantic.json, "syntactic": syntactic.json,
            "sections": sections.map { ["name": $0.name, "correct": $0.score.correct, "seen": $0.score.seen,
                                        "accuracy": $0.score.accuracy] as [String: Any] },
            "skipped": skipped,
        ]
    }
}

/// The same questions scored with the words outside the rows (a, b, c) given their vectors by the fastText
/// model the vectors came from (`--oov subwords`). Questions whose expected answer is outside the rows stay
/// skipped: no candidate can be it.
public struct AnalogySubwordScores: AnalogyTallies {
    /// One result per section.
    public var sections: [AnalogyReport.SectionResult]
    /// One per question, in file order.
    public var outcomes: [AnalogyReport.Outcome]
    /// Distinct question words that were outside the rows and got a vector from the model.
    public var subwordWords: Int

    /// total, semantic, syntactic, sections, skipped, subword_words.
    public var json: [String: Any] {
        var object = scoresJSON
        object["subword_words"] = subwordWords
        return object
    }
}

/// What an analogy evaluation found.
public struct AnalogyReport: AnalogyTallies {
    /// What became of one question.
    public enum Outcome: Equatable {
        /// A word was outside the searched rows.
        case skipped
        /// The answer given (nil when no candidate was left) and whether it was the expected word.
        case answered(String?, correct: Bool)
    }

    /// The figures of one section.
    public struct SectionResult {
        /// The section's name (`capital-common-countries`, `gram1-adjective-to-adverb`).
        public var name: String
        /// True for the `gram` sections.
        public var isSyntactic: Bool
        /// Its questions answered.
        public var score: AnalogyScore
        /// Its questions skipped (a word outside the rows).
        public var skipped: Int
    }

    /// The questions file.
    public var path: String
    /// 3CosAdd or 3CosMul.
    public var method: AnalogyMethod
    /// Rows searched (the restriction, or fewer when the vectors have fewer).
    public var restrict: Int
    /// Whether words were compared as written.
    public var caseSensitive: Bool
    /// One result per section, in file order.
    public var sections: [SectionResult]
    /// One per question, in file order.
    public var outcomes: [Outcome]

    /// With `AnalogyOptions.oovSubwords` and vectors from a fastText model: the scores with the words outside
    /// the rows scored through the model (the figures above leave those questions out).
    public var oovSubwords: AnalogySubwordScores?
    /// Questions in the set.
    public var questions: Int { outcomes.count }

    /// The `--json` object: total, semantic, syntactic, sections, skipped, restrict, method (+ questions, file,
    /// case_sensitive, and oov_subwords when scored through a model's n-grams).
    public var json: [String: Any] {
        var object = scoresJSON
        object.merge(["restrict": restrict, "method": method.rawValue, "questions": questions, "file": path,
                      "case_sensitive": caseSensitive]) { a, _ in a }
        if let oovSubwords { object["oov_subwords"] = oovSubwords.json }
        return object
    }
}
