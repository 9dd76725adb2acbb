// Role: buffered output written to a temporary file and renamed into place on commit (regular files only),
// zstd-compressed when the destination ends in ".zst". An unfinished output never looks complete. A device,
// FIFO or "-" (standard output) is written directly; every write error is an InputError naming the output.
import CZstd
import EmbedCore
import Foundation

/// A buffered output file that appears under its name only when committed (optionally zstd-compressed).
public final class AtomicOutput {
    /// The destination as given ("-" for standard output).
    public let path: String
    /// The file written until `commit` renames it onto `path` ("-" or `path` itself when written directly).
    public let temporaryPath: String
    /// True for outputs written in place (standard output, devices, FIFOs): nothing is renamed.
    public let isDirect: Bool
    private let fd: Int32
    private var zstd: OpaquePointer?            // ZSTD_CCtx*
    private var buffer: UnsafeMutableRawPointer
    private let capacity = 1 << 20
    private var count = 0
    private var zbuf: UnsafeMutableRawPointer?
    private let zcap: Int
    private var finished = false
    /// Bytes written to the file so far (compressed bytes for zstd outputs).
    public private(set) var bytesWritten: Int64 = 0

    /// Opens `path` for writing. `compress` defaults to "path ends in .zst". "-" writes to standard output;
    /// an existing device or FIFO is written in place; a symbolic link is followed (its target is replaced).
    /// Throws InputError when the folder is missing, `path` is a directory, or the file cannot be created.
    public init(path: String, compress: Bool? = nil, level: Int32 = 3) throws {
        self.path = path
        if path == "-" {
            temporaryPath = "-"
            fd = 1
            isDirect = true
        } else {
            var target = path
            var st = stat()
            if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) {
                target = String(cString: resolved)
                free(resolved)
            }
            if stat(target, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
                guard (st.st_mode & S_IFMT) != S_IFDIR else { throw InputError("is a directory, not a file to write", path: path) }
                // A device, FIFO or socket: write to it as it is (renaming over it would replace the node).
                temporaryPath = path
                fd = open(target, O_WRONLY)
                guard fd >= 0 else { throw InputError("cannot open for writing: \(String(cString: strerror(errno)))", path: path) }
                isDirect = true
            } else {
                let dir = PathName.folder(target)
                let name = PathName.name(target)
                let folder = dir.isEmpty ? "." : dir
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
                    throw InputError("output folder does not exist", path: folder)
                }
                temporaryPath = (folder as NSString).appendingPathComponent(".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
                fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o644)
                guard fd >= 0 else { throw InputError("cannot create: \(String(cString: strerror(errno)))", path: path) }
                isDirect = false
            }
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

    /// Appends `bytes`; throws InputError naming the output when a write fails.
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

    /// Appends the UTF-8 bytes of `string`; throws InputError naming the output when a write fails.
    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the raw memory of `value` (little-endian on every supported machine); throws as `write(_:)`.
    public func write<T>(raw value: T) throws {
        try withUnsafeBytes(of: value) { try write($0) }
    }

    private func writeAll(_ p: UnsafeRawPointer, _ n: Int) throws {
        if let e = FileDescriptorIO.writeAll(fd, p, n) {
            throw InputError("write failed: \(String(cString: strerror(e)))", path: path == "-" ? "standard output" : path)
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

    /// Flushes everything and renames the temporary file onto `path` (direct outputs: flushes and closes).
    /// Throws InputError when a write, the sync or the rename fails (the temporary file is then removed).
    public func commit() throws {
        guard !finished else { return }
        do { try flushBuffer(end: true) } catch { abort(); throw error }
        finished = true
        AtomicOutput.unregister(self)
        if fd == 1 { return }
        if isDirect {
            guard close(fd) == 0 else { throw InputError("write failed: \(String(cString: strerror(errno)))", path: path) }
            return
        }
        let synced = fsync(fd) == 0 ? nil : String(cString: strerror(errno))
        let closed = close(fd) == 0 ? nil : String(cString: strerror(errno))
        if let e = synced ?? closed {
            unlink(temporaryPath)
            throw InputError("write failed: \(e)", path: path)
        }
        var target = path
        if let resolved = realpath(path, nil) { target = String(cString: resolved); free(resolved) }
        if rename(temporaryPath, target) != 0 {
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
        if fd != 1 { close(fd) }
        if !isDirect { unlink(temporaryPath) }
    }

    // Temporary files still open, removed by `removeAllTemporaries()` from a signal handler path.
    nonisolated(unsafe) private static var pending: [ObjectIdentifier: String] = [:]
    private static let lock = NSLock()
    private static func register(_ o: AtomicOutput) {
        guard !o.isDirect else { return }
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
