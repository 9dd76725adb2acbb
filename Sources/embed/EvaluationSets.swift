// Role: finds the standard evaluation sets when none are named: next to the vectors file, then in
// corpora/eval (or corpora) of the current folder and of the repository the `embed` binary was built in.
import EmbedKit
import Foundation

public enum EvaluationSets {
    public static let analogyFile = "questions-words.txt"
    public static let similarityFiles = ["wordsim353.tsv", "simlex999.txt"]

    /// Folders searched, in order: the vectors file's folder, ./corpora/eval, ./corpora, then corpora/eval and
    /// corpora of each folder above the running executable (.build/<config>/embed lives three levels down).
    public static func folders(vectorsPath: String) -> [String] {
        var folders: [String] = []
        if vectorsPath != "-" {
            folders.append(URL(fileURLWithPath: vectorsPath).deletingLastPathComponent().path)
        }
        let cwd = FileManager.default.currentDirectoryPath
        folders += [cwd + "/corpora/eval", cwd + "/corpora"]
        if var dir = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            for _ in 0..<4 {
                dir = dir.deletingLastPathComponent()
                folders += [dir.path + "/corpora/eval", dir.path + "/corpora"]
            }
        }
        var seen = Set<String>()
        return folders.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// The first readable file called `name` in `folders`.
    public static func locate(_ name: String, in folders: [String]) -> String? {
        for folder in folders {
            let path = folder + "/" + name
            if FileManager.default.isReadableFile(atPath: path) { return path }
        }
        return nil
    }
}
