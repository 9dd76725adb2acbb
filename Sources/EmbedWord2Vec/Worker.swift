// Role: one training thread: walks its slice of the id stream epoch after epoch, subsamples, draws a window
// radius per centre word and hands (context rows, centre) to the loss; Hogwild on the shared weights. In a
// subword model the centre's own and n-gram rows, averaged, predict each context word (fastText's skip-gram),
// and CBOW averages every row of every context word. Generic over the loss so each combination is compiled
// into its own tight loop.
import CKernels
import EmbedCore
import EmbedKernels

protocol TrainingWorker: AnyObject {
    var state: WorkerState { get }
    func run()
}

final class Worker<Loss: OutputLoss>: TrainingWorker {
    private let loss: Loss
    private let input: WeightMatrix
    private let subwords: SubwordRows?
    private let ids: UnsafePointer<Int32>
    private let corpus: EncodedCorpus
    private let subsampler: Subsampler
    private let control: TrainingControl
    private let window: Int
    private let cbow: Bool
    private let perPair: Bool
    private let stopAfter: Int64?
    private(set) var state: WorkerState

    /// Kept ids of the current line (or of its current stretch for very long lines).
    private let buffer: UnsafeMutablePointer<Int32>
    private let capacity: Int
    private let rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    private let targets: UnsafeMutablePointer<Int32>
    private let hidden: UnsafeMutablePointer<Float>
    private let hiddenScratch: UnsafeMutablePointer<Float>
    private let hiddenStep: UnsafeMutablePointer<Float>
    /// The generator and the loss tallies, as a value the hot loop keeps in a local variable (a class
    /// property changed per step would cost a dynamic exclusivity check each time).
    private struct Tally {
        var rng: FastRandom
        var lossSum = 0.0
        var lossPairs: Int64 = 0
        var centres = 0
    }
    private var tally: Tally

    /// Tokens between two updates of the global count and the learning rate: 10,000 as word2vec, fewer for
    /// small corpora so that the rate still decays smoothly (at least ~2,000 steps over the run).
    private let syncInterval: Int64
    /// Ids read between two `dropPages` calls (1 MB of stream).
    static var dropStretch: Int { 1 << 18 }

    init(loss: Loss, input: WeightMatrix, subwords: SubwordRows?, corpus: EncodedCorpus, subsampler: Subsampler,
         control: TrainingControl, settings: SkipGramSettings, totalTokens: Int64, state: WorkerState) {
        self.loss = loss
        self.input = input
        self.subwords = subwords
        ids = corpus.ids
        self.corpus = corpus
        self.subsampler = subsampler
        self.control = control
        window = settings.window
        cbow = settings.cbow
        perPair = !settings.cbow && settings.negativeSharing == .pair
        stopAfter = settings.stopAfterTokens
        syncInterval = min(10_000, max(100, Int64(settings.epochs) * totalTokens / 2_000))
        self.state = state
        capacity = max(settings.lineBuffer, 4 * settings.window + 1)
        buffer = .allocate(capacity: capacity)
        let rowCapacity = subwords.map { settings.cbow ? $0.mostRows(ofWords: 2 * settings.window) : $0.longest }
        rows = .allocate(capacity: max(2 * settings.window, rowCapacity ?? 0))
        targets = .allocate(capacity: 2 * settings.window)
        let stride = input.stride
        func scratchRow() -> UnsafeMutablePointer<Float> {
            UnsafeMutableRawPointer.allocate(byteCount: stride * 4, alignment: 64).bindMemory(to: Float.self, capacity: stride)
        }
        hidden = scratchRow(); hiddenScratch = scratchRow(); hiddenStep = scratchRow()
        var rng = FastRandom(seed: 0)
        rng.state = state.rng
        tally = Tally(rng: rng)
    }

    deinit {
        buffer.deallocate(); rows.deallocate(); targets.deallocate()
        hidden.deallocate(); hiddenScratch.deallocate(); hiddenStep.deallocate()
    }

    func run() {
        defer { control.workerFinished() }
        var rate = state.rate
        var unsynced = state.unsynced
        var n = state.carry.count
        var next = state.nextCentre
        var t = tally
        defer { tally = t }
        for (i, id) in state.carry.enumerated() { buffer[i] = id }
        let w = window

        /// Records where we stand; returns true when the run must stop here.
        func pausePoint(_ position: Int) -> Bool {
            if let limit = stopAfter, control.tokensDone + unsynced >= limit {
                control.stopWanted.store(true, ordering: .releasing)
                control.pauseRequested.store(true, ordering: .releasing)
            }
            guard control.pauseRequested.load(ordering: .relaxed) else { return false }
            state.position = position
            state.carry = Array(UnsafeBufferPointer(start: buffer, count: n))
            state.nextCentre = next
            state.rng = t.rng.state
            state.unsynced = unsynced
            state.rate = rate
            return control.pauseHere()
        }

        while state.epoch < control.epochs {
            var pos = state.position
            let end = state.end
            var dropped = pos
            while pos < end {
                if pos - dropped >= Worker.dropStretch { corpus.dropPages(dropped..<pos); dropped = pos }
                let id = ids[pos]
                pos += 1
                if id == EncodedCorpus.lineEnd {
                    if n > 0 { trainCentres(next, n, limit: n, rate: rate, &t) }
                    t.lossSum += Double(loss.flush())
                    n = 0; next = 0
                    if pausePoint(pos) { return }
                    continue
                }
                unsynced += 1
                if unsynced >= syncInterval {
                    rate = control.sync(tokens: unsynced, lossSum: t.lossSum, lossPairs: t.lossPairs).rate
                    unsynced = 0; t.lossSum = 0; t.lossPairs = 0
                }
                if subsampler.keep(id, &t.rng) {
                    buffer[n] = id
                    n += 1
                    if n == capacity {
                        // Train the centres whose whole window is in the buffer, keep 2w words as context.
                        trainCentres(next, n - w, limit: n, rate: rate, &t)
                        (buffer).update(from: buffer + (n - 2 * w), count: 2 * w)
                        n = 2 * w; next = w
                        t.lossSum += Double(loss.flush())
                        if pausePoint(pos) { return }
                    }
                }
            }
            corpus.dropPages(dropped..<end)
            state.epoch += 1
            state.position = state.start
        }
        // Where the next epoch would start (a time-budgeted run may launch the workers again from here).
        state.rate = control.sync(tokens: unsynced, lossSum: t.lossSum, lossPairs: t.lossPairs).rate
        state.unsynced = 0
        state.carry = []
        state.nextCentre = 0
        state.position = state.start
        state.rng = t.rng.state
    }

    /// Trains the centres buffer[from..<to]; context words come from buffer[0..<limit].
    @inline(__always)
    private func trainCentres(_ from: Int, _ to: Int, limit: Int, rate: Float, _ t: inout Tally) {
        let stride = input.stride
        var i = from
        while i < to {
            let radius = t.rng.next(below: window) &+ 1
            let lo = max(0, i - radius), hi = min(limit, i + radius + 1)
            let target = buffer[i]
            let measure = t.centres & 15 == 0
            t.centres &+= 1
            if let subwords {
                if i &+ 1 < limit { prefetchRows(subwords, of: buffer[i &+ 1]) }
                trainSubwords(subwords, centre: i, lo: lo, hi: hi, rate: rate, measure: measure, &t)
                i += 1
                continue
            }
            var count = 0
            for j in lo..<hi where j != i { rows[count] = input.row(Int(buffer[j])); count += 1 }
            if count == 0 { i += 1; continue }
            if cbow {
                targets[0] = target
                let l = MeanInputStep.run(loss, rows: rows, count: count, targets: targets, targetCount: 1,
                                          hidden: hidden, scratch: hiddenScratch, step: hiddenStep, stride: stride,
                                          rate: rate, rng: &t.rng, computeLoss: measure)
                if measure { t.lossSum += Double(l); t.lossPairs += 1 }
            } else if perPair {
                for k in 0..<count {
                    let l = loss.step(inputs: rows + k, inputCount: 1, target: target, rate: rate, rng: &t.rng,
                                      computeLoss: measure)
                    if measure { t.lossSum += Double(l); t.lossPairs += 1 }
                }
            } else {
                let l = loss.step(inputs: rows, inputCount: count, target: target, rate: rate, rng: &t.rng,
                                  computeLoss: measure)
                if measure { t.lossSum += Double(l); t.lossPairs += Int64(count) }
            }
            i += 1
        }
    }

    /// Requests the input rows of `word` (its own and its n-grams'), which a subword model's next centre reads:
    /// the bucket rows are scattered over a matrix far larger than the caches, and each would stall the step.
    @inline(__always)
    private func prefetchRows(_ subwords: SubwordRows, of word: Int32) {
        let w = Int(word), bytes = input.stride &* 4
        for k in Int(subwords.offsets[w])..<Int(subwords.offsets[w &+ 1]) {
            let row = UnsafeRawPointer(input.row(Int(subwords.rows[k])))
            var line = 0
            while line < bytes { embed_prefetch_write(row + line); line &+= 64 }
        }
    }

    /// One centre of a subword model: skip-gram averages the centre's rows and predicts each context word;
    /// CBOW averages the rows of every context word and predicts the centre (fastText's two models).
    @inline(__always)
    private func trainSubwords(_ subwords: SubwordRows, centre i: Int, lo: Int, hi: Int, rate: Float,
                               measure: Bool, _ t: inout Tally) {
        var count = 0, targetCount = 0
        @inline(__always) func addRows(of word: Int32) {
            let w = Int(word)
            for k in Int(subwords.offsets[w])..<Int(subwords.offsets[w + 1]) {
                rows[count] = input.row(Int(subwords.rows[k])); count += 1
            }
        }
        if cbow {
            for j in lo..<hi where j != i { addRows(of: buffer[j]) }
            if count == 0 { return }
            targets[0] = buffer[i]; targetCount = 1
        } else {
            for j in lo..<hi where j != i { targets[targetCount] = buffer[j]; targetCount += 1 }
            if targetCount == 0 { return }
            addRows(of: buffer[i])
        }
        let l = MeanInputStep.run(loss, rows: rows, count: count, targets: targets, targetCount: targetCount,
                                  hidden: hidden, scratch: hiddenScratch, step: hiddenStep, stride: input.stride,
                                  rate: rate, rng: &t.rng, computeLoss: measure)
        if measure { t.lossSum += Double(l); t.lossPairs += Int64(targetCount) }
    }
}
