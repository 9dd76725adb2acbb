// Role: the real fastText (and gensim) read the models we write and give the vectors we give, in and out of
// the vocabulary, to 1e-5. Runs the Python of $EMBED_BENCH_PYTHON or bench/.venv when it has `fasttext`;
// skipped with a message otherwise (CI never has it: the committed fixtures cover reading).
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedVectors

final class FastTextInteropTests: XCTestCase {
    /// A Python that imports fasttext, or a skip saying where it was looked for.
    static func python() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["EMBED_BENCH_PYTHON"] { candidates.append(env) }
        candidates.append(SharedData.shipped("bench/.venv/bin/python"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if (try? run(candidate, ["-c", "import fasttext"]))?.status == 0 { return candidate }
        }
        throw XCTSkip("no Python with fasttext (looked at \(candidates.joined(separator: ", ")); set EMBED_BENCH_PYTHON)")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
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
    static func vectors(python: String, library: String, path: String, words: [String]) throws -> [String: [Float]] {
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

    func testFastTextReadsOurModels() throws {
        let python = try Self.python()
        let scratch = try TestFolder()
        // A model of our own making (non-ASCII words, </s> in the vocabulary, awkward weights, 11 buckets) and
        // the fastText fixture with changed weights.
        let handMade = try FastTextFixture.handMade(dim: 3, buckets: 11)
        let fixture = try FastTextModel.read(path: FastTextFixture.model)
        let changed = try FastTextModel(args: fixture.args, dictionary: fixture.dictionary,
                                        input: fixture.input.enumerated().map { $0.element * 0.5 + Float($0.offset % 7) * 1e-3 },
                                        output: fixture.output)
        let cases: [(String, FastTextModel, [String])] = [
            ("hand.bin", handMade, ["the", "été", "中文", "🙂x", "</s>", "unseen", "café", "🙂", "x"]),
            ("changed.bin", changed, ["anarchism", "the", "state", "anarchisms", "politicaly", "naïve", "中文", "ab"]),
        ]
        for (name, model, words) in cases {
            let path = scratch.file(name)
            try model.write(to: path)
            let theirs = try Self.vectors(python: python, library: "fasttext", path: path, words: words)
            XCTAssertEqual(Set(theirs.keys), Set(words), name)
            for word in words {
                let ours = model.vector(for: word)
                let v = try XCTUnwrap(theirs[word], word)
                XCTAssertLessThan(maxDifference(ours, v), 1e-5, "\(name): \(word)")
            }
        }
        // gensim's load_facebook_model too (it splits </s> into n-grams, which fastText does not: left out).
        let path = scratch.file("changed.bin")
        let words = ["anarchism", "the", "anarchisms", "naïve", "中文"]
        let gensim = try Self.vectors(python: python, library: "gensim", path: path, words: words)
        for word in words {
            XCTAssertLessThan(maxDifference(changed.vector(for: word), try XCTUnwrap(gensim[word], word)), 1e-5, "gensim: \(word)")
        }
    }
}
