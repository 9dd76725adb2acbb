// Role: GloVe checkpoints in the library's checkpoint container (kind `glove`): the settings, the cost
// history, the position inside an unfinished epoch and every parameter (weights, biases and AdaGrad
// accumulators in the kernel's layout), so a resumed run continues the same cost curve.
import EmbedCore
import EmbedKernels
import EmbedStreams
import Foundation

/// How far an unfinished epoch got: records trained (a prefix of the epoch's order), their cost, seconds.
struct EpochProgress: Codable, Equatable {
    var position: Int
    var cost: Double
    var seconds: Double
}

enum GloVeCheckpoint {
    static let kind = "glove"
    static let version = 1

    /// Everything but the parameters (the JSON header).
    struct State: Codable {
        var settings: GloVeSettings
        var words: Int
        var recordCount: Int
        var fingerprint: UInt64
        var history: [EpochRecord]
        /// The unfinished epoch (nil at an epoch boundary).
        var partial: EpochProgress?
        var stride: Int?
    }

    /// Writes the state and the raw parameter block, atomically.
    static func save(_ state: State, parameters: GloVeParameters, to path: String) throws {
        var state = state
        state.stride = parameters.layout.stride
        let writer = try CheckpointWriter(path: path, kind: kind, version: version, settings: state, sections: 1)
        try writer.section("parameters", UnsafeRawBufferPointer(parameters.bytes))
        try writer.commit()
    }

    /// Reads a checkpoint; the parameters go into a new block after every size was checked.
    static func load(path: String) throws -> (state: State, parameters: GloVeParameters) {
        let reader = try CheckpointReader(path: path, kind: kind, versions: version...version, what: "GloVe checkpoint")
        let state = try reader.decodeSettings(State.self)
        do { try state.settings.validate(words: max(state.words, 1)) } catch { throw reader.corrupt("bad settings (\(error))") }
        let d = state.settings.dimension
        guard d >= 1, state.words >= 1, state.recordCount >= 1, state.history.count <= state.settings.epochs,
              state.partial.map({ $0.position >= 0 && $0.position <= state.recordCount }) ?? true,
              state.stride == GloVeLayout.stride(dimension: d) else {
            throw reader.corrupt("inconsistent header")
        }
        // The section's size must match the header before the block is allocated.
        let floats = 2 * state.words * 2 * GloVeLayout.stride(dimension: d)
        let values = try reader.floats("parameters", count: floats)
        let parameters = GloVeParameters(words: state.words, dimension: d, seed: 0)
        parameters.bytes.copyMemory(from: UnsafeRawBufferPointer(values))
        return (state, parameters)
    }
}
