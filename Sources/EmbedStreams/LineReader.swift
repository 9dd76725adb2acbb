// Role: splits a byte stream into lines (documents) of any length, counting line numbers for errors.
import EmbedCore
import Foundation

/// Yields lines (without the trailing "\n" or "\r\n") as byte buffers valid until the next call.
/// Lines may be arbitrarily long: the buffer grows to the longest line seen.
public final class LineReader {
    /// The byte stream the lines are read from.
    public let source: ByteSource
    private var buf: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0
    private var atEOF = false
    /// The 1-based number of the line last returned (0 before the first call).
    public private(set) var lineNumber = 0

    /// A reader of `source` starting with a `bufferSize`-byte buffer (it grows to fit the longest line).
    public init(_ source: ByteSource, bufferSize: Int = 1 << 20) {
        self.source = source
        buf = .allocate(byteCount: bufferSize, alignment: 16)
    }

    /// A reader of the file at `path` ("-": standard input; zstd is decompressed).
    /// Throws `InputError` when it cannot be opened.
    public convenience init(path: String) throws { self.init(try ByteSource(path: path)) }

    deinit { buf.deallocate() }

    /// The path being read, for error messages.
    public var path: String { source.path }

    /// The next line, or nil at end of input. Throws `InputError` when reading or decompressing fails.
    public func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        var scanFrom = start
        while true {
            let base = buf.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if scanFrom < end, let nl = memchr(base + scanFrom, 0x0A, end - scanFrom) {
                let nlIndex = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                var lineEnd = nlIndex
                if lineEnd > start && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: base + start, count: lineEnd - start)
                start = nlIndex + 1
                lineNumber += 1
                return line
            }
            scanFrom = end
            if atEOF {
                if start == end { return nil }
                var lineEnd = end
                if base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeBufferPointer(start: base + start, count: lineEnd - start)
                start = end
                lineNumber += 1
                return line
            }
            // Make room: compact, or grow when a single line fills the buffer.
            if start > 0 {
                let pending = end - start
                if pending > 0 { memmove(buf.baseAddress!, buf.baseAddress! + start, pending) }
                scanFrom -= start; end = pending; start = 0
            }
            if end == buf.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buf.count * 2, alignment: 16)
                bigger.baseAddress!.copyMemory(from: buf.baseAddress!, byteCount: end)
                buf.deallocate(); buf = bigger
            }
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buf[end...]))
            if n == 0 { atEOF = true } else { end += n }
        }
    }
}
