// Role: reads raw bytes from a file or stdin, transparently decompressing zstd (detected by magic number).
import CZstd
import EmbedCore
import Foundation

/// A forward-only stream of bytes from a path (or "-" for standard input).
/// zstd input is recognised by its magic number, not by its name, and decompressed in a stream,
/// so memory stays constant whatever the input size.
public final class ByteSource {
    /// The path read ("-" for standard input).
    public let path: String
    private let fd: Int32
    private let ownsFD: Bool
    private var zstd: OpaquePointer?          // ZSTD_DCtx*
    private var raw: UnsafeMutableRawPointer   // compressed (or plain) input buffer
    private let rawCapacity: Int
    private var rawStart = 0, rawEnd = 0
    private var eof = false
    private var frameOpen = false              // inside an unfinished zstd frame
    private var readAhead: ReadAhead?
    private let consumedLock = NSLock()
    private var consumed: Int64 = 0
    /// Bytes of the underlying file read so far.
    public var bytesConsumed: Int64 { consumedLock.lock(); defer { consumedLock.unlock() }; return consumed }
    /// Size in bytes of the file as stored (compressed when zstd), nil for standard input and pipes.
    public let fileSize: Int64?                 // nil for stdin / pipes

    /// The four bytes that open a zstd frame (28 B5 2F FD); input starting with them is decompressed.
    public static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// Opens `path` ("-": standard input) and detects zstd from the first bytes. Throws `InputError` when the path is
    /// missing, is a directory, cannot be opened or cannot be read.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = 0; ownsFD = false; fileSize = nil
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw InputError("no such file", path: path)
            }
            if isDir.boolValue { throw InputError("is a directory, expected a file", path: path) }
            let f = open(path, O_RDONLY)
            guard f >= 0 else { throw InputError("cannot open: \(String(cString: strerror(errno)))", path: path) }
            fd = f; ownsFD = true
            var st = stat()
            fileSize = fstat(f, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG ? Int64(st.st_size) : nil
        }
        rawCapacity = 1 << 20
        raw = UnsafeMutableRawPointer.allocate(byteCount: rawCapacity, alignment: 16)
        try fill()
        if rawEnd - rawStart >= 4 {
            let p = raw.assumingMemoryBound(to: UInt8.self)
            if p[0] == 0x28 && p[1] == 0xB5 && p[2] == 0x2F && p[3] == 0xFD {
                let z = ZSTD_createDCtx()!
                zstd = z
                readAhead = ReadAhead { [unowned(unsafe) self] buffer in try self.readZstd(z, into: buffer) }
            }
        }
    }

    deinit {
        readAhead?.close()
        if let z = zstd { ZSTD_freeDCtx(z) }
        if ownsFD { close(fd) }
        raw.deallocate()
    }

    /// True when the input is a zstd stream, decompressed as it is read.
    public var isCompressed: Bool { zstd != nil }

    private func fill() throws {
        if rawStart > 0 && rawStart == rawEnd { rawStart = 0; rawEnd = 0 }
        if rawStart > 0 {
            memmove(raw, raw + rawStart, rawEnd - rawStart)
            rawEnd -= rawStart; rawStart = 0
        }
        while rawEnd < rawCapacity && !eof {
            let n = Foundation.read(fd, raw + rawEnd, rawCapacity - rawEnd)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("read failed: \(String(cString: strerror(errno)))", path: path)
            }
            if n == 0 { eof = true; break }
            rawEnd += n
            consumedLock.lock(); consumed += Int64(n); consumedLock.unlock()
            if rawEnd - rawStart >= 64 * 1024 { break }
        }
    }

    /// Reads up to `buffer.count` decompressed bytes; returns 0 at the end of input.
    /// Throws `InputError` when reading fails or the zstd stream is corrupt or truncated.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        if let r = readAhead { return try r.read(into: buffer) }
        if rawStart == rawEnd { try fill() }
        let n = min(buffer.count, rawEnd - rawStart)
        if n > 0 { buffer.baseAddress!.copyMemory(from: raw + rawStart, byteCount: n); rawStart += n }
        return n
    }

    private func readZstd(_ z: OpaquePointer, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        while out.pos == 0 {
            if rawStart == rawEnd {
                try fill()
                if rawStart == rawEnd {
                    if frameOpen { throw InputError("truncated zstd stream (ends inside a frame)", path: path) }
                    return 0
                }
            }
            var input = ZSTD_inBuffer(src: raw + rawStart, size: rawEnd - rawStart, pos: 0)
            let ret = ZSTD_decompressStream(z, &out, &input)
            rawStart += input.pos
            if ZSTD_isError(ret) != 0 {
                throw InputError("corrupt zstd stream: \(String(cString: ZSTD_getErrorName(ret)))", path: path)
            }
            frameOpen = ret != 0
            // A full output buffer with input left: return what we have.
            if out.pos == out.size { break }
        }
        return out.pos
    }
}
