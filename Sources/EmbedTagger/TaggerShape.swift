// Role: the architecture of the sequence tagger (stored in the model file) and the sizes derived from it:
// per-token input = frozen word vector + casing embedding + character BiLSTM states, a BiLSTM stack, a dense
// layer of tag scores, then a linear-chain CRF or a per-token softmax. Validation and the memory check.
import EmbedClassifier
import EmbedCore

/// The tagger's hyper-parameters; `wordDimension`, `tags` and `characters` come from the data.
public struct TaggerShape: Codable, Equatable, Sendable {
    /// Recurrent cell of the word-level layers.
    public var cell: CellKind = .lstm
    /// Stacked bidirectional word-level layers.
    public var layers = 1
    /// Units per direction of each word-level layer.
    public var hidden = 100
    /// Inverted-dropout rate on the token inputs, between layers and before the tag scores (training only).
    public var dropout = 0.5
    /// Runs the character encoder (a BiLSTM over each token's characters).
    public var useCharacters = true
    /// Width of a character embedding.
    public var characterDimension = 25
    /// Units per direction of the character BiLSTM.
    public var characterHidden = 25
    /// Width of the casing embedding (0: no casing feature).
    public var casingDimension = 8
    /// Scores whole tag sequences with a linear-chain CRF (transition scores, forward algorithm, Viterbi);
    /// false: a softmax per token (decoded with the same constraints).
    public var crf = true
    /// How entities are written as classes.
    public var encoding: TagEncoding = .iobes
    /// Width of the word vectors.
    public var wordDimension: Int
    /// Output classes (the tag set's count).
    public var tags: Int
    /// Rows of the character table (unknown + alphabet).
    public var characters: Int

    /// The default architecture over word vectors of `wordDimension`, `tags` classes and `characters` rows.
    public init(wordDimension: Int, tags: Int, characters: Int) {
        self.wordDimension = wordDimension
        self.tags = tags
        self.characters = characters
    }

    /// Width of the character features of a token (both directions).
    public var characterFeatures: Int { useCharacters ? 2 * characterHidden : 0 }
    /// Width of a token's input row: word vector, casing embedding, character features.
    public var inputSize: Int { wordDimension + casingDimension + characterFeatures }
    /// Width of the word-level layers' output row.
    public var outputSize: Int { 2 * hidden }

    /// Trainable weights (everything but the frozen word vectors), in Double (no overflow).
    public var weightCount: Double {
        let gates = cell == .lstm ? 4.0 : 1.0
        var n = 0.0
        if useCharacters {
            n += Double(characters) * Double(characterDimension)
            n += 2 * 4 * Double(characterHidden) * Double(characterHidden + characterDimension + 1)
        }
        n += Double(Casing.allCases.count) * Double(casingDimension)
        for l in 0..<layers {
            let input = l == 0 ? Double(inputSize) : Double(outputSize)
            n += 2 * gates * Double(hidden) * (Double(hidden) + input + 1)
        }
        n += Double(tags) * (Double(outputSize) + 1)
        if crf { n += Double(tags) * Double(tags + 2) }
        return n
    }

    /// Checks the sizes (SettingError naming the setting), and that weights, gradients, Adam's two moments and
    /// a snapshot fit in memory.
    public func validate() throws {
        if layers < 1 { throw SettingError("layers", "must be at least 1") }
        if hidden < 1 { throw SettingError("hidden", "must be at least 1") }
        if !(dropout >= 0 && dropout < 1) { throw SettingError("dropout", "must be in [0, 1)") }
        if useCharacters && characterDimension < 1 { throw SettingError("characterDimension", "must be at least 1") }
        if useCharacters && characterHidden < 1 { throw SettingError("characterHidden", "must be at least 1") }
        if casingDimension < 0 { throw SettingError("casingDimension", "must be 0 (off) or positive") }
        if wordDimension < 1 { throw SettingError("wordDimension", "must be at least 1") }
        if tags < 2 { throw SettingError("tags", "must be at least 2 (found \(tags)): the training set has no entities") }
        if characters < 1 { throw SettingError("characters", "must be at least 1") }
        try MemoryCheck.require(weightCount * 4 * 5, setting: "hidden", value: hidden,
                                for: "for \(layers) layer(s) of 2 x \(hidden) units over \(inputSize) inputs")
    }
}
