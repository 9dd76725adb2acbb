// Role: scores of predicted entities against gold ones as the CoNLL `conlleval` script counts them: an
// entity is correct only when its type and exact span match; precision, recall and F1 overall and per type;
// token accuracy over the tags as written in the file's scheme.

/// Gold, predicted and correct entity counts, and the figures made of them.
public struct EntityCounts: Equatable, Sendable, Codable {
    /// Entities in the gold tags.
    public var gold = 0
    /// Entities predicted.
    public var predicted = 0
    /// Predicted entities whose type and span match a gold one.
    public var correct = 0

    /// Zero counts.
    public init() {}
    /// The given counts.
    public init(gold: Int, predicted: Int, correct: Int) {
        self.gold = gold; self.predicted = predicted; self.correct = correct
    }

    /// correct / predicted (0 when nothing was predicted).
    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    /// correct / gold (0 when there is no gold entity).
    public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    /// The harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
}

/// Entity-level and token-level scores of a tagged set.
public struct TaggingScores: Equatable, Sendable {
    /// All entities.
    public var overall = EntityCounts()
    /// Per entity type (types found in the gold or the predictions).
    public var perType: [String: EntityCounts] = [:]
    /// Tokens scored, and those whose predicted tag equals the gold tag.
    public var tokens = 0
    /// Tokens whose predicted tag (in the file's scheme) equals the gold one.
    public var correctTokens = 0
    /// Sentences scored.
    public var sentences = 0

    /// Nothing counted yet.
    public init() {}

    /// Share of tokens tagged right.
    public var accuracy: Double { tokens == 0 ? 0 : Double(correctTokens) / Double(tokens) }
    /// Overall entity precision.
    public var precision: Double { overall.precision }
    /// Overall entity recall.
    public var recall: Double { overall.recall }
    /// Overall entity F1.
    public var f1: Double { overall.f1 }

    /// Counts one sentence: its gold and predicted tags as written in the file's scheme.
    public mutating func add(gold: [ChunkTag], predicted: [ChunkTag]) {
        precondition(gold.count == predicted.count)
        add(goldSpans: EntitySpans.spans(gold), predictedSpans: EntitySpans.spans(predicted))
        tokens += gold.count
        for (g, p) in zip(gold, predicted) where g == p { correctTokens += 1 }
    }

    /// Counts one sentence's entities (tokens are not counted).
    public mutating func add(goldSpans: [EntitySpan], predictedSpans: [EntitySpan]) {
        sentences += 1
        let goldSet = Set(goldSpans)
        for s in goldSpans { perType[s.type, default: EntityCounts()].gold += 1 }
        for s in predictedSpans {
            perType[s.type, default: EntityCounts()].predicted += 1
            if goldSet.contains(s) { perType[s.type, default: EntityCounts()].correct += 1; overall.correct += 1 }
        }
        overall.gold += goldSpans.count
        overall.predicted += predictedSpans.count
    }

    /// Entity types in sorted order.
    public var types: [String] { perType.keys.sorted() }
}
