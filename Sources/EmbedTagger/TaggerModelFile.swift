// Role: the `.embedtag` model file in the library's checkpoint container (kind `tagger`): the settings,
// tag set and scheme (JSON), the words, the characters, the weights and the word table, sealed by the
// container's checksum; a truncated, damaged or inconsistent file is refused before anything is allocated.
import EmbedClassifier
import EmbedCore
import EmbedStreams
import Foundation

/// The JSON header of a tagger model.
struct TaggerModelHeader: Codable {
    var shape: TaggerShape
    var training: TaggerSettings
    var tagSet: TagSet
    var scheme: TagScheme
    var vectors: VectorSource
    var parameterCount: Int
    var words: Int
    var characters: Int
    var record: TaggerRecord?
}

enum TaggerModelFile {
    static let kind = "tagger"
    static let version = 1
}

extension SequenceTagger {
    /// Writes the model to `path` (a temporary file renamed into place).
    public func save(path: String) throws {
        let header = TaggerModelHeader(shape: shape, training: training, tagSet: tagSet, scheme: scheme, vectors: vectors,
                                       parameterCount: network.parameterCount, words: words.words.count,
                                       characters: characters.characters.count, record: record)
        let writer = try CheckpointWriter(path: path, kind: TaggerModelFile.kind, version: TaggerModelFile.version,
                                          settings: header, sections: 4)
        try writer.section("words", lines: words.words)
        try writer.section("characters", lines: characters.characters)
        try writer.section("parameters", UnsafeRawBufferPointer(network.parameters))
        let table = network.words
        try writer.section("embedding", UnsafeRawBufferPointer(start: table.values, count: table.rows * table.dimension * 4))
        try writer.commit()
    }

    /// Reads a model written by `save`. A file that is not a tagger model, truncated, damaged (checksum),
    /// inconsistent (sizes, shape, tag set) or holding NaN weights is an InputError naming the file.
    public static func load(path: String) throws -> SequenceTagger {
        let reader = try CheckpointReader(path: path, kind: TaggerModelFile.kind,
                                          versions: TaggerModelFile.version...TaggerModelFile.version,
                                          what: "tagger model (.embedtag)")
        let header = try reader.decodeSettings(TaggerModelHeader.self)
        let shape = header.shape
        let words = try reader.lines("words")
        let characters = try reader.lines("characters")
        guard words.count == header.words, characters.count == header.characters, shape.characters == characters.count + 1,
              header.tagSet.count == shape.tags, header.tagSet.encoding == shape.encoding, shape.wordDimension >= 1,
              characters.allSatisfy({ $0.unicodeScalars.count == 1 }) else {
            throw reader.corrupt("sizes disagree with the header")
        }
        do { try shape.validate() } catch { throw reader.corrupt("bad shape (\(error))") }
        guard Double(header.parameterCount) == shape.weightCount else {
            throw reader.corrupt("parameter count disagrees with the shape")
        }
        let parameters = try reader.floats("parameters", count: header.parameterCount)
        let rows = words.count + 2
        let embedding = try reader.floats("embedding", count: rows * shape.wordDimension)
        let table = EmbeddingTable<Float>(rows: rows, dimension: shape.wordDimension)
        table.values.update(from: embedding.baseAddress!, count: embedding.count)
        let tagger: SequenceTagger
        do {
            tagger = try SequenceTagger(words: words, table: table, source: header.vectors.path,
                                        characters: CharacterIndex(characters: characters), tagSet: header.tagSet,
                                        shape: shape, scheme: header.scheme, seed: header.training.seed)
        } catch { throw reader.corrupt("\(error)") }
        guard tagger.network.parameterCount == header.parameterCount, tagger.shape == shape else {
            throw reader.corrupt("parameter count disagrees with the shape")
        }
        _ = tagger.network.parameters.update(fromContentsOf: parameters)
        tagger.vectors = header.vectors
        tagger.training = header.training
        tagger.record = header.record
        return tagger
    }
}
