// Role: the architecture hyperparameters of the sentence classifier (stored in the model file), and the
// sizes derived from them.

public struct NetworkShape: Codable, Equatable, Sendable {
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

    public init(embeddingDimension: Int, classes: Int) {
        self.embeddingDimension = embeddingDimension
        self.classes = classes
    }

    public var directions: Int { bidirectional ? 2 : 1 }
    /// Width of a layer's output row: hidden units times directions.
    public var layerOutputSize: Int { hidden * directions }
    /// Width of layer l's input row.
    public func inputSize(layer l: Int) -> Int { l == 0 ? embeddingDimension : layerOutputSize }

    /// Checks the sizes; the message names the offending setting.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw ClassifierError.invalidShape(message) } }
        try check(layers >= 1, "layers must be at least 1")
        try check(hidden >= 1, "hidden must be at least 1")
        try check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)")
        try check(embeddingDimension >= 1, "embedding dimension must be at least 1")
        try check(classes >= 2, "at least two classes are needed")
    }
}

public enum ClassifierError: Error, CustomStringConvertible, Equatable {
    case invalidShape(String)
    public var description: String {
        switch self { case .invalidShape(let m): return m }
    }
}
