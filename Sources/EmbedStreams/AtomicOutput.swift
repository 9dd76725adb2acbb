// Role: buffered output written to a temporary file and renamed into place on commit,
// zstd-compressed when the destination ends in ".zst". An unfinished output never looks complete.
import CZstd
import EmbedCore
import Foundation

/// An output file written through a buffer into a temporary file next to `path` and renamed onto `path` by `commit`,
/// zstd-compressed on request; until then `path` is untouched, so an unfinished output never looks complete.
public final class AtomicOutput {
    /// The destination file ("-" for standard output).
    public let path: String
    /// The hidden temporary file being written next to `path` (`.name.tmp-pid-random`; "-" for standard output).
    public let temporaryPath: String
    private let fd: Int32
    private var zstd: OpaquePointer?            // ZSTD_CCtx*
    private var buffer: UnsafeMutableRawPointer
    private let capacity = 1 << 20
    private var count = 0
    private var zbuf: UnsafeMutableRawPointer?
    private let zcap: Int
    private var finished = false
    /// Bytes written to the file so far (compressed bytes when compressing); buffered bytes are not counted yet.
    public private(set) var bytesWritten: Int64 = 0

    /// Opens `path` for writing. `compress` defaults to "path ends in .zst". "-" writes to stdout (not atomic).
    /// `level` is the zstd compression level. Throws `InputError` when the folder is missing or the file cannot
    /// be created.
    public init(path: String, compress: Bool? = nil, level: Int32 = 3) throws {
        self.path = path
        if path == "-" {
            temporaryPath = "-"
            fd = 1
        } else {
            let dir = (path as NSString).deletingLastPathComponent
            let name = (path as NSString).lastPathComponent
            let folder = dir.isEmpty ? "." : dir
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
                throw InputError("output folder does not exist", path: folder)
            }
            temporaryPath = (folder as NSString).appendingPathComponent(".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw InputError("cannot create: \(String(cString: strerror(errno)))", path: path) }
        }
        buffer = .allocate(byteCount: capacity, alignment: 16)
        if compress ?? path.hasSuffix(".zst") {
            let c = ZSTD_createCCtx()
            ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, level)
            zstd = c
            zcap = ZSTD_CStreamOutSize()
            zbuf = .allocate(byteCount: zcap, alignment: 16)
        } else {
            zcap = 0
        }
        AtomicOutput.register(self)
    }

    deinit {
        if !finished { abort() }
        buffer.deallocate()
        zbuf?.deallocate()
        if let z = zstd { ZSTD_freeCCtx(z) }
    }

    /// Appends `bytes` to the output. Throws `InputError` when writing to the temporary file or compressing fails.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var src = bytes.baseAddress!
        var left = bytes.count
        while left > 0 {
            if count == capacity { try flushBuffer(end: false) }
            let n = min(left, capacity - count)
            (buffer + count).copyMemory(from: src, byteCount: n)
            count += n; src += n; left -= n
        }
    }

    /// Appends the UTF-8 bytes of `string`. Throws `InputError` when writing or compressing fails.
    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the in-memory bytes of `value` (machine byte order).
    /// Throws `InputError` when writing or compressing fails.
    public func write<T>(raw value: T) throws {
        try withUnsafeBytes(of: value) { try write($0) }
    }

    private func writeAll(_ p: UnsafeRawPointer, _ n: Int) throws {
        if let e = FileDescriptorIO.writeAll(fd, p, n) {
            throw InputError("write failed: \(String(cString: strerror(e)))", path: path)
        }
        bytesWritten += Int64(n)
    }

    private func flushBuffer(end: Bool) throws {
        if let z = zstd {
            var input = ZSTD_inBuffer(src: buffer, size: count, pos: 0)
            let mode = end ? ZSTD_e_end : ZSTD_e_continue
            while true {
                var out = ZSTD_outBuffer(dst: zbuf, size: zcap, pos: 0)
                let remaining = ZSTD_compressStream2(z, &out, &input, mode)
                if ZSTD_isError(remaining) != 0 {
                    throw InputError("zstd compression failed: \(String(cString: ZSTD_getErrorName(remaining)))", path: path)
                }
                if out.pos > 0 { try writeAll(zbuf!, out.pos) }
                if end ? remaining == 0 : input.pos == input.size { break }
            }
        } else if count > 0 {
            try writeAll(buffer, count)
        }
        count = 0
    }

    /// Flushes everything and renames the temporary file onto `path` (does nothing the second time).
    /// Throws `InputError` when the last write or the rename fails; the temporary file is then removed.
    public func commit() throws {
        guard !finished else { return }
        try flushBuffer(end: true)
        finished = true
        AtomicOutput.unregister(self)
        if fd == 1 { return }
        fsync(fd)
        close(fd)
        if rename(temporaryPath, path) != 0 {
            let e = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw InputError("cannot rename into place: \(e)", path: path)
        }
    }

    /// Drops the output: the temporary file is removed and `path` is left untouched.
    public func abort() {
        guard !finished else { return }
        finished = true
        AtomicOutput.unregister(self)
        if fd != 1 { close(fd); unlink(temporaryPath) }
    }

    // Temporary files still open, removed by `removeAllTemporaries()` from a signal handler path.
    nonisolated(unsafe) private static var pending: [ObjectIdentifier: String] = [:]
    private static let lock = NSLock()
    private static func register(_ o: AtomicOutput) {
        guard o.temporaryPath != "-" else { return }
        lock.lock(); pending[ObjectIdentifier(o)] = o.temporaryPath; lock.unlock()
    }
    private static func unregister(_ o: AtomicOutput) {
        lock.lock(); pending[ObjectIdentifier(o)] = nil; lock.unlock()
    }
    /// Removes every temporary output not yet committed (used on interruption).
    public static func removeAllTemporaries() {
        lock.lock(); let paths = Array(pending.values); lock.unlock()
        for p in paths { unlink(p) }
    }
}
