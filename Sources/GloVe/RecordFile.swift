// Role: reads a co-occurrence record file (16-byte little-endian records: int32 i, int32 j, float64 x, no header;
// what `embed cooccur` and Stanford's cooccur/shuffle write) by record index, in big chunks, from any thread.
import Cooccurrence
import Foundation
import Streams

final class RecordFile: @unchecked Sendable {
    let path: String
    let count: Int
    private let fd: Int32

    init(path: String) throws {
        self.path = path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError("no such file", path: path)
        }
        if isDir.boolValue { throw InputError("is a directory, expected a co-occurrence record file", path: path) }
        let f = open(path, O_RDONLY)
        guard f >= 0 else { throw InputError("cannot open: \(String(cString: strerror(errno)))", path: path) }
        var st = stat()
        guard fstat(f, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(f)
            throw InputError("not a regular file (records are read by position)", path: path)
        }
        let size = Int(st.st_size)
        let n = CooccurrenceRecord.byteSize
        guard size % n == 0 else {
            close(f)
            throw InputError("size \(size) is not a multiple of \(n) bytes: not a co-occurrence record file (int32 i, int32 j, float64 x)", path: path)
        }
        guard size > 0 else { close(f); throw InputError("no co-occurrence records (empty file)", path: path) }
        fd = f
        count = size / n
    }

    deinit { close(fd) }

    /// Reads records first..<first+count into `buffer` (count * 16 bytes).
    func read(from first: Int, count: Int, into buffer: UnsafeMutableRawPointer) throws {
        let size = CooccurrenceRecord.byteSize
        var done = 0
        let total = count * size
        while done < total {
            let n = pread(fd, buffer + done, total - done, off_t(first * size + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError("read failed: \(String(cString: strerror(errno)))", path: path)
            }
            if n == 0 { throw InputError("file shrank while being read", path: path) }
            done += n
        }
    }
}
