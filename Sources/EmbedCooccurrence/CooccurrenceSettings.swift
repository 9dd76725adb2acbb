// Role: what a co-occurrence count is (window, weighting, symmetric or left context) and the resources it may
// use (memory bound, scratch folder, threads, open files); plus the summary a finished count reports.
import EmbedCore

/// How to count X and with what resources. `validate` (called by the counter) names the setting at fault.
public struct CooccurrenceSettings: Sendable, Equatable {
    /// Largest distance counted (context words at 1 ... window positions away, in the same line).
    public var window: Int = 10
    /// How a pair at distance d is weighted: 1/d (harmonic, Stanford's GloVe) or 1 (flat).
    public var weighting: CooccurrenceWeighting = .harmonic
    /// Both sides (X symmetric); false counts only the words to the left of each word.
    public var symmetric: Bool = true
    /// Bound on the counter's memory (dense table, buffers, runs, shuffle buckets), in bytes.
    public var memoryBytes: Int = 4 << 30
    /// Parent of the private scratch folder (nil: the system's temporary folder).
    public var temporaryParent: String? = nil
    /// Threads in all: one reads and encodes the corpus, the others count (1: everything on one thread).
    public var threads: Int = 2
    /// Files open at once while merging runs and writing shuffle buckets.
    public var maxOpenFiles: Int = 256
    /// Largest dense table per counting thread, in bytes (tests make it tiny to exercise the sparse path).
    var denseBytes: Int = 96 << 20

    /// Settings from their parts; the defaults are GloVe's (window 10, harmonic, symmetric) with 4 GiB and 2 threads.
    public init(window: Int = 10, weighting: CooccurrenceWeighting = .harmonic, symmetric: Bool = true,
                memoryBytes: Int = 4 << 30, temporaryParent: String? = nil, threads: Int = 2,
                maxOpenFiles: Int = 256) {
        self.window = window
        self.weighting = weighting
        self.symmetric = symmetric
        self.memoryBytes = memoryBytes
        self.temporaryParent = temporaryParent
        self.threads = threads
        self.maxOpenFiles = maxOpenFiles
    }
}

extension CooccurrenceSettings {
    /// Throws a SettingError for a value that cannot work.
    public func validate(vocabularySize: Int) throws {
        guard window >= 1 else { throw SettingError("window", "must be at least 1") }
        guard threads >= 1 else { throw SettingError("threads", "must be at least 1") }
        guard memoryBytes > 0 else { throw SettingError("memoryBytes", "must be positive") }
        guard maxOpenFiles >= 4 else { throw SettingError("maxOpenFiles", "must be at least 4") }
        guard PairEventBuffer.canPack(vocabularySize: vocabularySize, window: window) else {
            throw SettingError("window", "is too large to count with a vocabulary of \(vocabularySize) words",
                               value: "\(window)")
        }
    }
}

/// What a finished count did.
public struct CooccurrenceSummary: Sendable, Equatable {
    /// Nonzero records of X written (the sorted file's length).
    public var records: Int64 = 0
    /// Tokens read, unknown ones included.
    public var tokens: Int64 = 0
    /// Lines (documents) read.
    public var lines: Int64 = 0
    /// Pairs within the window after removing unknown words.
    public var pairs: Int64 = 0
    /// Sorted runs written to disk while counting.
    public var spilledRuns = 0
    /// Intermediate merges needed to keep the number of open files within `maxOpenFiles`.
    public var intermediateMerges = 0
    /// Bytes written to scratch files (runs and shuffle buckets).
    public var scratchBytes: Int64 = 0
    /// Whether the shuffle used scratch files.
    public var shuffleSpilled = false
}
