// Role: refuses command lines whose outputs would destroy their inputs or each other: two outputs naming the
// same file, or an output naming an input (same path, or another name of the same file), as usage errors.
import ArgumentParser
import Foundation

enum PathChecks {
    /// What identifies a file: its device and inode when it exists, else its absolute, standardized path.
    private static func identity(_ path: String) -> String {
        var st = stat()
        if stat(path, &st) == 0 { return "inode \(st.st_dev):\(st.st_ino)" }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Throws a usage error when two of `outputs` are the same file or an output is one of `inputs`.
    /// Outputs named "-" (standard output) and device nodes are left out (they are written, not replaced).
    static func requireDistinct(outputs: [(flag: String, path: String?)], inputs: [String]) throws {
        var seen: [String: String] = [:]
        for (flag, path) in outputs {
            guard let path, path != "-", !isDevice(path) else { continue }
            let id = identity(path)
            if let other = seen[id] { throw ValidationError("\(flag) and \(other) name the same file (\(path))") }
            seen[id] = flag
        }
        let inputIDs = Set(inputs.filter { $0 != "-" && !isDevice($0) }.map(identity))
        for (flag, path) in outputs {
            guard let path, path != "-", !isDevice(path) else { continue }
            if inputIDs.contains(identity(path)) {
                throw ValidationError("\(flag) \(path) is also an input: writing it would destroy what is read")
            }
        }
    }

    private static func isDevice(_ path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        let kind = st.st_mode & S_IFMT
        return kind == S_IFCHR || kind == S_IFIFO || kind == S_IFSOCK || kind == S_IFBLK
    }
}
