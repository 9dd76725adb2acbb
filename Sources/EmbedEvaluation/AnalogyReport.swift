// Role: the result of an analogy evaluation: correct / seen per section, semantic, syntactic and total,
// skipped questions, and each question's outcome; as a JSON object for `--json`.
import EmbedCore

/// Correct answers among the questions answered, for one section or a group of sections.
public struct AnalogyScore: Equatable {
    /// Questions answered with the expected word.
    public var correct = 0
    /// Questions answered (every word known; skipped ones are not counted).
    public var seen = 0
    /// A score of `correct` right answers out of `seen`.
    public init(correct: Int = 0, seen: Int = 0) { self.correct = correct; self.seen = seen }
    /// correct / seen, 0 when nothing was seen (as gensim).
    public var accuracy: Double { seen > 0 ? Double(correct) / Double(seen) : 0 }

    static func + (x: AnalogyScore, y: AnalogyScore) -> AnalogyScore {
        AnalogyScore(correct: x.correct + y.correct, seen: x.seen + y.seen)
    }

    /// The score as a JSON object: `correct`, `seen`, `accuracy`.
    public var json: [String: Any] { ["correct": correct, "seen": seen, "accuracy": accuracy] }
}

/// The result of an analogy evaluation: the score per section, semantic, syntactic and total, the questions
/// skipped and each question's outcome.
public struct AnalogyReport {
    /// What became of one question.
    public enum Outcome: Equatable {
        /// A word was outside the searched rows.
        case skipped
        /// The answer given (nil when no candidate was left) and whether it was the expected word.
        case answered(String?, correct: Bool)
    }

    /// The score of one `: section` of the set.
    public struct SectionResult {
        /// The section's name, as in its `: name` line.
        public var name: String
        /// True for the Google set's syntactic sections (names starting with "gram").
        public var isSyntactic: Bool
        /// Correct answers out of the questions answered in the section.
        public var score: AnalogyScore
        /// Questions of the section skipped because a word was unknown.
        public var skipped: Int
    }

    /// The analogy file evaluated.
    public var path: String
    /// The scoring rule used: 3CosAdd or 3CosMul.
    public var method: AnalogyMethod
    /// The number of rows actually searched: the first `restrict` words, or all when there are fewer.
    public var restrict: Int
    /// True when words were matched exactly; false when case-folded (gensim's default).
    public var caseSensitive: Bool
    /// The result of each section, in file order.
    public var sections: [SectionResult]
    /// One per question, in file order.
    public var outcomes: [Outcome]

    /// The score over the semantic sections.
    public var semantic: AnalogyScore { sections.filter { !$0.isSyntactic }.reduce(AnalogyScore()) { $0 + $1.score } }
    /// The score over the syntactic (`gram...`) sections.
    public var syntactic: AnalogyScore { sections.filter { $0.isSyntactic }.reduce(AnalogyScore()) { $0 + $1.score } }
    /// The score over every section.
    public var total: AnalogyScore { sections.reduce(AnalogyScore()) { $0 + $1.score } }
    /// Questions skipped because a word was outside the searched rows.
    public var skipped: Int { sections.reduce(0) { $0 + $1.skipped } }
    /// The number of questions in the set (answered or skipped).
    public var questions: Int { outcomes.count }

    /// The `--json` object: total, semantic, syntactic, sections, skipped, restrict, method (+ questions, file,
    /// case_sensitive).
    public var json: [String: Any] {
        [
            "total": total.json, "semantic": semantic.json, "syntactic": syntactic.json,
            "sections": sections.map { ["name": $0.name, "correct": $0.score.correct, "seen": $0.score.seen,
                                        "accuracy": $0.score.accuracy] as [String: Any] },
            "skipped": skipped, "restrict": restrict, "method": method.rawValue,
            "questions": questions, "file": path, "case_sensitive": caseSensitive,
        ]
    }
}
