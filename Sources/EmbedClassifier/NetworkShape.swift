// Role: the architecture hyperparameters of the sentence classifier (stored in the model file; files from
// before the encoders read as lstm-last), and the sizes derived from them.
import EmbedCore

/// The architecture of the sentence classifier (stored in the model file): sentence encoder, recurrent cell,
/// layers, hidden units, directions, dropout, embedding training, input dimension and classes.
public struct NetworkShape: Codable, Equatable, Sendable {
    /// How a sentence becomes the feature row the softmax reads (the lecture's last LSTM state by default).
    public var encoder: SentenceEncoderKind = .lstmLast
    /// Convolution filters per width of the `cnn` encoder.
    public var filters = 100
    /// Recurrent cell of every layer.
    public var cell: CellKind = .lstm
    /// Stacked recurrent layers; all but the last return every step, the last only its final state.
    public var layers = 2
    /// Units per direction of each layer.
    public var hidden = 128
    /// Runs a second, backwards copy of each layer and concatenates both directions.
    public var bidirectional = false
    /// Inverted-dropout rate after each recurrent layer (training only).
    public var dropout = 0.5
    /// Fine-tunes the embedding rows (lazy Adam on the rows a batch uses) instead of keeping them frozen.
    public var trainEmbeddings = false
    /// Vector length of the embedding.
    public var embeddingDimension: Int
    /// Number of output classes.
    public var classes: Int

    /// The default architecture (two LSTM layers of 128 units, dropout 0.5, frozen embedding) for vectors of
    /// `embeddingDimension` values and `classes` classes.
    public init(embeddingDimension: Int, classes: Int) {
        self.embeddingDimension = embeddingDimension
        self.classes = classes
    }

    enum CodingKeys: String, CodingKey {
        case encoder, filters, cell, layers, hidden, bidirectional, dropout, trainEmbeddings, embeddingDimension, classes
    }

    /// Reads a stored shape; model files written before the encoders existed have no `encoder` and `filters`
    /// (they are `lstm-last` models). Throws `DecodingError` for missing or mistyped fields.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        encoder = try c.decodeIfPresent(SentenceEncoderKind.self, forKey: .encoder) ?? .lstmLast
        filters = try c.decodeIfPresent(Int.self, forKey: .filters) ?? 100
        cell = try c.decode(CellKind.self, forKey: .cell)
        layers = try c.decode(Int.self, forKey: .layers)
        hidden = try c.decode(Int.self, forKey: .hidden)
        bidirectional = try c.decode(Bool.self, forKey: .bidirectional)
        dropout = try c.decode(Double.self, forKey: .dropout)
        trainEmbeddings = try c.decode(Bool.self, forKey: .trainEmbeddings)
        embeddingDimension = try c.decode(Int.self, forKey: .embeddingDimension)
        classes = try c.decode(Int.self, forKey: .classes)
    }

    /// Directions per layer: 2 when bidirectional (always for the pooled BiLSTM encoders), else 1.
    public var directions: Int { bidirectional || encoder.pools ? 2 : 1 }
    /// Whether the encoder runs the recurrent layers.
    public var isRecurrent: Bool { encoder.isRecurrent }
    /// Width of the feature row the dense layer reads: the recurrent output, the vector, or filters per width.
    public var featureSize: Int {
        switch encoder {
        case .lstmLast, .bilstmMax, .bilstmMean: layerOutputSize
        case .mean: embeddingDimension
        case .cnn: filters * SentenceEncoderKind.convolutionWidths.count
        }
    }
    /// Width of a layer's output row: hidden units times directions.
    public var layerOutputSize: Int { hidden * directions }
    /// Width of layer l's input row.
    public func inputSize(layer l: Int) -> Int { l == 0 ? embeddingDimension : layerOutputSize }

    /// Weights of the recurrent layers and the dense layer (without the embedding), in Double (no overflow).
    public var weightCount: Double {
        var n = 0.0
        if encoder == .cnn {
            for w in SentenceEncoderKind.convolutionWidths {
                n += Double(filters) * (Double(w) * Double(embeddingDimension) + 1)
            }
        }
        for l in 0..<(isRecurrent ? layers : 0) {
            // Four gates (one for a vanilla RNN) from [a_prev, x] plus biases, per direction.
            let gates = cell == .lstm ? 4.0 : 1.0
            n += Double(directions) * gates * Double(hidden) * Double(hidden + inputSize(layer: l) + 1)
        }
        return n + Double(featureSize + 1) * Double(classes)
    }

    /// Checks the sizes (SettingError naming the setting), and that weights, gradients, Adam's two moments and
    /// a snapshot fit in memory. Throws that `SettingError`.
    public func validate() throws {
        if layers < 1 { throw SettingError("layers", "must be at least 1") }
        if hidden < 1 { throw SettingError("hidden", "must be at least 1") }
        if !(dropout >= 0 && dropout < 1) { throw SettingError("dropout", "must be in [0, 1)") }
        if embeddingDimension < 1 { throw SettingError("embeddingDimension", "must be at least 1") }
        if filters < 1 { throw SettingError("filters", "must be at least 1") }
        if classes < 2 { throw SettingError("classes", "must be at least 2 (found \(classes))") }
        try MemoryCheck.require(weightCount * 4 * 5, setting: "hidden", value: hidden,
                                for: "for \(layers) layer(s) of \(directions * hidden) units")
    }
}
