// Role: the EINTR-safe "write all of it" loop on a raw file descriptor, shared by every buffered writer.
import Foundation

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
            off += w
        }
        return nil
    }
}
