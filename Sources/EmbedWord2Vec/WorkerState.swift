// Role: where one worker thread stands (epoch, stream position, the kept words carried over a long line,
// random generator, learning rate): saved in checkpoints so a resumed run continues exactly.
import EmbedCore

struct WorkerState: Codable, Equatable {
    /// The worker's slice of the id stream.
    var start: Int
    var end: Int
    var epoch = 0
    /// Next stream index to read.
    var position: Int
    /// Subsampled ids of the current line still needed as context (non-empty only mid-line).
    var carry: [Int32] = []
    /// Index in `carry` of the next centre to train.
    var nextCentre = 0
    var rng: [UInt64]
    /// Tokens read but not yet added to the global count, and the learning rate in force.
    var unsynced: Int64 = 0
    var rate: Float

    init(slice: Range<Int>, rng: [UInt64], rate: Float) {
        start = slice.lowerBound
        end = slice.upperBound
        position = slice.lowerBound
        self.rng = rng
        self.rate = rate
    }
}
