// Role: the linear-chain CRF over the tag scores of a packed batch: transition scores (K x K, from row to
// column) plus start and end scores; the negative log-likelihood of the gold paths by the forward algorithm
// and its gradient by forward-backward, restricted to the allowed transitions (so training and decoding
// agree on which paths exist). The forward and backward recursions run in scaled probability space (each
// step normalised, its log kept) so every step is one gemm over the sequences still running and only K
// exponentials per token are needed, not K^2.
import EmbedClassifier
import EmbedCore

/// A linear-chain CRF whose parameters live in a network's parameter vector at `parameterOffset`:
/// transitions[i * K + j] (tag i followed by tag j), then start[K], then end[K].
public final class LinearChainCRF<T: NetworkScalar> {
    /// K, the number of tags.
    public let tags: Int
    /// Offset of the transition scores in the parameter vector.
    public let parameterOffset: Int
    /// Transition, start and end scores.
    public var parameterCount: Int { tags * tags + 2 * tags }
    /// allowed[i * K + j]: tag j may follow tag i.
    public let allowed: [Bool]
    /// Tags a sequence may start and end with.
    public let allowedStart: [Bool], allowedEnd: [Bool]

    private let expTransitions = Scratch<T>()   // K x K, exp(trans - max), 0 where not allowed
    private let expStart = Scratch<T>(), expEnd = Scratch<T>()
    private let alpha = Scratch<T>()            // rows x K, normalised forward values
    private let exps = Scratch<T>()             // rows x K, exp(emission - row max), 0 where unreachable
    private let reach = Scratch<T>()            // rows x K, alpha_{t-1} M (what reaches each tag)
    private let scales = Scratch<T>()           // rows, the normaliser of each step
    private let beta = Scratch<T>()             // rows x K
    private let weighted = Scratch<T>()         // rows x K, exps * beta / scale
    private let pairSums = Scratch<T>()         // K x K, sum over steps of alpha_{t-1}^T weighted_t
    private let dEmissions = Scratch<T>()       // rows x K
    private var endValues: [T] = []             // per sequence, sum_j alpha_last(j) end(j)

    /// A CRF over K = `tags` tags with the given allowed transitions, starts and ends.
    public init(tags: Int, allowed: [Bool], allowedStart: [Bool], allowedEnd: [Bool], parameterOffset: Int) {
        precondition(allowed.count == tags * tags && allowedStart.count == tags && allowedEnd.count == tags)
        self.tags = tags
        self.allowed = allowed
        self.allowedStart = allowedStart
        self.allowedEnd = allowedEnd
        self.parameterOffset = parameterOffset
    }

    /// A CRF over the classes of `tagSet`, with its constraints.
    public convenience init(tagSet: TagSet, parameterOffset: Int) {
        let k = tagSet.count
        self.init(tags: k, allowed: (0..<k * k).map { tagSet.allows($0 / k, $0 % k) },
                  allowedStart: (0..<k).map(tagSet.allowsStart), allowedEnd: (0..<k).map(tagSet.allowsEnd),
                  parameterOffset: parameterOffset)
    }

    /// Zero scores (every allowed path equally likely before training).
    public func initialize(_ p: UnsafeMutablePointer<T>) {
        (p + parameterOffset).update(repeating: 0, count: parameterCount)
    }

    /// dL/d(emissions) of the last `negativeLogLikelihood` call (rows x K, packed order).
    public var emissionGradient: UnsafeMutablePointer<T> { dEmissions.pointer }

    /// exp(values - max over the allowed ones) into `out`, 0 where not allowed; returns the max.
    private static func exponentiate(_ values: UnsafePointer<T>, allowed: [Bool], into out: UnsafeMutablePointer<T>) -> T {
        var top = -T.infinity
        for i in 0..<allowed.count where allowed[i] && values[i] > top { top = values[i] }
        for i in 0..<allowed.count { out[i] = allowed[i] ? T.exp(values[i] - top) : 0 }
        return top
    }

    /// The summed negative log-likelihood of the gold tags (`gold`, one per packed row) of every sequence of
    /// the batch under the scores `emissions` (rows x K). With `gradients`, also adds `scale` times the
    /// gradient of that sum with respect to the CRF's parameters into `gradients` and writes `scale` times
    /// its gradient with respect to the emissions into `emissionGradient`.
    public func negativeLogLikelihood(emissions e: UnsafePointer<T>, batch: PackedBatch, gold: [Int32],
                                      parameters p: UnsafePointer<T>, gradients g: UnsafeMutablePointer<T>?,
                                      scale: T) -> Double {
        let k = tags, rows = batch.rows
        precondition(gold.count == rows)
        let trans = p + parameterOffset, start = trans + k * k, end = start + k
        let m = expTransitions.reserve(k * k), se = expStart.reserve(k), ee = expEnd.reserve(k)
        let topTransition = LinearChainCRF.exponentiate(trans, allowed: allowed, into: m)
        let topStart = LinearChainCRF.exponentiate(start, allowed: allowedStart, into: se)
        let topEnd = LinearChainCRF.exponentiate(end, allowed: allowedEnd, into: ee)
        let alpha = self.alpha.reserve(rows * k), ex = exps.reserve(rows * k), u = reach.reserve(rows * k)
        let s = scales.reserve(rows)
        var logZ = [Double](repeating: 0, count: batch.count)
        // Forward: alpha_t = (alpha_{t-1} M) * exp(e_t - max), normalised; log Z adds up the logs.
        for t in 0..<batch.steps {
            let n = batch.stepSizes[t], r0 = batch.stepOffsets[t]
            if t == 0 {
                for b in 0..<n { (u + b * k).update(from: se, count: k) }
            } else {
                T.gemm(transA: false, transB: false, m: n, n: k, k: k, alpha: 1, a: alpha + batch.stepOffsets[t - 1] * k,
                       lda: k, b: m, ldb: k, beta: 0, c: u + r0 * k, ldc: k)
            }
            let shift = Double(t == 0 ? topStart : topTransition)
            for b in 0..<n {
                let r = r0 + b
                let er = e + r * k, ur = u + r * k, xr = ex + r * k, ar = alpha + r * k
                var top = -T.infinity
                for j in 0..<k where ur[j] > 0 && er[j] > top { top = er[j] }
                var sum: T = 0
                for j in 0..<k {
                    let x: T = ur[j] > 0 ? T.exp(er[j] - top) : 0
                    xr[j] = x
                    let a = ur[j] * x
                    ar[j] = a
                    sum += a
                }
                let inverse = 1 / sum
                for j in 0..<k { ar[j] *= inverse }
                s[r] = sum
                logZ[b] += Double(T.log(sum)) + Double(top) + shift
            }
        }
        if endValues.count < batch.count { endValues = [T](repeating: 0, count: batch.count) }
        var total = 0.0
        for b in 0..<batch.count {
            let last = Int(batch.lastRows[b]), ar = alpha + last * k
            var z: T = 0
            for j in 0..<k { z += ar[j] * ee[j] }
            endValues[b] = z
            logZ[b] += Double(T.log(z)) + Double(topEnd)
            // The gold path's score.
            var score = Double(start[Int(gold[b])])
            var previous = Int(gold[b])
            score += Double(e[b * k + previous])
            for t in 1..<batch.lengths[b] {
                let r = batch.stepOffsets[t] + b, y = Int(gold[r])
                score += Double(trans[previous * k + y]) + Double(e[r * k + y])
                previous = y
            }
            score += Double(end[previous])
            total += logZ[b] - score
        }
        if let g { backward(batch: batch, gold: gold, parameters: p, gradients: g, scale: scale) }
        return total
    }

    /// Forward-backward from the forward pass's state: marginals give the gradients.
    private func backward(batch: PackedBatch, gold: [Int32], parameters p: UnsafePointer<T>,
                          gradients g: UnsafeMutablePointer<T>, scale: T) {
        let k = tags, rows = batch.rows
        let m = expTransitions.pointer, ee = expEnd.pointer
        let alpha = self.alpha.pointer, ex = exps.pointer, s = scales.pointer
        let beta = self.beta.reserve(rows * k), w = weighted.reserve(rows * k)
        let pairs = pairSums.reserve(k * k)
        pairs.update(repeating: 0, count: k * k)
        for b in 0..<batch.count {
            let last = Int(batch.lastRows[b]), inverse = 1 / endValues[b]
            for i in 0..<k { beta[last * k + i] = ee[i] * inverse }
        }
        // beta_{t-1} = M (exps_t * beta_t / s_t) for the sequences still running at t; sum_t alpha_{t-1}^T w_t.
        for t in stride(from: batch.steps - 1, through: 1, by: -1) {
            let n = batch.stepSizes[t], r0 = batch.stepOffsets[t], q0 = batch.stepOffsets[t - 1]
            for r in r0..<(r0 + n) {
                let inverse = 1 / s[r]
                for j in 0..<k { w[r * k + j] = ex[r * k + j] * beta[r * k + j] * inverse }
            }
            T.gemm(transA: false, transB: true, m: n, n: k, k: k, alpha: 1, a: w + r0 * k, lda: k, b: m, ldb: k,
                   beta: 0, c: beta + q0 * k, ldc: k)
            T.gemm(transA: true, transB: false, m: k, n: k, k: n, alpha: 1, a: alpha + q0 * k, lda: k,
                   b: w + r0 * k, ldb: k, beta: 1, c: pairs, ldc: k)
        }
        // Marginals alpha * beta minus the gold one-hot, scaled.
        let d = dEmissions.reserve(rows * k)
        for r in 0..<rows {
            for j in 0..<k { d[r * k + j] = scale * alpha[r * k + j] * beta[r * k + j] }
            d[r * k + Int(gold[r])] -= scale
        }
        let gt = g + parameterOffset, gs = gt + k * k, ge = gs + k
        for i in 0..<(k * k) { gt[i] += scale * m[i] * pairs[i] }
        for b in 0..<batch.count {
            let first = b, last = Int(batch.lastRows[b])
            for j in 0..<k {
                gs[j] += d[first * k + j]
                ge[j] += d[last * k + j]
            }
            var previous = Int(gold[first])
            for t in 1..<batch.lengths[b] {
                let y = Int(gold[batch.stepOffsets[t] + b])
                gt[previous * k + y] -= scale
                previous = y
            }
        }
    }

    /// The best allowed tag path of every packed sequence (packed order), by Viterbi.
    public func decode(emissions: UnsafePointer<T>, batch: PackedBatch, parameters p: UnsafePointer<T>) -> [[Int32]] {
        let k = tags
        let trans = p + parameterOffset
        var masked = [T](repeating: -T.infinity, count: k * k + 2 * k)
        for i in 0..<(k * k) where allowed[i] { masked[i] = trans[i] }
        for j in 0..<k {
            if allowedStart[j] { masked[k * k + j] = trans[k * k + j] }
            if allowedEnd[j] { masked[k * k + k + j] = trans[k * k + k + j] }
        }
        return masked.withUnsafeBufferPointer { m in
            Viterbi.decode(scores: emissions, batch: batch, tags: k, transitions: m.baseAddress!,
                           start: m.baseAddress! + k * k, end: m.baseAddress! + k * k + k)
        }
    }
}
