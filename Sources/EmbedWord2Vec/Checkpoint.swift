// Role: skip-gram checkpoints in the library's checkpoint container (kind `skipgram`): settings, where each
// worker stands (position, carried words, random state, learning rate), the corpus fingerprint, the
// vocabulary and both weight matrices, so a resumed run continues exactly where it stopped.
import EmbedCore
import EmbedStreams
import Foundation

/// The JSON header of a skip-gram checkpoint.
struct CheckpointHeader: Codable {
    var settings: SkipGramSettings
    var unknownCount: Int64
    var words: Int
    var tokensDone: Int64
    var trainingSeconds: Double
    var workers: [WorkerState]
    var corpusLength: Int
    var corpusTokens: Int64
    var corpusFingerprint: UInt64
    var inputRows: Int
    var outputRows: Int
    var stride: Int
    /// The epochs planned and the learning-rate schedule (a time budget changes both; absent in older
    /// checkpoints: the settings' epochs and schedule).
    var plannedEpochs: Int?
    var schedule: RateSchedule?
}

extension SkipGramTrainer {
    static let checkpointKind = "skipgram"
    static let checkpointVersion = 2

    /// Writes the checkpoint (temporary file + rename). Only call while no worker runs.
    func saveCheckpoint(path: String) throws {
        let header = CheckpointHeader(
            settings: model.settings, unknownCount: model.vocabulary.unknownCount, words: model.vocabulary.size,
            tokensDone: tokensDone, trainingSeconds: trainingSeconds, workers: states, corpusLength: corpus.length,
            corpusTokens: corpus.tokenCount, corpusFingerprint: corpus.fingerprint, inputRows: model.input.rows,
            outputRows: model.output.rows, stride: model.input.stride,
            plannedEpochs: plannedEpochs, schedule: schedule)
        let writer = try CheckpointWriter(path: path, kind: SkipGramTrainer.checkpointKind,
                                          version: SkipGramTrainer.checkpointVersion, settings: header, sections: 4)
        try model.writeSections(writer)
        try writer.commit()
    }
}

/// A checkpoint read back: the model with its weights, and where training stood.
public struct SkipGramCheckpoint {
    /// The model with the checkpointed weights, vocabulary and settings.
    public let model: SkipGramModel
    let header: CheckpointHeader
    let path: String

    /// The settings of the checkpointed run (a resumed run must use the same).
    public var settings: SkipGramSettings { header.settings }
    /// Tokens trained so far over all epochs and threads, before subsampling.
    public var tokensDone: Int64 { header.tokensDone }

    /// Reads and verifies a checkpoint (checksum, every size against the header, finite weights).
    /// Throws `InputError` for a missing, damaged or inconsistent file or one of another kind or version.
    public static func load(path: String) throws -> SkipGramCheckpoint {
        let reader = try CheckpointReader(path: path, kind: SkipGramTrainer.checkpointKind,
                                          versions: SkipGramTrainer.checkpointVersion...SkipGramTrainer.checkpointVersion,
                                          what: "skip-gram checkpoint")
        let header = try reader.decodeSettings(CheckpointHeader.self)
        let epochs = header.plannedEpochs ?? header.settings.epochs
        guard header.words >= 0, header.workers.count == header.settings.threads, header.tokensDone >= 0,
              header.corpusLength >= 0, header.corpusTokens >= 0, epochs >= 0,
              header.schedule.map({ $0.startRate.isFinite && $0.minRate.isFinite && $0.endTokens >= $0.startTokens }) ?? true else {
            throw reader.corrupt("inconsistent header")
        }
        let model = try SkipGramModel.read(reader, settings: header.settings, words: header.words,
                                           unknownCount: header.unknownCount, inputRows: header.inputRows,
                                           outputRows: header.outputRows, stride: header.stride)
        // Where each worker stands must lie inside the corpus (the workers read the stream by these indices).
        let slicesCover = header.workers.first?.start == 0 && header.workers.last?.end == header.corpusLength
        for (t, w) in header.workers.enumerated() {
            guard slicesCover, 0 <= w.start, w.start <= w.position, w.position <= w.end, w.end <= header.corpusLength,
                  t == 0 || header.workers[t - 1].end == w.start, w.epoch >= 0, w.epoch <= epochs,
                  w.rng.count == 4, w.nextCentre >= 0, w.nextCentre <= w.carry.count,
                  w.carry.count <= max(header.settings.lineBuffer, 4 * header.settings.window + 1),
                  w.carry.allSatisfy({ $0 >= 0 && $0 < Int32(header.words) }), w.unsynced >= 0, w.rate.isFinite, w.rate >= 0 else {
                throw reader.corrupt("worker \(t)'s position does not fit the corpus")
            }
        }
        return SkipGramCheckpoint(model: model, header: header, path: path)
    }

    /// The trainer that continues the run over `corpus`, which must be the checkpointed corpus encoded with
    /// `model.vocabulary` (`ResumeMismatch` otherwise, when its length, token count or fingerprint differs).
    public func trainer(corpus: EncodedCorpus, checkpoint: CheckpointPolicy?) throws -> SkipGramTrainer {
        guard corpus.length == header.corpusLength, corpus.tokenCount == header.corpusTokens,
              corpus.fingerprint == header.corpusFingerprint else {
            throw ResumeMismatch(path: path, reason: "the corpus differs from the one it was trained on "
                + "(\(corpus.tokenCount) known tokens now, \(header.corpusTokens) then): give the same files in the same order")
        }
        return SkipGramTrainer(model: model, corpus: corpus, states: header.workers, tokensDone: header.tokensDone,
                               secondsBefore: header.trainingSeconds, plannedEpochs: header.plannedEpochs,
                               schedule: header.schedule, checkpoint: checkpoint)
    }
}
