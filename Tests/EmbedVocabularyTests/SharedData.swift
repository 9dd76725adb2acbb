// Role: locates the workplace's shared data (../shared/data beside the repository, or $EMBED_SHARED_DATA).
import Foundation

enum SharedData {
    static var root: String {
        if let env = ProcessInfo.processInfo.environment["EMBED_SHARED_DATA"] { return env }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }
    static func path(_ relative: String) -> String { (root as NSString).appendingPathComponent(relative) }
}
