// Role: the real fastText and gensim, run from a Python that has them ($EMBED_BENCH_PYTHON or bench/.venv), for
// tests that check our models against the peer; the tests are skipped with a message when there is none.
import Foundation
import XCTest

/// Runs fastText's or gensim's Python package on a model file.
public enum FastTextPython {
    /// A Python that imports fasttext, or a skip saying where it was looked for.
    public static func python() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["EMBED_BENCH_PYTHON"] { candidates.append(env) }
        candidates.append(SharedData.shipped("bench/.venv/bin/python"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if (try? run(candidate, ["-c", "import fasttext"]))?.status == 0 { return candidate }
        }
        throw XCTSkip("no Python with fasttext (looked at \(candidates.joined(separator: ", ")); set EMBED_BENCH_PYTHON)")
    }

    /// Runs `executable` with `arguments`; its exit status and both outputs.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// The vectors `library` ("fasttext" or "gensim") gives for `words` in the model at `path`.
    public static func vectors(python: String, library: String, path: String, words: [String]) throws -> [String: [Float]] {
        let load = library == "gensim"
            ? "from gensim.models.fasttext import load_facebook_model as L; m = L(p).wv; get = lambda w: m[w]"
            : "import fasttext; fasttext.FastText.eprint = lambda *a, **k: None; m = fasttext.load_model(p); get = m.get_word_vector"
        let script = """
        import json, sys
        p, words = sys.argv[1], json.loads(sys.argv[2])
        \(load)
        print(json.dumps({w: [float(x) for x in get(w)] for w in words}))
        """
        let words = String(decoding: try JSONSerialization.data(withJSONObject: words), as: UTF8.self)
        let result = try run(python, ["-c", script, path, words])
        guard result.status == 0 else {
            if library == "gensim" && result.stderr.contains("No module named 'gensim'") { throw XCTSkip("no gensim") }
            XCTFail("\(library) failed: \(result.stderr)")
            return [:]
        }
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [Double]] ?? [:]
        return object.mapValues { $0.map(Float.init) }
    }
}
