// Role: the real fastText (and gensim) read the models we write and give the vectors we give, in and out of
// the vocabulary, to 1e-5. Runs the Python of $EMBED_BENCH_PYTHON or bench/.venv when it has `fasttext`;
// skipped with a message otherwise (CI never has it: the committed fixtures cover reading).
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedVectors

final class FastTextInteropTests: XCTestCase {
    func testFastTextReadsOurModels() throws {
        let python = try FastTextPython.python()
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
            let theirs = try FastTextPython.vectors(python: python, library: "fasttext", path: path, words: words)
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
        let gensim = try FastTextPython.vectors(python: python, library: "gensim", path: path, words: words)
        for word in words {
            XCTAssertLessThan(maxDifference(changed.vector(for: word), try XCTUnwrap(gensim[word], word)), 1e-5, "gensim: \(word)")
        }
    }
}
