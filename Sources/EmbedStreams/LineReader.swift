// Role: splits a byte stream into lines (documents), counting line numbers for errors, with bounded memory:
// a line longer than the limit is an error naming the file and line, and a corpus line of any length can be
// taken in pieces cut at whitespace. A UTF-8 byte-order mark at the start of the stream is dropped.
import EmbedCore
import Foundation

/// Yields lines (without the trailing "\n" or "\r\n") as byte buffers valid until the next call.
public final class LineReader {
    /// The decompressed bytes being split.
    public let source: ByteSource
    /// Longest line `nextLine` accepts (bytes, without the line end).
    public let maxLineBytes: Int
    private var buf: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0
    private var atEOF = false
    private var checkedMark = false
    /// Lines finished so far (a line taken in pieces counts once its last piece was read).
    public private(set) var lineNumber = 0

    /// The default line limit of structured text files (vocabularies, evaluation sets, labelled sentences): 1 MiB.
    public static let defaultMaxLineBytes = 1 << 20

    /// A reader over `source` holding at most about `maxLineBytes` plus `bufferSize` bytes.
    public init(_ source: ByteSource, bufferSize: Int = 1 << 20, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        self.source = source
        self.maxLineBytes = max(1, maxLineBytes)
        buf = .allocate(byteCount: max(bufferSize, 16), alignment: 16)
    }

    /// A reader over the file at `path` ("-" for standard input; zstd detected by content).
    public convenience init(path: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws {
        self.init(try ByteSource(path: path), maxLineBytes: maxLineBytes)
    }

    deinit { buf.deallocate() }

    /// The file being read ("-" for standard input), for messages.
    public var path: String { source.path }

    private var base: UnsafeMutablePointer<UInt8> { buf.baseAddress!.assumingMemoryBound(to: UInt8.self) }

    /// The next line, or nil at end of input. A line longer than `maxLineBytes` is an InputError.
    public func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        guard let piece = try next(limit: maxLineBytes, cut: false) else { return nil }
        return piece.bytes
    }

    /// A stretch of one line: its bytes and whether the line ends with it.
    public struct Piece {
        /// The piece's bytes, valid until the next read.
        public let bytes: UnsafeBufferPointer<UInt8>
        /// True when the line ends with this piece.
        public let endsLine: Bool
    }

    /// The next piece of the current line: the rest of the line when it fits in `maxBytes`, else the bytes up
    /// to the last whitespace within `maxBytes` (the whitespace is dropped; tokens are never cut). A stretch of
    /// `maxBytes` without whitespace (one enormous token) is an InputError naming the file and line.
    public func nextPiece(maxBytes: Int) throws -> Piece? {
        try next(limit: max(2, maxBytes), cut: true)
    }

    private func next(limit: Int, cut: Bool) throws -> Piece? {
        if !checkedMark { try dropByteOrderMark() }
        var scanned = 0   // bytes after `start` already searched for a line end
        while true {
            let window = min(end, start + limit + 1)   // room to see a line end right after `limit` bytes
            let scanFrom = start + scanned
            if scanFrom < window, let nl = memchr(base + scanFrom, 0x0A, window - scanFrom) {
                let nlIndex = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                var lineEnd = nlIndex
                if lineEnd > start && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                guard lineEnd - start <= limit else { return try overflow(limit: limit, cut: cut) }
                let line = UnsafeBufferPointer(start: base + start, count: lineEnd - start)
                start = nlIndex + 1
                lineNumber += 1
                return Piece(bytes: line, endsLine: true)
            }
            scanned = window - start
            if end - start > limit { return try overflow(limit: limit, cut: cut) }
            if atEOF {
                if start == end { return nil }
                var lineEnd = end
                if base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: base + start, count: lineEnd - start)
                start = end
                lineNumber += 1
                return Piece(bytes: line, endsLine: true)
            }
            try refill()
        }
    }

    /// More than `limit` bytes without a line end: a piece cut at whitespace, or the error.
    private func overflow(limit: Int, cut: Bool) throws -> Piece {
        guard cut else {
            throw InputError("line longer than \(limit) bytes", path: path, line: lineNumber + 1)
        }
        var w = start + limit - 1
        while w >= start && !LineReader.isSpace(base[w]) { w -= 1 }
        guard w >= start else {
            throw InputError("a token longer than \(limit) bytes (raise `maxTokenBytes`)",
                             path: path, line: lineNumber + 1)
        }
        let piece = UnsafeBufferPointer(start: base + start, count: w - start)
        start = w + 1
        return Piece(bytes: piece, endsLine: false)
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D && b != 0x0A) }

    /// Compacts the buffer (growing it only up to what one line or piece may need) and reads more.
    private func refill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buf.baseAddress!, buf.baseAddress! + start, pending) }
            end = pending; start = 0
        }
        if end == buf.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buf.count * 2, alignment: 16)
            bigger.baseAddress!.copyMemory(from: buf.baseAddress!, byteCount: end)
            buf.deallocate(); buf = bigger
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buf[end...]))
        if n == 0 { atEOF = true } else { end += n }
    }

    /// Drops EF BB BF at the very start of the stream.
    private func dropByteOrderMark() throws {
        checkedMark = true
        while end - start < 3 && !atEOF { try refill() }
        if end - start >= 3 && base[start] == 0xEF && base[start + 1] == 0xBB && base[start + 2] == 0xBF { start += 3 }
    }
}
