// Role: the names of the sentence encoders the classifier offers (how a sentence becomes the feature row of
// the softmax) and what each one needs.

/// How the sentence classifier turns a sentence into the feature row its softmax reads.
public enum SentenceEncoderKind: String, Codable, CaseIterable, Sendable {
    /// The recurrent layers' state at the last word (the lecture's model).
    case lstmLast = "lstm-last"
    /// Unit-wise maximum of the last bidirectional layer's states over the words (InferSent).
    case bilstmMax = "bilstm-max"
    /// Mean of the last bidirectional layer's states over the words.
    case bilstmMean = "bilstm-mean"
    /// Plain average of the word vectors (the lab's baseline: the softmax sees the average).
    case mean
    /// Kim's convolutions (widths 3, 4, 5), ReLU, max over time.
    case cnn

    /// Filter widths of the `cnn` encoder (Kim 2014).
    public static let convolutionWidths = [3, 4, 5]

    /// Whether the encoder runs the recurrent layers.
    public var isRecurrent: Bool { self == .lstmLast || self == .bilstmMax || self == .bilstmMean }
    /// Whether it pools over the states of a bidirectional layer (which it then always has).
    public var pools: Bool { self == .bilstmMax || self == .bilstmMean }
    /// The names, comma-separated, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
