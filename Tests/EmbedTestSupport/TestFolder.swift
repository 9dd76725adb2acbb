// Role: a scratch folder for one test (removed when released), with helpers to write text or bytes into it
// and list what is left inside (to check that scratch files were cleaned up).
import Foundation

public final class TestFolder {
    public let path: String

    /// A fresh folder under the system's temporary directory; `prefix` names it for debugging.
    public init(prefix: String = "embed-test") throws {
        path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the folder (nothing is created).
    public func file(_ name: String) -> String { path + "/" + name }

    /// Writes `text` (UTF-8) to `name` and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String { try write(Data(text.utf8), to: name) }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    public func write(bytes: [UInt8], to name: String) throws -> String { try write(Data(bytes), to: name) }

    /// Writes `data` to `name` and returns its path.
    @discardableResult
    public func write(_ data: Data, to name: String) throws -> String {
        let file = self.file(name)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Creates the folder `name` inside and returns its path.
    public func makeFolder(_ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: file(name), withIntermediateDirectories: true)
        return file(name)
    }

    /// Everything inside (or inside `sub`), recursively, sorted.
    public func contents(_ sub: String = "") -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: sub.isEmpty ? path : file(sub))) ?? []).sorted()
    }

    /// The bytes of `name`.
    public func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: file(name)))) }
}
