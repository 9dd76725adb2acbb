// Role: where the workplace's shared data (../shared/data beside the repository, or $EMBED_SHARED_DATA) and the
// repository's own corpora are, for tests that read real files; tests that need them skip when absent.
import EmbedKit
import Foundation
import XCTest

public enum SharedData {
    /// The repository root (three levels above this file).
    public static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// $EMBED_SHARED_DATA, else `shared/data` beside the repository.
    public static var root: String {
        if let env = ProcessInfo.processInfo.environment["EMBED_SHARED_DATA"] { return env }
        return PathName.folder(repository) + "/shared/data"
    }

    /// A file of the shared data.
    public static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }

    /// A file the repository ships (`corpora/...`).
    public static func shipped(_ relative: String) -> String { (repository as NSString).appendingPathComponent(relative) }

    /// The shared file, or an XCTSkip saying it is missing.
    public static func require(_ relative: String) throws -> String {
        let p = path(relative)
        guard FileManager.default.fileExists(atPath: p) else { throw XCTSkip("shared data \(p) is not here") }
        return p
    }
}
