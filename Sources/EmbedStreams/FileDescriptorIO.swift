// Role: the EINTR-safe "write all of it" and "read exactly this much" loops on a raw file descriptor, used by
// every writer and reader that works on descriptors (atomic outputs, scratch runs, checkpoints).
import EmbedCore
import Foundation

/// The EINTR-safe loops that write all of a buffer to, or read a given amount from, a raw file descriptor.
public enum FileDescriptorIO {
    /// Writes all `count` bytes at `bytes` to `fd`, retrying after EINTR and short writes.
    /// Returns nil on success, or the `errno` of the failure.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int32? {
        var off = 0
        while off < count {
            let w = Foundation.write(fd, bytes + off, count - off)
            if w < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if w == 0 { return ENOSPC }
            off += w
        }
        return nil
    }

    /// Reads up to `count` bytes into `buffer`, retrying after EINTR and short reads; returns the bytes read
    /// (fewer than `count` only at the end of the file). Throws InputError naming `path` on a read error.
    public static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, path: String) throws -> Int {
        var got = 0
        while got < count {
            let r = Foundation.read(fd, buffer + got, count - got)
            if r < 0 {
                if errno == EINTR { continue }
                throw InputError("read failed: \(String(cString: strerror(errno)))", path: path)
            }
            if r == 0 { break }
            got += r
        }
        return got
    }

    /// Reads exactly `count` bytes; a shorter file is InputError("\(what) is truncated").
    public static func readExactly(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, path: String,
                                   what: String = "file") throws {
        guard try read(fd, into: buffer, count: count, path: path) == count else {
            throw InputError("\(what) is truncated", path: path)
        }
    }
}
