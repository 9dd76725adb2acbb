// Role: a growable window over a ByteSource that hands out text lines and fixed-size binary records,
// so one reader can parse a text header and then binary rows from the same stream.
import EmbedCore
import Foundation
import EmbedStreams

final class ByteWindow {
    let source: ByteSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0, end = 0
    private(set) var atEOF = false

    init(_ source: ByteSource, capacity: Int = 1 << 20) {
        self.source = source
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit { buffer.deallocate() }

    private var base: UnsafeMutablePointer<UInt8> { buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) }

    /// Bytes buffered and not yet consumed.
    var available: Int { end - start }

    /// The unconsumed bytes (valid until the next call that reads).
    var pending: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + start, count: end - start) }

    /// Reads until at least `count` bytes are buffered or the input ends; returns the bytes available.
    @discardableResult
    func fill(atLeast count: Int) throws -> Int {
        while end - start < count && !atEOF {
            if start > 0 {
                let kept = end - start
                if kept > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, kept) }
                start = 0; end = kept
            }
            if count > buffer.count || end == buffer.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, buffer.count * 2), alignment: 16)
                bigger.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
                buffer.deallocate(); buffer = bigger
            }
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if n == 0 { atEOF = true } else { end += n }
        }
        return end - start
    }

    /// Consumes `count` bytes (which must be available).
    func skip(_ count: Int) { start += count }

    /// Longest text line accepted (16 MiB: a row of 300 floats is about 4 KB), so a file that is one enormous
    /// line (a decompression bomb, a binary file) is an error before memory grows with it.
    static let maxLineBytes = 16 << 20

    /// The next line without its "\n" (or "\r\n"), or nil at the end of input. A line longer than
    /// `maxLineBytes` is an InputError (the caller adds the line number).
    func nextLine() throws -> UnsafeBufferPointer<UInt8>? {
        var scanned = 0
        while true {
            if scanned > ByteWindow.maxLineBytes {
                throw InputError("line longer than \(ByteWindow.maxLineBytes) bytes: not a vector file", path: source.path)
            }
            let from = base + start + scanned
            if let nl = memchr(from, 0x0A, end - start - scanned) {
                let length = (base + start).distance(to: nl.assumingMemoryBound(to: UInt8.self))
                return takeLine(length: length, consumed: length + 1)
            }
            scanned = end - start
            if atEOF {
                return scanned == 0 ? nil : takeLine(length: scanned, consumed: scanned)
            }
            try fill(atLeast: scanned + 1)
        }
    }

    private func takeLine(length: Int, consumed: Int) -> UnsafeBufferPointer<UInt8> {
        let p = base + start
        let trimmed = length > 0 && p[length - 1] == 0x0D ? length - 1 : length
        start += consumed
        return UnsafeBufferPointer(start: p, count: trimmed)
    }

    /// Bytes up to (not including) the next `byte`, consuming them and the delimiter; nil at the end of input.
    /// When input ends before the delimiter, returns what is left with `found` false.
    func next(upTo byte: UInt8, limit: Int) throws -> (bytes: UnsafeBufferPointer<UInt8>, found: Bool)? {
        var scanned = 0
        while true {
            if let hit = memchr(base + start + scanned, Int32(byte), end - start - scanned) {
                let length = (base + start).distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let bytes = UnsafeBufferPointer(start: base + start, count: length)
                start += length + 1
                return (bytes, true)
            }
            scanned = end - start
            if atEOF || scanned >= limit {
                if scanned == 0 { return nil }
                let bytes = UnsafeBufferPointer(start: base + start, count: scanned)
                start = end
                return (bytes, false)
            }
            try fill(atLeast: scanned + 1)
        }
    }
}
