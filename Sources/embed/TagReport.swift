// Role: how tagger scores and predictions are shown: the conlleval script's report (processed tokens,
// phrases found and correct, accuracy, precision, recall and FB1 overall and per type), the scores as JSON
// (`precision`, `recall`, `f1` 0..1, `per_type`, `tokens`, `accuracy`...), and tagged sentences with their
// entities grouped by type.
import EmbedKit
import Foundation

enum TagReport {
    /// conlleval's report, figures in percent.
    static func conlleval(_ s: TaggingScores) -> String {
        var out = String(format: "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
                         s.tokens, s.overall.gold, s.overall.predicted, s.overall.correct)
        out += String(format: "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                      100 * s.accuracy, 100 * s.precision, 100 * s.recall, 100 * s.f1)
        for type in s.types {
            let c = s.perType[type]!
            let name = String(repeating: " ", count: max(0, 17 - type.count)) + type
            out += String(format: "%@: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
                          name, 100 * c.precision, 100 * c.recall, 100 * c.f1, c.predicted)
        }
        return out
    }

    /// One evaluation as a JSON object.
    static func json(_ s: TaggingScores) -> [String: Any] {
        func counts(_ c: EntityCounts) -> [String: Any] {
            ["precision": c.precision, "recall": c.recall, "f1": c.f1, "gold": c.gold, "predicted": c.predicted,
             "correct": c.correct]
        }
        var object = counts(s.overall)
        object["per_type"] = Dictionary(uniqueKeysWithValues: s.perType.map { ($0.key, counts($0.value)) })
        object["tokens"] = s.tokens
        object["correct_tokens"] = s.correctTokens
        object["accuracy"] = s.accuracy
        object["sentences"] = s.sentences
        return object
    }

    static func jsonText(_ object: [String: Any]) -> String { ClassifyReport.jsonText(object) }

    /// `arrival_time` -> `arrival time`.
    static func display(_ type: String) -> String { type.replacingOccurrences(of: "_", with: " ") }

    /// The entities of a prediction grouped by type, types in order of first appearance.
    static func grouped(_ p: TaggedPrediction) -> [(type: String, texts: [String])] {
        var order: [String] = [], texts: [String: [String]] = [:]
        for span in p.spans {
            if texts[span.type] == nil { order.append(span.type) }
            texts[span.type, default: []].append(p.text(of: span))
        }
        return order.map { ($0, texts[$0]!) }
    }

    /// `token/TAG ...` then one `  type: text, text` line per entity type.
    static func text(_ p: TaggedPrediction) -> String {
        var out = zip(p.tokens, p.tags).map { "\($0)/\($1.text)" }.joined(separator: " ") + "\n"
        for (type, texts) in grouped(p) { out += "  \(display(type)): \(texts.joined(separator: ", "))\n" }
        return out
    }

    /// One prediction as a JSON object: sentence, tokens, tags, entities (type, text, start, end) and slots.
    static func json(_ p: TaggedPrediction, sentence: String) -> [String: Any] {
        [
            "sentence": sentence, "tokens": p.tokens, "tags": p.tags.map(\.text),
            "entities": p.spans.map { ["type": $0.type, "text": p.text(of: $0), "start": $0.start, "end": $0.end] as [String: Any] },
            "slots": Dictionary(uniqueKeysWithValues: grouped(p).map { ($0.type, $0.texts) }),
        ]
    }
}
