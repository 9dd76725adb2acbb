// Role: expands the user's corpus arguments (files, directories, "-") into an ordered file list.
import EmbedCore
import Foundation

/// Turns the corpus arguments (files, directories, "-") into the ordered list of files to read.
public enum InputPaths {
    /// Files as given; a directory contributes all regular files inside it (recursively), sorted by path;
    /// "-" stands for standard input. Throws for missing paths and empty directories.
    public static func expand(_ arguments: [String]) throws -> [String] {
        guard !arguments.isEmpty else { throw InputError("no input given (a file, a directory or - for standard input)") }
        var files: [String] = []
        let fm = FileManager.default
        for arg in arguments {
            if arg == "-" { files.append(arg); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: arg, isDirectory: &isDir) else { throw InputError("no such file or directory", path: arg) }
            if !isDir.boolValue { files.append(arg); continue }
            guard let walker = fm.enumerator(atPath: arg) else { throw InputError("cannot list directory", path: arg) }
            var inside: [String] = []
            while let rel = walker.nextObject() as? String {
                let full = (arg as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue, !rel.hasPrefix("."),
                   !PathName.name(rel).hasPrefix(".") {
                    inside.append(full)
                }
            }
            if inside.isEmpty { throw InputError("directory holds no files", path: arg) }
            files.append(contentsOf: inside.sorted())
        }
        return files
    }

    /// Total size in bytes of the plain files (nil if any input is stdin or not a regular file).
    public static func totalBytes(_ files: [String]) -> Int64? {
        var total: Int64 = 0
        for f in files {
            guard f != "-", let attrs = try? FileManager.default.attributesOfItem(atPath: f),
                  let size = attrs[.size] as? NSNumber else { return nil }
            total += size.int64Value
        }
        return total
    }
}
