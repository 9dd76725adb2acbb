// Role: checkpoints of a skip-gram run: options, vocabulary, where each worker stands (position, carried
// words, random state, learning rate), the corpus fingerprint and both weight matrices, in one file written
// atomically. Layout: "EMBEDSG1", UInt64 header length, JSON header, input rows, output rows (padded Float32).
import Foundation
import Streams
import Vocabulary

struct CheckpointHeader: Codable {
    var version = 1
    var options: SkipGramOptions
    var words: [String]
    var counts: [Int64]
    var unknownCount: Int64
    var tokensDone: Int64
    var workers: [WorkerState]
    var corpusLength: Int
    var corpusTokens: Int64
    var corpusFingerprint: String
    var inputRows: Int
    var outputRows: Int
    var stride: Int
}

extension SkipGramTrainer {
    static let checkpointMagic = Array("EMBEDSG1".utf8)

    /// Writes the checkpoint (temporary file + rename). Only call while no worker runs.
    func saveCheckpoint(path: String) throws {
        let v = model.vocabulary
        let header = CheckpointHeader(
            options: model.options, words: v.words, counts: v.counts, unknownCount: v.unknownCount,
            tokensDone: tokensDone, workers: states, corpusLength: corpus.length, corpusTokens: corpus.tokenCount,
            corpusFingerprint: String(corpus.fingerprint, radix: 16), inputRows: model.input.rows,
            outputRows: model.output.rows, stride: model.input.stride)
        let json = try JSONEncoder().encode(header)
        let out = try AtomicOutput(path: path, compress: false)
        do {
            try SkipGramTrainer.checkpointMagic.withUnsafeBytes { try out.write($0) }
            try out.write(raw: UInt64(json.count).littleEndian)
            try json.withUnsafeBytes { try out.write($0) }
            try out.write(UnsafeRawBufferPointer(model.input.bytes))
            try out.write(UnsafeRawBufferPointer(model.output.bytes))
            try out.commit()
        } catch {
            out.abort()
            throw error
        }
    }
}

/// A checkpoint read back: the model with its weights, and where training stood.
public struct SkipGramCheckpoint {
    public let model: SkipGramModel
    let header: CheckpointHeader

    public var options: SkipGramOptions { header.options }
    public var tokensDone: Int64 { header.tokensDone }

    public static func load(path: String) throws -> SkipGramCheckpoint {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError("cannot open checkpoint: \(String(cString: strerror(errno)))", path: path) }
        defer { close(fd) }
        func readExactly(_ p: UnsafeMutableRawPointer, _ n: Int) throws {
            var got = 0
            while got < n {
                let r = read(fd, p + got, n - got)
                if r < 0 && errno == EINTR { continue }
                guard r > 0 else { throw InputError("not a skip-gram checkpoint (truncated)", path: path) }
                got += r
            }
        }
        var magic = [UInt8](repeating: 0, count: 8)
        var length: UInt64 = 0
        try magic.withUnsafeMutableBytes { try readExactly($0.baseAddress!, 8) }
        guard magic == SkipGramTrainer.checkpointMagic else {
            throw InputError("not a skip-gram checkpoint (bad magic)", path: path)
        }
        try withUnsafeMutableBytes(of: &length) { try readExactly($0.baseAddress!, 8) }
        length = UInt64(littleEndian: length)
        guard length < 1 << 34 else { throw InputError("not a skip-gram checkpoint (bad header)", path: path) }
        var json = Data(count: Int(length))
        try json.withUnsafeMutableBytes { try readExactly($0.baseAddress!, Int(length)) }
        let header: CheckpointHeader
        do { header = try JSONDecoder().decode(CheckpointHeader.self, from: json) } catch {
            throw InputError("not a skip-gram checkpoint (unreadable header)", path: path)
        }
        guard header.version == 1 else { throw InputError("checkpoint version \(header.version) is not supported", path: path) }
        let vocabulary = try Vocabulary(words: header.words, counts: header.counts, unknownCount: header.unknownCount)
        let model = try SkipGramModel(options: header.options, vocabulary: vocabulary, randomize: false)
        guard model.input.rows == header.inputRows, model.output.rows == header.outputRows,
              model.input.stride == header.stride, header.workers.count == header.options.threads else {
            throw InputError("checkpoint is inconsistent (matrix sizes)", path: path)
        }
        try readExactly(model.input.bytes.baseAddress!, model.input.bytes.count)
        try readExactly(model.output.bytes.baseAddress!, model.output.bytes.count)
        return SkipGramCheckpoint(model: model, header: header)
    }

    /// The trainer that continues the run over `corpus`, which must be the checkpointed corpus encoded with
    /// `model.vocabulary`.
    public func trainer(corpus: EncodedCorpus) throws -> SkipGramTrainer {
        guard corpus.length == header.corpusLength, corpus.tokenCount == header.corpusTokens,
              String(corpus.fingerprint, radix: 16) == header.corpusFingerprint else {
            throw UsageError("the corpus differs from the one the checkpoint was trained on "
                + "(\(corpus.tokenCount) known tokens now, \(header.corpusTokens) then): give the same files in the same order")
        }
        return SkipGramTrainer(model: model, corpus: corpus, states: header.workers, tokensDone: header.tokensDone)
    }
}
