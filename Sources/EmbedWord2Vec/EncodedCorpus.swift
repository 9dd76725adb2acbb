// Role: the corpus read, tokenised and encoded once into a compact Int32 id stream (unknown tokens dropped,
// -1 after each line so windows never cross a line), kept in a memory-mapped temporary file so that huge
// corpora cost page cache rather than heap; every epoch and thread reads its slice from there.
import EmbedCore
import EmbedCorpus
import Foundation
import EmbedStreams
import EmbedVocabulary

/// A corpus encoded once as a stream of 0-based word ids (unknown tokens dropped, `lineEnd` after each line),
/// kept in memory or in a mapped temporary file; every epoch and training thread reads its slice from it.
public final class EncodedCorpus: @unchecked Sendable {
    /// Marks the end of a line in the stream.
    public static let lineEnd: Int32 = -1

    /// The id stream: `length` values, 0-based word ids with `lineEnd` after each line.
    public let ids: UnsafePointer<Int32>
    /// Stream length (ids plus line ends).
    public let length: Int
    /// Known tokens (the words the training sees before subsampling).
    public let tokenCount: Int64
    /// Lines holding at least one known token.
    public let lineCount: Int
    /// A hash of the stream: a resumed run checks it reads the same corpus.
    public let fingerprint: UInt64
    private let release: () -> Void
    /// Whether the stream is a file mapping (whose pages `dropPages` can give back).
    private let mapped: Bool

    deinit { release() }

    /// An in-memory stream from lines of ids (tests, small inputs).
    public init(lines: [[Int32]]) {
        var stream: [Int32] = []
        for line in lines where !line.isEmpty { stream.append(contentsOf: line); stream.append(EncodedCorpus.lineEnd) }
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, stream.count))
        p.initialize(from: stream, count: stream.count)
        ids = UnsafePointer(p)
        length = stream.count
        tokenCount = Int64(stream.count - lines.filter { !$0.isEmpty }.count)
        lineCount = lines.filter { !$0.isEmpty }.count
        var h = FNV1a64()
        EncodedCorpus.hash(UnsafeBufferPointer(start: p, count: stream.count), into: &h)
        fingerprint = h.value
        release = { p.deallocate() }
        mapped = false
    }

    private init(mapping: UnsafeMutableRawPointer, bytes: Int, tokens: Int64, lines: Int, fingerprint: UInt64) {
        ids = UnsafePointer(mapping.assumingMemoryBound(to: Int32.self))
        length = bytes / 4
        tokenCount = tokens
        lineCount = lines
        self.fingerprint = fingerprint
        release = { munmap(mapping, max(bytes, 1)) }
        mapped = true
    }

    /// Tells the kernel a stretch of the stream was read and won't be needed soon: its pages leave the process
    /// (they stay in the page cache, so the next epoch maps them back cheaply). Keeps the resident size of a
    /// huge corpus to the stretches being read.
    public func dropPages(_ range: Range<Int>) {
        guard mapped else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound * 4 + page - 1) / page * page
        let end = range.upperBound * 4 / page * page
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: UnsafeRawPointer(ids)) + start, end - start, MADV_DONTNEED)
    }

    /// Feeds the ids to an FNV-1a hash, one step per id.
    static func hash(_ ids: UnsafeBufferPointer<Int32>, into h: inout FNV1a64) {
        for id in ids { h.add(word: UInt32(bitPattern: id)) }
    }

    /// One pass over the corpus: each line's known tokens go to a temporary file (unlinked once mapped); then,
    /// when given, the lines of `replay` (old text seen again) that `ReplaySample` keeps at `replayFraction`.
    /// Progress goes to `observer` (task `encoding`). Throws `InputError` for unreadable input, a corpus without
    /// any known token or a scratch file that cannot be written or mapped, and `Stopped` on a stop request.
    public static func encode(_ corpus: CorpusReader, vocabulary: Vocabulary, replay: CorpusReader? = nil,
                              replayFraction: Double = 1, temporaryParent: String? = nil,
                              observer: WorkObserver = SilentObserver.shared) throws -> EncodedCorpus {
        let folder = try TemporaryFolder(parent: temporaryParent, prefix: "embed-ids")
        defer { folder.remove() }
        let path = folder.file("ids.bin")
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw InputError("cannot create: \(String(cString: strerror(errno)))", path: path) }
        defer { close(fd) }
        let capacity = 1 << 18
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var used = 0, written = 0
        var tokens: Int64 = 0, lines = 0
        var h = FNV1a64()
        var lineIDs: [Int32] = []
        func flush() throws {
            hash(UnsafeBufferPointer(start: buffer, count: used), into: &h)
            if let e = FileDescriptorIO.writeAll(fd, buffer, used * 4) {
                throw InputError("cannot write the encoded corpus: \(String(cString: strerror(e)))", path: path)
            }
            written += used
            used = 0
        }
        var progress = ProgressMeter(observer, task: "encoding", unit: "tokens")
        var nextReport: Int64 = 1 << 16
        var lineHasTokens = false
        var sample = ReplaySample(fraction: 1)
        let pass = { (source: CorpusReader) in try source.forEachPiece { tokenizer, endsLine in
            guard sample.keepsPiece(endsLine: endsLine) else { return }
            let n = vocabulary.encodeKnown(tokenizer, into: &lineIDs)
            var i = 0
            while i < n {
                if used == capacity { try flush() }
                buffer[used] = lineIDs[i]
                used += 1; i += 1
            }
            if n > 0 { lineHasTokens = true; tokens += Int64(n) }
            if endsLine && lineHasTokens {
                if used == capacity { try flush() }
                buffer[used] = lineEnd
                used += 1
                lines += 1
                lineHasTokens = false
            }
            if tokens >= nextReport {
                nextReport = tokens + (1 << 16)
                progress.report(done: Double(tokens), fraction: source.fraction)
                try progress.checkStop()
            }
        } }
        try pass(corpus)
        if let replay {
            sample = ReplaySample(fraction: replayFraction)
            try pass(replay)
        }
        try flush()
        guard written > 0 else {
            throw InputError("no token of the corpus is in the vocabulary", path: corpus.name)
        }
        let bytes = written * 4
        guard let map = mmap(nil, bytes, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else {
            throw InputError("cannot map the encoded corpus: \(String(cString: strerror(errno)))", path: path)
        }
        return EncodedCorpus(mapping: map, bytes: bytes, tokens: tokens, lines: lines, fingerprint: h.value)
    }

    /// `parts` contiguous ranges of the stream, each ending just after a line end (a part may be empty when
    /// lines are few and long).
    public func slices(_ parts: Int) -> [Range<Int>] {
        var bounds = [0]
        for p in 1..<max(1, parts) {
            var cut = max(bounds.last!, length * p / parts)
            while cut > 0 && cut < length && ids[cut - 1] != EncodedCorpus.lineEnd { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(length)
        return (0..<max(1, parts)).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// Known tokens in a range of the stream.
    public func tokens(in range: Range<Int>) -> Int64 {
        var n: Int64 = 0
        for i in range where ids[i] != EncodedCorpus.lineEnd { n += 1 }
        return n
    }
}
