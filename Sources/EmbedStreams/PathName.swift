// Role: the folder and the name of a path, split at its last '/'. Foundation's NSString versions
// (`lastPathComponent`, `deletingLastPathComponent`) trap on one-character names with this toolchain's
// corelibs (`-o v` crashed the tool), so every path the package splits goes through here.
/// Splits paths into folder and name without Foundation's NSString path methods.
public enum PathName {
    /// The path without trailing slashes ("/" stays "/").
    private static func trimmed(_ path: String) -> Substring {
        var s = Substring(path)
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        return s
    }

    /// The last component: "b" of "a/b" and of "a/b/", "m" of "m", "/" of "/", "" of "".
    public static func name(_ path: String) -> String {
        let s = trimmed(path)
        if s == "/" { return "/" }
        guard let slash = s.lastIndex(of: "/") else { return String(s) }
        return String(s[s.index(after: slash)...])
    }

    /// Everything before the last component: "a" of "a/b", "/" of "/a", "" of "m" (the current folder).
    public static func folder(_ path: String) -> String {
        let s = trimmed(path)
        guard let slash = s.lastIndex(of: "/") else { return "" }
        var head = s[..<slash]
        while head.count > 1 && head.hasSuffix("/") { head = head.dropLast() }
        return head.isEmpty ? "/" : String(head)
    }
}
