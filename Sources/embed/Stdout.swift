// Role: the tool's results on standard output, written with checked writes: a full disk, a closed or full
// pipe or device is an error (exit 1) instead of a silent loss (Swift's print ignores write errors).
import EmbedKit
import Foundation

enum Stdout {
    /// Writes `items` as `print` would (separated by spaces, then `terminator`); throws InputError on failure.
    static func print(_ items: String..., terminator: String = "\n") throws {
        var text = items.joined(separator: " ") + terminator
        try text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            if let e = FileDescriptorIO.writeAll(1, base, bytes.count) {
                throw InputError("cannot write the results: \(String(cString: strerror(e)))", path: "standard output")
            }
        }
    }
}
