// Role: the result of an analogy evaluation: correct / seen per section, semantic, syntactic and total,
// skipped questions, and each question's outcome; as a JSON object for `--json`.
import EmbedCore

public struct AnalogyScore: Equatable {
    public var correct = 0
    public var seen = 0
    public init(correct: Int = 0, seen: Int = 0) { self.correct = correct; self.seen = seen }
    /// correct / seen, 0 when nothing was seen (as gensim).
    public var accuracy: Double { seen > 0 ? Double(correct) / Double(seen) : 0 }

    static func + (x: AnalogyScore, y: AnalogyScore) -> AnalogyScore {
        AnalogyScore(correct: x.correct + y.correct, seen: x.seen + y.seen)
    }

    public var json: [String: Any] { ["correct": correct, "seen": seen, "accuracy": accuracy] }
}

public struct AnalogyReport {
    public enum Outcome: Equatable {
        /// A word was outside the searched rows.
        case skipped
        /// The answer given (nil when no candidate was left) and whether it was the expected word.
        case answered(String?, correct: Bool)
    }

    public struct SectionResult {
        public var name: String
        public var isSyntactic: Bool
        public var score: AnalogyScore
        public var skipped: Int
    }

    public var path: String
    public var method: AnalogyMethod
    public var restrict: Int
    public var caseSensitive: Bool
    public var sections: [SectionResult]
    /// One per question, in file order.
    public var outcomes: [Outcome]

    public var semantic: AnalogyScore { sections.filter { !$0.isSyntactic }.reduce(AnalogyScore()) { $0 + $1.score } }
    public var syntactic: AnalogyScore { sections.filter { $0.isSyntactic }.reduce(AnalogyScore()) { $0 + $1.score } }
    public var total: AnalogyScore { sections.reduce(AnalogyScore()) { $0 + $1.score } }
    public var skipped: Int { sections.reduce(0) { $0 + $1.skipped } }
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
