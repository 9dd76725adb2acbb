// Role: the `.embedclf` model file in the library's checkpoint container (kind `classifier`): one
// self-contained file holding the settings and label map (JSON; files from before the sentence encoders
// load as lstm-last models), the words, the weights and the embedding
// table, sealed by the container's checksum, so a truncated, damaged or inconsistent file is refused.
import EmbedCore
import EmbedStreams
import Foundation

/// The JSON header of a classifier model.
struct ModelHeader: Codable {
    var shape: NetworkShape
    var training: ClassifierSettings
    var labels: LabelSet
    var tokenizer: TokenizerSettings
    var vectors: VectorSource
    var parameterCount: Int
    var words: Int
    var record: TrainingRecord?
}

/// The encoder field alone, read first so a damaged name gets its own message.
private struct EncoderProbe: Decodable {
    struct Shape: Decodable { var encoder: String? }
    var shape: Shape
}

enum ModelFile {
    static let kind = "classifier"
    static let version = 2
    /// Longest padded sentence a model may ask for (a damaged header must not make predict allocate).
    static let maxPadLength = 1 << 20
}

extension SentenceClassifier {
    /// Writes the model to `path` (temporary file renamed into place).
    public func save(path: String) throws {
        let header = ModelHeader(shape: shape, training: training, labels: labels, tokenizer: words.settings,
                                 vectors: vectors, parameterCount: network.parameterCount, words: words.words.count,
                                 record: record)
        let writer = try CheckpointWriter(path: path, kind: ModelFile.kind, version: ModelFile.version,
                                          settings: header, sections: 3)
        try writer.section("words", lines: words.words)
        try writer.section("parameters", UnsafeRawBufferPointer(network.parameters))
        let table = network.embedding
        try writer.section("embedding", UnsafeRawBufferPointer(start: table.values, count: table.rows * table.dimension * 4))
        try writer.commit()
    }

    /// Reads a model written by `save`. A file that is not a model, truncated, damaged (checksum), inconsistent
    /// (sizes, shape) or holding NaN weights is an InputError naming the file; the shape is checked against
    /// the sizes stored before anything is allocated.
    public static func load(path: String) throws -> SentenceClassifier {
        let reader = try CheckpointReader(path: path, kind: ModelFile.kind, versions: ModelFile.version...ModelFile.version,
                                          what: "classifier model (.embedclf)")
        if let name = try reader.decodeSettings(EncoderProbe.self).shape.encoder, SentenceEncoderKind(rawValue: name) == nil {
            throw reader.corrupt("unknown sentence encoder \"\(name)\" (known: \(SentenceEncoderKind.names))")
        }
        let header = try reader.decodeSettings(ModelHeader.self)
        let shape = header.shape
        let words = try reader.lines("words")
        guard words.count == header.words, header.labels.count == shape.classes, shape.embeddingDimension >= 1,
              (header.tokenizer.padLength ?? 1) >= 1, (header.tokenizer.padLength ?? 1) <= ModelFile.maxPadLength else {
            throw reader.corrupt("sizes disagree with the header")
        }
        do { try shape.validate() } catch { throw reader.corrupt("bad shape (\(error))") }
        // The stored sections fix the sizes: a shape asking for more than the file holds is refused here.
        guard Double(header.parameterCount) == shape.weightCount else { throw reader.corrupt("parameter count disagrees with the shape") }
        let parameters = try reader.floats("parameters", count: header.parameterCount)
        let rows = words.count + 2
        let (tableFloats, overflow) = rows.multipliedReportingOverflow(by: shape.embeddingDimension)
        guard !overflow else { throw reader.corrupt("bad embedding size") }
        let embedding = try reader.floats("embedding", count: tableFloats)
        let table = EmbeddingTable<Float>(rows: rows, dimension: shape.embeddingDimension)
        table.values.update(from: embedding.baseAddress!, count: embedding.count)
        let model: SentenceClassifier
        do {
            model = try SentenceClassifier(words: words, table: table, source: header.vectors.path, labels: header.labels,
                                           shape: shape, tokenizer: header.tokenizer, seed: header.training.seed)
        } catch { throw reader.corrupt("\(error)") }
        guard model.network.parameterCount == header.parameterCount else {
            throw reader.corrupt("parameter count disagrees with the shape")
        }
        _ = model.network.parameters.update(fromContentsOf: parameters)
        model.vectors = header.vectors
        model.training = header.training
        model.record = header.record
        return model
    }
}
