// Role: sorted runs on disk: a scratch folder created on first use (removed at the end, on failure and on
// interruption), buffered run writers, and run readers that are merge sources.
import EmbedCore
import Foundation
import EmbedStreams

/// The scratch folder for spilled runs and shuffle buckets, shared by the counting threads.
final class SpillSpace: @unchecked Sendable {
    let parent: String?
    private var folder: TemporaryFolder?
    private var next = 0
    private let lock = NSLock()
    /// Total bytes written to scratch files (for the summary).
    private(set) var bytesWritten: Int64 = 0

    init(parent: String?) { self.parent = parent }

    /// A fresh file name in the scratch folder (created on first call).
    func newFile(_ stem: String) throws -> String {
        lock.lock(); defer { lock.unlock() }
        if folder == nil { folder = try TemporaryFolder(parent: parent, prefix: "embed-cooccur") }
        next += 1
        return folder!.file("\(stem)-\(next).bin")
    }

    func didWrite(_ bytes: Int) { lock.lock(); bytesWritten += Int64(bytes); lock.unlock() }

    /// The scratch folder, if one was created.
    var path: String? { lock.lock(); defer { lock.unlock() }; return folder?.path }

    /// Removes the scratch folder and everything in it.
    func remove() {
        lock.lock(); let f = folder; folder = nil; lock.unlock()
        f?.remove()
    }
}

/// Raw buffered writes to a scratch file.
final class ScratchWriter {
    let path: String
    private let fd: Int32
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0
    private let space: SpillSpace
    private(set) var bytes: Int64 = 0

    init(space: SpillSpace, stem: String, bufferBytes: Int = 1 << 20) throws {
        self.space = space
        path = try space.newFile(stem)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw InputError("cannot create scratch file: \(String(cString: strerror(errno)))", path: path) }
        capacity = max(bufferBytes, 4096)
        buffer = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        if fd >= 0 { close(fd) }
    }

    @inline(__always)
    func write(_ p: UnsafeRawPointer, _ n: Int) throws {
        if used + n > capacity { try flush() }
        if n > capacity { try writeAll(p, n); return }
        (buffer + used).copyMemory(from: p, byteCount: n)
        used += n
    }

    func flush() throws {
        try writeAll(buffer, used)
        used = 0
    }

    private func writeAll(_ p: UnsafeRawPointer, _ n: Int) throws {
        if let e = FileDescriptorIO.writeAll(fd, p, n) {
            throw InputError("cannot write scratch file: \(String(cString: strerror(e)))", path: path)
        }
        bytes += Int64(n)
        space.didWrite(n)
    }

    /// Flushes and closes.
    func finish() throws { try flush() }
}

/// Reads a scratch file in chunks of whole items of `itemBytes`.
final class ScratchReader {
    let path: String
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError("cannot open scratch file: \(String(cString: strerror(errno)))", path: path) }
    }

    deinit { close(fd) }

    /// Fills `buffer` with up to `bytes` bytes; returns the bytes read (0 at the end).
    func read(into buffer: UnsafeMutableRawPointer, bytes: Int) throws -> Int {
        try FileDescriptorIO.read(fd, into: buffer, count: bytes, path: path)
    }
}

/// A run spilled to disk: sorted, reduced (key, value) entries.
struct DiskRun {
    let path: String
    let count: Int

    func source(blockEntries: Int) throws -> MergeSource { try FileSource(self, blockEntries: blockEntries) }
}

final class FileSource: MergeSource {
    private let reader: ScratchReader
    private let buffer: UnsafeMutablePointer<UInt64>
    private let capacity: Int
    private var left: Int

    init(_ run: DiskRun, blockEntries: Int) throws {
        reader = try ScratchReader(path: run.path)
        capacity = max(blockEntries, 16)
        buffer = .allocate(capacity: 2 * capacity)
        left = run.count
        super.init()
    }

    deinit { buffer.deallocate() }

    override var remainingEstimate: Int { left }

    override func nextBlock() throws -> Bool {
        let want = min(capacity, left)
        guard want > 0 else { return false }
        let got = try reader.read(into: buffer, bytes: want * RunEntry.byteSize)
        guard got == want * RunEntry.byteSize else {
            throw InputError("scratch run is shorter than written (was the temporary folder changed?)", path: reader.path)
        }
        left -= want
        block = UnsafePointer(buffer)
        count = want
        return true
    }
}
