// Role: tests what the workers feed the loss, through a recording loss: windows stay inside a line, radii are
// uniform in 1...window, subsampling happens before windowing, long lines are trained in buffered stretches
// with the same windows, and pair mode passes the same pairs one at a time.
import EmbedCore
import EmbedTestSupport
import EmbedKernels
import XCTest
@testable import EmbedWord2Vec

/// An output layer that only records (target, input word ids) of each step.
final class RecordingLoss: OutputLoss {
    let input: WeightMatrix
    let maxInputs: Int
    var steps: [(target: Int32, inputs: [Int])] = []
    init(input: WeightMatrix, maxInputs: Int) { self.input = input; self.maxInputs = maxInputs }
    func step(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int, target: Int32, rate: Float,
              rng: inout FastRandom, computeLoss: Bool) -> Float {
        steps.append((target, (0..<inputCount).map { (inputs[$0] - input.base) / input.stride }))
        return 0
    }
}

final class WindowTests: XCTestCase {
    /// Runs one worker over `lines` (ids) and returns the recorded steps.
    func record(_ lines: [[Int32]], counts: [Int64]? = nil, options: SkipGramSettings) -> [(target: Int32, inputs: [Int])] {
        let corpus = EncodedCorpus(lines: lines)
        let v = Int(lines.flatMap { $0 }.max()!) + 1
        let input = WeightMatrix(rows: v, dimension: 8, stride: 8)
        let loss = RecordingLoss(input: input, maxInputs: 2 * options.window)
        let control = TrainingControl(tokensDone: 0, schedule: RateSchedule(settings: options, epochs: options.epochs,
                                                                            corpusTokens: corpus.tokenCount),
                                      epochs: options.epochs)
        let subsampler = Subsampler(counts: counts ?? [Int64](repeating: 1, count: v), sample: options.sample)
        let state = WorkerState(slice: 0..<corpus.length, rng: FastRandom(seed: options.seed).state, rate: 0.025)
        let worker = Worker(loss: loss, input: input, subwords: nil, corpus: corpus, subsampler: subsampler, control: control,
                            settings: options, totalTokens: corpus.tokenCount, state: state)
        worker.run()
        return loss.steps
    }

    func options(window: Int = 3, sample: Double = 0, epochs: Int = 1) -> SkipGramSettings {
        var o = SkipGramSettings()
        o.window = window; o.sample = sample; o.epochs = epochs; o.dimension = 8
        return o
    }

    func testWindowsStayInsideLinesAndAreSymmetric() {
        // Every token has its own id, so ids are positions; lines hold ids 0..<12, 12..<15, 15..<40.
        let lines: [[Int32]] = [Array(0..<12), Array(12..<15), Array(15..<40)]
        let lineOf: (Int) -> Int = { $0 < 12 ? 0 : $0 < 15 ? 1 : 2 }
        let starts = [0, 12, 15], ends = [12, 15, 40]
        let steps = record(lines, options: options(window: 4))
        XCTAssertEqual(steps.count, 40)
        XCTAssertEqual(steps.map(\.target), (0..<40).map(Int32.init), "each centre once, in order")
        for s in steps {
            let t = Int(s.target), l = lineOf(t)
            XCTAssertTrue(s.inputs.allSatisfy { lineOf($0) == l }, "window crosses a line at \(t)")
            XCTAssertFalse(s.inputs.contains(t))
            // A radius r in 1...4 cut at the line's ends.
            let radius = s.inputs.map { abs($0 - t) }.max()!
            XCTAssertTrue((1...4).contains(radius))
            XCTAssertEqual(Set(s.inputs), Set((max(starts[l], t - radius)..<min(ends[l], t + radius + 1)).filter { $0 != t }))
        }
    }

    func testRadiusIsUniform() {
        let line = (0..<4000).map { Int32($0) }
        let steps = record([line], options: options(window: 5))
        var histogram = [Int](repeating: 0, count: 6)
        for s in steps where s.target >= 5 && s.target < 3995 { histogram[s.inputs.count / 2] += 1 }
        let n = Double(histogram.reduce(0, +)), p = 1.0 / 5
        let chi = (1...5).reduce(0.0) { $0 + pow(Double(histogram[$1]) - n * p, 2) / (n * p) }
        XCTAssertEqual(histogram[0], 0)
        XCTAssertLessThan(chi, chiSquareBound(df: 4))
    }

    func testLongLinesAreTrainedInStretchesWithTheSameWindows() {
        let line = (0..<300).map { Int32($0 % 50) }
        let whole = record([line, [1, 2, 3]], options: options(window: 3))
        var small = options(window: 3)
        small.lineBuffer = 13          // forces many flushes with carried context
        let stretched = record([line, [1, 2, 3]], options: small)
        XCTAssertEqual(whole.count, 303)
        XCTAssertEqual(whole.map(\.target), stretched.map(\.target))
        XCTAssertEqual(whole.map(\.inputs), stretched.map(\.inputs))
    }

    func testSubsamplingHappensBeforeWindowing() {
        // Word 0 is nearly always dropped; with window 1, 1 and 2 then become neighbours.
        let lines = (0..<200).map { _ in [Int32(1), 0, 2] }
        let counts: [Int64] = [1_000_000, 1, 1]
        let steps = record(lines, counts: counts, options: options(window: 1, sample: 1e-5))
        let adjacent = steps.filter { $0.target == 1 && $0.inputs == [2] }.count
        XCTAssertGreaterThan(adjacent, 150)
        XCTAssertLessThan(steps.filter { $0.target == 0 }.count, 20)
    }

    func testPairModeSplitsEachWindowIntoPairs() {
        var o = options(window: 2)
        let windows = record([Array(0..<30)], options: o)
        o.negativeSharing = .pair
        let pairs = record([Array(0..<30)], options: o)
        XCTAssertTrue(pairs.allSatisfy { $0.inputs.count == 1 })
        let expanded = windows.flatMap { w in w.inputs.map { (w.target, $0) } }
        XCTAssertEqual(pairs.map(\.target), expanded.map(\.0))
        XCTAssertEqual(pairs.map { $0.inputs[0] }, expanded.map(\.1))
    }
}
