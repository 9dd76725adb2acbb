// Role: re-seals an edited checkpoint-container file with a valid checksum, so tests can check that a
// consistent-looking but wrong header is still refused by the reader's own checks.
import EmbedKit

public enum Checksums {
    /// `bytes` with its last 8 bytes replaced by the container checksum of everything before them.
    public static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var sum = FNV1a64()
        out.withUnsafeBytes { sum.addWords(UnsafeRawBufferPointer(rebasing: $0[0..<out.count - 8])) }
        withUnsafeBytes(of: sum.value.littleEndian) { out.replaceSubrange(out.count - 8..<out.count, with: $0) }
        return out
    }
}
