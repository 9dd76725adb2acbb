// Role: the whole skip-gram model as one file in the library's checkpoint container (kind `skipgram-model`):
// settings, vocabulary with counts, and both weight matrices; what continued training starts from (vectors
// alone are not enough: negative sampling and hierarchical softmax need the output weights). The sections are
// the ones a checkpoint holds, written and read by the same two functions.
import EmbedCore
import EmbedStreams
import EmbedVocabulary

/// The JSON header of a saved model: its settings and the sizes every section is checked against.
struct ModelHeader: Codable {
    var settings: SkipGramSettings
    var unknownCount: Int64
    var words: Int
    var inputRows: Int
    var outputRows: Int
    var stride: Int
}

extension SkipGramModel {
    static let fileKind = "skipgram-model"
    static let fileVersion = 1

    /// Writes the model (settings, vocabulary, both matrices) to `path` (temporary file + rename). Throws
    /// `InputError` naming the file when it cannot be written.
    public func save(to path: String) throws {
        let header = ModelHeader(settings: settings, unknownCount: vocabulary.unknownCount, words: vocabulary.size,
                                 inputRows: input.rows, outputRows: output.rows, stride: input.stride)
        let writer = try CheckpointWriter(path: path, kind: SkipGramModel.fileKind, version: SkipGramModel.fileVersion,
                                          settings: header, sections: 4)
        try writeSections(writer)
        try writer.commit()
    }

    /// Reads a model written by `save(to:)`, checking the checksum, every size against the header and that the
    /// weights are finite. Throws `InputError` for a missing, damaged or inconsistent file or one of another kind.
    public static func load(path: String) throws -> SkipGramModel {
        let reader = try CheckpointReader(path: path, kind: fileKind, versions: fileVersion...fileVersion,
                                          what: "skip-gram model")
        let h = try reader.decodeSettings(ModelHeader.self)
        return try read(reader, settings: h.settings, words: h.words, unknownCount: h.unknownCount,
                        inputRows: h.inputRows, outputRows: h.outputRows, stride: h.stride)
    }

    /// The settings of the model saved at `path` (its shape: loss, CBOW, dimension, n-grams), read without
    /// loading its weights. Throws as `load(path:)` does.
    public static func savedSettings(path: String) throws -> SkipGramSettings {
        let reader = try CheckpointReader(path: path, kind: fileKind, versions: fileVersion...fileVersion,
                                          what: "skip-gram model")
        return try reader.decodeSettings(ModelHeader.self).settings
    }

    /// The vocabulary and matrix sections shared by saved models and checkpoints.
    func writeSections(_ writer: CheckpointWriter) throws {
        try writer.section("words", lines: vocabulary.words)
        try writer.section("counts", values: vocabulary.counts)
        try writer.section("input", UnsafeRawBufferPointer(input.bytes))
        try writer.section("output", UnsafeRawBufferPointer(output.bytes))
    }

    /// The model in `reader`'s sections, every size checked against the header's figures before anything is
    /// allocated from them.
    static func read(_ reader: CheckpointReader, settings: SkipGramSettings, words count: Int, unknownCount: Int64,
                     inputRows: Int, outputRows: Int, stride: Int) throws -> SkipGramModel {
        let words = try reader.lines("words")
        guard count >= 0, words.count == count, unknownCount >= 0 else { throw reader.corrupt("inconsistent header") }
        let counts = try reader.section("counts", count: count, of: Int64.self)
        // The settings must be valid (and fit in memory) before anything is sized from them.
        do { try settings.validate(vocabularySize: words.count) } catch { throw reader.corrupt("bad settings (\(error))") }
        // Counts need not be sorted: a continued model keeps its old words' ids and appends the new ones.
        guard stride == settings.rowStride, counts.allSatisfy({ $0 >= 1 }) else {
            throw reader.corrupt("inconsistent header or vocabulary counts")
        }
        let vocabulary: Vocabulary
        do { vocabulary = try Vocabulary(words: words, counts: Array(counts), unknownCount: unknownCount) } catch {
            throw reader.corrupt("bad vocabulary (\(error))")
        }
        let (inputFloats, o1) = inputRows.multipliedReportingOverflow(by: stride)
        let (outputFloats, o2) = outputRows.multipliedReportingOverflow(by: stride)
        guard !o1, !o2, inputRows >= 0, outputRows >= 0 else { throw reader.corrupt("bad matrix sizes") }
        let input = try reader.floats("input", count: inputFloats)
        let output = try reader.floats("output", count: outputFloats)
        let model = try SkipGramModel(settings: settings, vocabulary: vocabulary, randomize: false)
        guard model.input.rows == inputRows, model.output.rows == outputRows else {
            throw reader.corrupt("matrix sizes disagree with the settings")
        }
        model.input.bytes.copyMemory(from: UnsafeRawBufferPointer(input))
        model.output.bytes.copyMemory(from: UnsafeRawBufferPointer(output))
        return model
    }
}
