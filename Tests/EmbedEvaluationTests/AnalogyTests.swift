// Role: analogy evaluation on hand-made vectors whose answers are worked out by hand: 3CosAdd and 3CosMul
// scores, excluded input words, ties, skipped questions, restrict, case folding and gensim's answer rules.
import EmbedCore
import EmbedVectors
import XCTest
@testable import EmbedEvaluation

final class AnalogyTests: XCTestCase {
    typealias V = TestVectors

    // Question a:b :: c:?, a = e1, b = e2, c = e3, so b - a + c = (-1, 1, 1, 0) (length sqrt 3).
    // Dot products with it: p = (-.5,.5,.5,.5) -> 1.5, q = (.5,.5,.5,.5) -> 0.5, b and c -> 1, a -> -1,
    // m = -e1 -> 1.
    func testCosAddPicksBestNonInputAndScoresAreCosines() throws {
        let e = try V.make([("a", V.e1), ("b", V.e2), ("c", V.e3), ("q", V.half(1, 1, 1, 1)), ("p", V.half(-1, 1, 1, 1))])
        let solver = AnalogySolver(e)
        let top = solver.candidates([AnalogyRows(a: 0, b: 1, c: 2)], method: .add, k: 5)[0]
        // Scores are (cos b + cos c) - cos a, each cosine exact: p 1.5, b 1, c 1, q 0.5, a -1.
        XCTAssertEqual(top.map(\.row), [4, 1, 2, 3, 0])
        XCTAssertEqual(top.map(\.score), [1.5, 1, 1, 0.5, -1])

        let set = try AnalogySet(text: ": family\na b c p\na b c q\n")
        let report = e.analogies(set)
        XCTAssertEqual(report.outcomes, [.answered("p", correct: true), .answered("p", correct: false)])
        XCTAssertEqual(report.total, AnalogyScore(correct: 1, seen: 2))
    }

    func testInputWordsAreExcludedEvenWhenTheyScoreHighest() throws {
        // Without p, the inputs b and c (score 1) beat q (0.5): the answer must still be q.
        let e = try V.make([("a", V.e1), ("b", V.e2), ("c", V.e3), ("q", V.half(1, 1, 1, 1))])
        let report = e.analogies(try AnalogySet(text: ": s\na b c q\n"))
        XCTAssertEqual(report.outcomes, [.answered("q", correct: true)])
    }

    func testExactTieGoesToTheEarlierRow() throws {
        // p1 and p2 have the same vector: the earlier row (more frequent word) is the answer.
        let e = try V.make([("a", V.e1), ("b", V.e2), ("c", V.e3), ("p1", V.half(-1, 1, 1, 1)), ("p2", V.half(-1, 1, 1, 1))])
        let report = e.analogies(try AnalogySet(text: ": s\na b c p1\na b c p2\n"))
        XCTAssertEqual(report.outcomes, [.answered("p1", correct: true), .answered("p1", correct: false)])
        // Reversing the rows reverses the winner.
        let swapped = try V.make([("a", V.e1), ("b", V.e2), ("c", V.e3), ("p2", V.half(-1, 1, 1, 1)), ("p1", V.half(-1, 1, 1, 1))])
        let again = swapped.analogies(try AnalogySet(text: ": s\na b c p1\n"))
        XCTAssertEqual(again.outcomes, [.answered("p2", correct: false)])
    }

    // 3CosMul with cos' = (1 + cos) / 2 and epsilon 1e-6:
    //   p = (-.5,.5,.5,.5): cos a, b, c = -.5, .5, .5 -> .75 * .75 / (.25 + 1e-6) = 2.24999100...
    //   m = -e1:            cos a, b, c = -1, 0, 0   -> .5 * .5 / (0 + 1e-6)    = 250000
    //   q = (.5,.5,.5,.5):  .5, .5, .5               -> .75 * .75 / (.75 + 1e-6) = 0.74999900...
    // 3CosAdd prefers p (1.5 against m's 1), 3CosMul prefers m.
    func testCosMulAgainstHandComputedScores() throws {
        let e = try V.make([("a", V.e1), ("b", V.e2), ("c", V.e3), ("p", V.half(-1, 1, 1, 1)),
                            ("m", [-1, 0, 0, 0]), ("q", V.half(1, 1, 1, 1))])
        let solver = AnalogySolver(e)
        let top = solver.candidates([AnalogyRows(a: 0, b: 1, c: 2)], method: .mul, k: 6)[0]
        // b: cos a, b, c = 0, 1, 0 -> 1 * .5 / (.5 + 1e-6), c the same (a tie: row order); a: .5 * .5 / (1 + 1e-6).
        XCTAssertEqual(top.map(\.row), [4, 3, 1, 2, 5, 0])
        XCTAssertEqual(top[0].score, 250_000, accuracy: 0.1)
        XCTAssertEqual(top[1].score, 0.5625 / 0.250001, accuracy: 1e-5)
        XCTAssertEqual(top[2].score, 0.5 / 0.500001, accuracy: 1e-6)
        XCTAssertEqual(top[3].score, top[2].score)
        XCTAssertEqual(top[4].score, 0.5625 / 0.750001, accuracy: 1e-6)
        XCTAssertEqual(top[5].score, 0.25 / 1.000001, accuracy: 1e-6)

        let set = try AnalogySet(text: ": s\na b c m\n")
        XCTAssertEqual(e.analogies(set, options: AnalogyOptions(method: .mul)).outcomes,
                       [.answered("m", correct: true)])
        XCTAssertEqual(e.analogies(set, options: AnalogyOptions(method: .add)).outcomes,
                       [.answered("p", correct: false)])
    }

    func testSkippedQuestionsRestrictAndSections() throws {
        // p (the best answer) sits at row 5, outside --restrict 5: q (row 3) answers instead, and a question
        // naming p is skipped like one naming an unknown word.
        let e = try V.make([("a", V.e1), ("b", V.e2), ("c", V.e3), ("q", V.half(1, 1, 1, 1)), ("z", V.e4),
                            ("p", V.half(-1, 1, 1, 1))])
        let text = ": capital\na b c q\na b c p\n: gram1-x\na b c nowhere\nb a c q\n"
        let report = e.analogies(try AnalogySet(text: text), options: AnalogyOptions(restrict: 5))
        XCTAssertEqual(report.outcomes[0], .answered("q", correct: true))
        XCTAssertEqual(report.outcomes[1], .skipped)
        XCTAssertEqual(report.outcomes[2], .skipped)
        XCTAssertEqual(report.skipped, 2)
        XCTAssertEqual(report.sections.map(\.name), ["capital", "gram1-x"])
        // "b a c q": b - a + c becomes (1, -1, 1, 0): q scores .5, z 0 (p is outside): q is right.
        XCTAssertEqual(report.outcomes[3], .answered("q", correct: true))
        XCTAssertEqual(report.sections.map(\.score), [AnalogyScore(correct: 1, seen: 1), AnalogyScore(correct: 1, seen: 1)])
        XCTAssertEqual(report.sections.map(\.skipped), [1, 1])
        XCTAssertEqual(report.semantic, AnalogyScore(correct: 1, seen: 1))
        XCTAssertEqual(report.syntactic, AnalogyScore(correct: 1, seen: 1))
        XCTAssertEqual(report.total, AnalogyScore(correct: 2, seen: 2))
        XCTAssertEqual(report.questions, 4)

        // Without the restriction p is found and answers the first two questions.
        let all = e.analogies(try AnalogySet(text: text), options: AnalogyOptions(restrict: 100))
        XCTAssertEqual(all.outcomes[0], .answered("p", correct: false))
        XCTAssertEqual(all.outcomes[1], .answered("p", correct: true))
        XCTAssertEqual(all.restrict, 6)
    }

    func testCaseFoldingUsesTheFirstRowOfEachUpperCasedForm() throws {
        // "Athens" (row 0) and "athens" (row 4) fold together: the question's ATHENS is row 0, e1.
        let e = try V.make([("Athens", V.e1), ("greece", V.e2), ("Paris", V.e3), ("france", V.half(-1, 1, 1, 1)),
                            ("athens", V.e4), ("FRANCE", V.half(1, 1, 1, 1))])
        let set = try AnalogySet(text: ": capitals\nathens Greece paris FRANCE\nAthens greece Paris france\n")
        let folded = e.analogies(set)
        // Answer row 3 "france" folds to FRANCE: correct for both spellings of the question.
        XCTAssertEqual(folded.outcomes, [.answered("france", correct: true), .answered("france", correct: true)])

        let exact = e.analogies(set, options: AnalogyOptions(caseSensitive: true))
        // The first question's words are not all present as written; the second is answered exactly.
        XCTAssertEqual(exact.outcomes, [.skipped, .answered("france", correct: true)])
    }

    func testCaseVariantOfAnInputIsNotAnAnswer() throws {
        // "C" folds to the input "c" and scores 1 like c: it is passed over (not the same row as c, but the
        // same word once upper-cased), and q answers.
        let e = try V.make([("a", V.e1), ("b", V.e2), ("c", V.e3), ("C", V.e3), ("q", V.half(1, 1, 1, 1))])
        let report = e.analogies(try AnalogySet(text: ": s\na b c q\n"))
        XCTAssertEqual(report.outcomes, [.answered("q", correct: true)])
        // Case-sensitive, "C" is a different word and the best answer.
        let exact = e.analogies(try AnalogySet(text: ": s\na b c q\n"), options: AnalogyOptions(caseSensitive: true))
        XCTAssertEqual(exact.outcomes, [.answered("C", correct: false)])
    }

    func testFiveCaseVariantsOfInputsHideTheAnswerAsInGensim() throws {
        // gensim looks at the five best answers after removing the input rows; when all five are case variants
        // of input words it keeps the fifth as its (wrong) answer. Variants of "bb" and "cc" score 1, q 0.5.
        var rows: [(String, [Float])] = [("aa", V.e1), ("bb", V.e2), ("cc", V.e3)]
        rows += [("Bb", V.e2), ("bB", V.e2), ("BB", V.e2), ("Cc", V.e3), ("cC", V.e3), ("q", V.half(1, 1, 1, 1))]
        let report = try V.make(rows).analogies(try AnalogySet(text: ": s\naa bb cc q\n"))
        // Best first (ties by row): bb, cc (inputs, removed), then Bb, bB, BB, Cc, cC: the fifth is cC.
        XCTAssertEqual(report.outcomes, [.answered("cC", correct: false)])
        // With one variant fewer, q is the fifth answer and is found.
        rows.remove(at: 7)
        let found = try V.make(rows).analogies(try AnalogySet(text: ": s\naa bb cc q\n"))
        XCTAssertEqual(found.outcomes, [.answered("q", correct: true)])
    }

    func testManyQuestionsAcrossVocabularyBlocksMatchOneByOne() throws {
        // More rows than one vocabulary block holds and more questions than worker chunks: every question's
        // best row equals a plain scan of all rows.
        var random = SplitMix(seed: 7)
        let n = 500, d = 8
        var values = [Float]()
        for _ in 0..<(n * d) { values.append(Float.random(in: -1...1, using: &random)) }
        let e = try WordVectors(words: (0..<n).map { "w\($0)" }, dimension: d, vectors: values)
        let questions = (0..<40).map { _ in
            AnalogyRows(a: Int.random(in: 0..<n, using: &random), b: Int.random(in: 0..<n, using: &random),
                        c: Int.random(in: 0..<n, using: &random))
        }
        let solver = AnalogySolver(e)
        let unit = solver.unit.values
        for method in AnalogyMethod.allCases {
            // At most 120 distinct inputs and a budget of 64 x 120 floats: blocks of 64 columns.
            let top = solver.candidates(questions, method: method, k: 3, blockBudget: 64 * 120)
            for (i, q) in questions.enumerated() {
                func cos(_ x: Int, _ y: Int) -> Float { (0..<d).reduce(0) { $0 + unit[x * d + $1] * unit[y * d + $1] } }
                var best = -Float.infinity
                for x in 0..<n {
                    let s: Float = method == .add
                        ? cos(x, q.b) + cos(x, q.c) - cos(x, q.a)
                        : ((1 + cos(x, q.b)) / 2) * ((1 + cos(x, q.c)) / 2) / ((1 + cos(x, q.a)) / 2 + 1e-6)
                    best = max(best, s)
                }
                XCTAssertEqual(top[i][0].score, best, accuracy: method == .add ? 1e-5 : 1e-3 * max(1, abs(best)))
                XCTAssertGreaterThanOrEqual(top[i][0].score, top[i][1].score)
                XCTAssertGreaterThanOrEqual(top[i][1].score, top[i][2].score)
            }
        }
    }

    func testQuestionsFileErrors() throws {
        XCTAssertThrowsError(try AnalogySet(text: "a b c d\n", path: "q.txt")) {
            XCTAssertEqual("\($0)", "q.txt:1: question before the first `: section` line")
        }
        XCTAssertThrowsError(try AnalogySet(text: ": s\na b c\n", path: "q.txt")) {
            XCTAssertEqual("\($0)", "q.txt:2: expected 4 words (a b c d) or a `: section` line, found 3 words")
        }
        let set = try AnalogySet(text: ": one \n\na b c d\r\n:  two\n")
        XCTAssertEqual(set.sections.map(\.name), ["one", "two"])
        XCTAssertEqual(set.sections[0].questions, [AnalogySet.Question("a", "b", "c", "d")])
    }
}

/// A seeded generator, so the randomized test is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
