// Role: a private scratch folder (spill runs, spooled stdin) removed at the end, on failure and on interruption.
import EmbedCore
import Foundation

/// A private scratch folder (spill runs, spooled standard input) removed with everything in it when released,
/// on `remove()`, and by `removeAll()` on interruption.
public final class TemporaryFolder {
    /// The folder's full path (`parent/prefix-XXXXXX`).
    public let path: String

    /// Creates a fresh folder under `parent` (default: the system's temporary folder, Foundation's
    /// `temporaryDirectory`). Throws `InputError` when `parent` is missing or the folder cannot be created.
    public init(parent: String? = nil, prefix: String = "embed") throws {
        var base = parent ?? FileManager.default.temporaryDirectory.path
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isDir), isDir.boolValue else {
            throw InputError("temporary folder does not exist", path: base)
        }
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw InputError("cannot create a temporary folder: \(String(cString: strerror(errno)))", path: base)
        }
        path = String(cString: made)
        TemporaryFolder.register(path)
    }

    deinit { remove() }

    /// The path of a file called `name` inside the folder (the file is not created).
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Deletes the folder and everything in it now (errors ignored).
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
        TemporaryFolder.unregister(path)
    }

    nonisolated(unsafe) private static var live: Set<String> = []
    private static let lock = NSLock()
    private static func register(_ p: String) { lock.lock(); live.insert(p); lock.unlock() }
    private static func unregister(_ p: String) { lock.lock(); live.remove(p); lock.unlock() }
    /// Removes every live temporary folder (used on interruption).
    public static func removeAll() {
        lock.lock(); let all = live; lock.unlock()
        for p in all { try? FileManager.default.removeItem(atPath: p) }
    }
}
