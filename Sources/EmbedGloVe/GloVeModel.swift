// Role: a trained GloVe model as one file in the library's checkpoint container (kind `glove-model`): the
// vocabulary with counts, the settings, and every parameter (W, W~, biases, AdaGrad state), what
// `embed train glove --init` continues from; and the model grown by a new corpus's words.
import EmbedCore
import EmbedKernels
import EmbedStreams
import EmbedVocabulary

/// A trained GloVe model: its vocabulary (ids number the rows), settings and parameters.
public struct GloVeModel {
    /// The words the rows stand for, with their counts.
    public let vocabulary: Vocabulary
    /// The settings it was trained with (its dimension fixes the layout).
    public let settings: GloVeSettings
    /// W, W~, biases and AdaGrad accumulators.
    public let parameters: GloVeParameters

    struct Header: Codable {
        var settings: GloVeSettings
        var words: Int
        var unknownCount: Int64
        var stride: Int
    }
    static let kind = "glove-model"
    static let version = 1

    /// A model of `parameters` (one word and one context row per word of `vocabulary`).
    public init(vocabulary: Vocabulary, settings: GloVeSettings, parameters: GloVeParameters) {
        precondition(parameters.words == vocabulary.size && parameters.dimension == settings.dimension)
        self.vocabulary = vocabulary; self.settings = settings; self.parameters = parameters
    }

    /// Writes the model to `path` (temporary file + rename); `InputError` naming the file when that fails.
    public func save(to path: String) throws {
        let header = Header(settings: settings, words: vocabulary.size, unknownCount: vocabulary.unknownCount,
                            stride: parameters.layout.stride)
        let writer = try CheckpointWriter(path: path, kind: GloVeModel.kind, version: GloVeModel.version,
                                          settings: header, sections: 3)
        try writer.section("words", lines: vocabulary.words)
        try writer.section("counts", values: vocabulary.counts)
        try writer.section("parameters", UnsafeRawBufferPointer(parameters.bytes))
        try writer.commit()
    }

    /// Reads a model written by `save(to:)`, every size checked against the header before anything is
    /// allocated. Throws `InputError` for a missing, damaged or inconsistent file or one of another kind.
    public static func load(path: String) throws -> GloVeModel {
        let reader = try CheckpointReader(path: path, kind: kind, versions: version...version, what: "GloVe model")
        let h = try reader.decodeSettings(Header.self)
        do { try h.settings.validate(words: max(h.words, 1)) } catch { throw reader.corrupt("bad settings (\(error))") }
        let words = try reader.lines("words")
        guard h.words >= 1, words.count == h.words, h.unknownCount >= 0,
              h.stride == GloVeLayout.stride(dimension: h.settings.dimension) else {
            throw reader.corrupt("inconsistent header")
        }
        let counts = try reader.section("counts", count: h.words, of: Int64.self)
        guard counts.allSatisfy({ $0 >= 1 }) else { throw reader.corrupt("bad vocabulary counts") }
        let vocabulary: Vocabulary
        do { vocabulary = try Vocabulary(words: words, counts: Array(counts), unknownCount: h.unknownCount) } catch {
            throw reader.corrupt("bad vocabulary (\(error))")
        }
        let values = try reader.floats("parameters", count: GloVeLayout(dimension: h.settings.dimension, words: h.words).totalFloats)
        let parameters = GloVeParameters(words: h.words, dimension: h.settings.dimension, seed: 0)
        parameters.bytes.copyMemory(from: UnsafeRawBufferPointer(values))
        return GloVeModel(vocabulary: vocabulary, settings: h.settings, parameters: parameters)
    }

    /// The settings of the model saved at `path` (its dimension), read without loading its parameters.
    public static func savedSettings(path: String) throws -> GloVeSettings {
        let reader = try CheckpointReader(path: path, kind: kind, versions: version...version, what: "GloVe model")
        return try reader.decodeSettings(Header.self).settings
    }

    /// This model grown by `added` (a new corpus's vocabulary, cut at its own minimum count): old words keep
    /// their ids, counts (plus the new ones), vectors, biases and AdaGrad state; new words follow with GloVe's
    /// fresh start from `settings.seed`. `settings` is the new run's; its dimension must be the model's
    /// (SettingError otherwise).
    public func grown(by added: Vocabulary, settings run: GloVeSettings) throws -> GloVeModel {
        if run.dimension != settings.dimension {
            throw SettingError("dimension", "is \(run.dimension) but the model continued has \(settings.dimension): a continued model keeps its shape")
        }
        let merged = try vocabulary.grown(by: added).vocabulary
        try run.validate(words: merged.size)
        let fresh = GloVeParameters(words: merged.size, dimension: settings.dimension, seed: run.seed)
        let rowFloats = parameters.layout.rowFloats
        for i in 0..<vocabulary.size {
            (fresh.block + fresh.layout.word(i)).update(from: parameters.block + parameters.layout.word(i), count: rowFloats)
            (fresh.block + fresh.layout.context(i)).update(from: parameters.block + parameters.layout.context(i), count: rowFloats)
        }
        return GloVeModel(vocabulary: merged, settings: run, parameters: fresh)
    }
}
