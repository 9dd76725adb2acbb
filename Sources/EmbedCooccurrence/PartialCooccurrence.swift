// Role: the partial co-occurrence file of one part of a corpus (`embed cooccur --partial`): a 64-byte header
// (what was counted, with which vocabulary) then the part's summed entries sorted by (i, j) in exact integer
// weight units, so parts merge by integer addition into the very bytes a single count writes.
import EmbedCore
import EmbedStreams
import Foundation

#if _endian(big)
#error("partial co-occurrence files are little-endian; this code writes them as they are in memory")
#endif

/// The partial co-occurrence file: a header of 8 little-endian UInt64 (magic, version, vocabulary size, window,
/// flags (bit 0 symmetric, bit 8 flat weighting), weight scale, vocabulary fingerprint, 0), then the entries
/// (UInt64 key = i << 32 | j with 0-based ids, UInt64 value = X_ij * scale) sorted by key without duplicates, then
/// a trailer (end magic, entry count) that tells a complete file from a truncated one. Always written
/// uncompressed (the merge reads row ranges by seeking); it may be written to a pipe.
public enum PartialCooccurrence {
    /// "EMBXPART" as a little-endian UInt64.
    static let magic: UInt64 = 0x5452_4150_5842_4D45
    /// "EMBXEND." as a little-endian UInt64: the trailer's first word.
    static let endMagic: UInt64 = 0x2E44_4E45_5842_4D45
    /// Bytes after the last entry.
    static let trailerBytes = 16
    /// The format version written and read.
    public static let version: UInt64 = 1
    /// Bytes before the first entry.
    public static let headerBytes = 64

    /// What a partial file was counted with; files merge only when their headers (but the entry count) agree.
    public struct Header: Equatable, Sendable {
        /// Words of the vocabulary (ids 0 ..< vocabularySize).
        public var vocabularySize: Int
        /// Largest distance counted.
        public var window: Int
        /// The weight of a pair at distance d.
        public var weighting: CooccurrenceWeighting
        /// Whether both sides of a word were counted.
        public var symmetric: Bool
        /// Weight units per 1.0 of X.
        public var scale: UInt64
        /// `Vocabulary.fingerprint` of the vocabulary counted with (0 for lines of ids).
        public var fingerprint: UInt64
        /// Entries in the file (from its trailer; not compared between files).
        public var entries: Int = 0

        /// A header from its parts.
        public init(vocabularySize: Int, window: Int, weighting: CooccurrenceWeighting, symmetric: Bool,
                    scale: UInt64, fingerprint: UInt64, entries: Int = 0) {
            self.vocabularySize = vocabularySize
            self.window = window
            self.weighting = weighting
            self.symmetric = symmetric
            self.scale = scale
            self.fingerprint = fingerprint
            self.entries = entries
        }

        /// What differs from `other` (nil when the files can be merged).
        func difference(from other: Header) -> String? {
            if fingerprint != other.fingerprint || vocabularySize != other.vocabularySize { return "another vocabulary" }
            if window != other.window { return "window \(window), not \(other.window)" }
            if weighting != other.weighting || scale != other.scale { return "\(weighting) weights, not \(other.weighting)" }
            if symmetric != other.symmetric { return symmetric ? "both sides, not the left" : "the left side, not both" }
            return nil
        }

        var words: [UInt64] {
            [PartialCooccurrence.magic, PartialCooccurrence.version, UInt64(vocabularySize), UInt64(window),
             (symmetric ? 1 : 0) | (weighting == .flat ? 1 << 8 : 0), scale, fingerprint, 0]
        }
    }

    /// Writes every entry of `source` after `header` to `path`, atomically; returns the number of entries.
    static func write(_ source: MergeSource, header: Header, path: String) throws -> Int {
        let out = try AtomicOutput(path: path, compress: false)
        do {
            try header.words.withUnsafeBytes { try out.write($0) }
            var n = 0
            while try source.nextBlock() {
                try out.write(UnsafeRawBufferPointer(start: source.block, count: source.count * RunEntry.byteSize))
                n += source.count
            }
            try [endMagic, UInt64(n)].withUnsafeBytes { try out.write($0) }
            try out.commit()
            return n
        } catch {
            out.abort()
            throw error
        }
    }
}

/// One partial file opened for reading: its header checked against the file's size.
final class PartialFile {
    let path: String
    let header: PartialCooccurrence.Header
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(errno == ENOENT ? "no such file or directory" : "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        do { header = try PartialFile.readHeader(fd, path: path) } catch { close(fd); throw error }
    }

    deinit { close(fd) }

    private static func readHeader(_ fd: Int32, path: String) throws -> PartialCooccurrence.Header {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            throw InputError("not a regular file (partial co-occurrence files are read by seeking)", path: path)
        }
        let what = "not a partial co-occurrence file (the counts of one part of a corpus)"
        let frame = PartialCooccurrence.headerBytes + PartialCooccurrence.trailerBytes
        guard st.st_size >= frame else {
            throw InputError(st.st_size == 0 ? "empty file: \(what)" : "\(what): shorter than its header", path: path)
        }
        var w = [UInt64](repeating: 0, count: 8)
        try w.withUnsafeMutableBytes {
            try FileDescriptorIO.readExactly(fd, into: $0.baseAddress!, count: PartialCooccurrence.headerBytes, path: path)
        }
        guard w[0] == PartialCooccurrence.magic else { throw InputError(what, path: path) }
        guard w[1] == PartialCooccurrence.version else {
            throw InputError("partial co-occurrence format version \(w[1]) is not known (this tool reads \(PartialCooccurrence.version))", path: path)
        }
        guard w[2] >= 1, w[2] < 1 << 31, w[3] >= 1, w[3] < 1 << 20, w[4] & ~0x101 == 0, w[5] >= 1 else {
            throw InputError("damaged header", path: path)
        }
        var trailer: (UInt64, UInt64) = (0, 0)
        guard pread(fd, &trailer, 16, off_t(st.st_size) - 16) == 16 else { throw InputError("read failed", path: path) }
        let body = Int64(st.st_size) - Int64(frame)
        guard trailer.0 == PartialCooccurrence.endMagic, trailer.1 < 1 << 40,
              body == Int64(trailer.1) * Int64(RunEntry.byteSize) else {
            throw InputError("incomplete file: no valid trailer after \(body) bytes of entries (truncated or damaged)", path: path)
        }
        return PartialCooccurrence.Header(vocabularySize: Int(w[2]), window: Int(w[3]),
                                          weighting: w[4] & 0x100 != 0 ? .flat : .harmonic, symmetric: w[4] & 1 != 0,
                                          scale: w[5], fingerprint: w[6], entries: Int(trailer.1))
    }

    /// The key of entry `k`.
    private func key(at k: Int) throws -> UInt64 {
        var v: UInt64 = 0
        let offset = off_t(PartialCooccurrence.headerBytes + k * RunEntry.byteSize)
        guard pread(fd, &v, 8, offset) == 8 else { throw InputError("read failed", path: path) }
        return v
    }

    /// The first entry whose key is at least `key` (binary search over the sorted file).
    func lowerBound(_ key: UInt64) throws -> Int {
        var lo = 0, hi = header.entries
        while lo < hi {
            let mid = (lo + hi) / 2
            if try self.key(at: mid) < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A merge source over entries `range` (checked while read: increasing keys, ids in the vocabulary).
    func source(entries range: Range<Int>, blockEntries: Int) -> MergeSource {
        PartialSource(self, fd: fd, range: range, blockEntries: blockEntries)
    }
}

/// Reads a range of a partial file's entries in blocks, refusing damaged ones.
final class PartialSource: MergeSource {
    private let file: PartialFile
    private let fd: Int32
    private var next: Int
    private let end: Int
    private let buffer: UnsafeMutablePointer<UInt64>
    private let capacity: Int
    private var last: UInt64? = nil
    private let limit: UInt64

    init(_ file: PartialFile, fd: Int32, range: Range<Int>, blockEntries: Int) {
        self.file = file
        self.fd = fd
        next = range.lowerBound
        end = range.upperBound
        capacity = max(blockEntries, 16)
        buffer = .allocate(capacity: 2 * capacity)
        limit = UInt64(file.header.vocabularySize)
        super.init()
    }

    deinit { buffer.deallocate() }

    override var remainingEstimate: Int { end - next }

    override func nextBlock() throws -> Bool {
        let want = min(capacity, end - next)
        guard want > 0 else { return false }
        let offset = off_t(PartialCooccurrence.headerBytes + next * RunEntry.byteSize)
        let bytes = want * RunEntry.byteSize
        var got = 0
        while got < bytes {
            let r = pread(fd, UnsafeMutableRawPointer(buffer) + got, bytes - got, offset + off_t(got))
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { throw InputError("read failed or file shrank while merging", path: file.path) }
            got += r
        }
        // Damage check: strictly increasing keys, ids inside the vocabulary, nonzero values.
        var previous = last
        let limit = self.limit
        for k in 0..<want {
            let key = buffer[2 * k]
            if let p = previous, key <= p {
                throw InputError("entry \(next + k + 1) is out of order (damaged file)", path: file.path)
            }
            if key >> 32 >= limit || key & 0xFFFF_FFFF >= limit || buffer[2 * k + 1] == 0 {
                throw InputError("entry \(next + k + 1) is not valid for a vocabulary of \(limit) words (damaged file)", path: file.path)
            }
            previous = key
        }
        last = previous
        next += want
        block = UnsafePointer(buffer)
        count = want
        return true
    }
}
