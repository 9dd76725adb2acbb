// Role: the GloVe training kernel: one fused pass per co-occurrence record (SIMD dot product, clipped AdaGrad
// step on both rows and both biases) over a raw parameter block, plus the row layout it assumes.

import CKernels
import EmbedCore

/// How word and context rows sit in the parameter block.
///
/// A row is `stride` weights followed by `stride` AdaGrad accumulators (so one record touches two contiguous
/// blocks). Word row i: weights w_i in lanes 0..<d, b_i in lane d, the constant 1 in lane d+1. Context row j
/// (after all word rows): w~_j in lanes 0..<d, the constant 1 in lane d, b~_j in lane d+1. Other lanes are 0.
/// So the dot product of the two rows over all lanes is w_i . w~_j + b_i + b~_j, and the per-lane gradient
/// of one row is the other row times the same scalar, except for the constant lanes, which masks keep fixed.
public struct GloVeLayout: Sendable {
    /// The vector dimension d of the model.
    public let dimension: Int
    /// The number of words (and of context words): the block holds this many rows of each.
    public let words: Int
    /// Floats of weights per row: dimension + 2 rounded up to a multiple of 4 (one SSE register).
    public let stride: Int

    /// The layout of `words` word rows and `words` context rows of `dimension` weights each (both at least 1).
    public init(dimension: Int, words: Int) {
        precondition(dimension > 0 && words > 0)
        self.dimension = dimension
        self.words = words
        stride = GloVeLayout.stride(dimension: dimension)
    }

    /// Floats of weights per row for `dimension`: dimension + 2 rounded up to a multiple of 4.
    public static func stride(dimension: Int) -> Int { (dimension + 2 + 3) / 4 * 4 }

    /// Floats per row: weights then accumulators.
    public var rowFloats: Int { 2 * stride }
    /// Floats of the whole block (word rows, then context rows).
    public var totalFloats: Int { 2 * words * rowFloats }
    /// Offset of word row i (0-based).
    @inline(__always) public func word(_ i: Int) -> Int { i &* (stride &* 2) }
    /// Offset of context row j (0-based).
    @inline(__always) public func context(_ j: Int) -> Int { (words &+ j) &* (stride &* 2) }
}

/// The GloVe training kernel: the record it trains on, the step's settings, and `train`.
public enum GloVeKernel {
    /// A co-occurrence record ready for training: 0-based ids, weight f(X_ij) and log X_ij (16 bytes).
    public struct Record: Equatable, Sendable {
        /// The 0-based id of the word (its word row).
        public var i: Int32
        /// The 0-based id of the context word (its context row).
        public var j: Int32
        /// The record's weight f(X_ij) = min(1, (X_ij / xMax)^alpha).
        public var weight: Float
        /// The natural log of the co-occurrence count, log X_ij.
        public var logX: Float
        /// A training record of word `i`, context `j`, weight f(X_ij) and log X_ij.
        public init(i: Int32, j: Int32, weight: Float, logX: Float) {
            self.i = i; self.j = j; self.weight = weight; self.logX = logX
        }
    }

    /// Learning rates and clip of the update, with per-lane rates for the last two 4-lane chunks of a row
    /// (which hold lanes d and d+1): eta for weights, biasEta for a bias, 0 for the constant lanes.
    public struct Step: Sendable {
        /// The AdaGrad learning rate of the vector weights.
        public let eta: Float
        /// The AdaGrad learning rate of the two biases.
        public let biasEta: Float
        /// The bound on each gradient component: gradients are clipped to [-clip, clip].
        public let clip: Float
        let wordTail: (SIMD4<Float>, SIMD4<Float>)
        let contextTail: (SIMD4<Float>, SIMD4<Float>)

        /// A step with these rates and clip, its per-lane rates worked out for `layout`'s rows.
        public init(eta: Float, biasEta: Float, clip: Float, layout: GloVeLayout) {
            self.eta = eta; self.biasEta = biasEta; self.clip = clip
            let d = layout.dimension
            let first = layout.stride - 8   // first lane of the tail (negative when the row is one chunk)
            func rates(bias: Int, constant: Int) -> (SIMD4<Float>, SIMD4<Float>) {
                func rate(_ lane: Int) -> Float {
                    lane < 0 || lane > d + 1 || lane == constant ? 0 : lane == bias ? biasEta : eta
                }
                var a = SIMD4<Float>(), b = SIMD4<Float>()
                for k in 0..<4 { a[k] = rate(first + k); b[k] = rate(first + 4 + k) }
                return (a, b)
            }
            wordTail = rates(bias: d, constant: d + 1)
            contextTail = rates(bias: d + 1, constant: d)
        }
    }

    /// Records ahead whose rows are prefetched while the current one is trained (rows are random: the
    /// block rarely fits in cache, and the loads would otherwise stall every update).
    static let prefetchDistance = 2

    /// Trains on `count` records in order (Hogwild: other threads may update the same block at the same time).
    /// For each record: diff = w_i . w~_j + b_i + b~_j - log X_ij; every parameter p gets the gradient g of
    /// f diff^2 / 2, clipped to [-clip, clip]; t = eta g (biasEta g for biases); p -= t / sqrt(G); G += t^2
    /// (G starts at 1).
    /// Returns the sum of f diff^2 over the records, measured before each update. `variant` picks the kernel
    /// width (the wide ones are CKernels' C functions; the caller checked that the processor runs it).
    public static func train(_ records: UnsafePointer<Record>, count: Int, parameters: UnsafeMutablePointer<Float>,
                             layout: GloVeLayout, step: Step, variant: SIMDVariant = .baseline) -> Double {
        if variant != .baseline {
            let wide = variant == .avx2 ? embed_glove_train_avx2 : embed_glove_train_avx512
            return wide(UnsafeRawPointer(records).assumingMemoryBound(to: embed_glove_record.self), count, parameters,
                        layout.words, Int32(layout.dimension), Int32(layout.stride), step.eta, step.biasEta, step.clip)
        }
        var cost: Double = 0
        let rowBytes = layout.rowFloats &* 4
        for r in 0..<count {
            if r &+ prefetchDistance < count {
                let ahead = records[r &+ prefetchDistance]
                let w = UnsafeRawPointer(parameters + layout.word(Int(ahead.i)))
                let c = UnsafeRawPointer(parameters + layout.context(Int(ahead.j)))
                var line = 0
                while line < rowBytes {
                    embed_prefetch_write(w + line)
                    embed_prefetch_write(c + line)
                    line &+= 64
                }
            }
            let rec = records[r]
            let w = parameters + layout.word(Int(rec.i))
            let c = parameters + layout.context(Int(rec.j))
            cost += Double(update(w, c, weight: rec.weight, logX: rec.logX, layout: layout, step: step))
        }
        return cost
    }

    /// One record's update on the word row at `w` and the context row at `c`; returns f diff^2 before it.
    @inline(__always)
    public static func update(_ w: UnsafeMutablePointer<Float>, _ c: UnsafeMutablePointer<Float>,
                              weight: Float, logX: Float, layout: GloVeLayout, step: Step) -> Float {
        let s = layout.stride
        let wr = UnsafeMutableRawPointer(w), cr = UnsafeMutableRawPointer(c)
        var a0 = SIMD4<Float>(), a1 = SIMD4<Float>()
        var k = 0
        while k &+ 8 <= s {
            a0 += wr.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self)
                * cr.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self)
            a1 += wr.loadUnaligned(fromByteOffset: (k &+ 4) &* 4, as: SIMD4<Float>.self)
                * cr.loadUnaligned(fromByteOffset: (k &+ 4) &* 4, as: SIMD4<Float>.self)
            k &+= 8
        }
        if k < s {
            a0 += wr.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self)
                * cr.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self)
        }
        let diff = (a0 + a1).sum() - logX
        let fdiff = weight * diff
        let g = SIMD4<Float>(repeating: fdiff)
        let hi = SIMD4<Float>(repeating: step.clip), lo = -hi
        let eta = SIMD4<Float>(repeating: step.eta)
        var chunk = 0
        while chunk < s &- 8 {
            chunkStep(wr, cr, chunk, s, g, lo, hi, eta, eta)
            chunk &+= 4
        }
        if s >= 8 { chunkStep(wr, cr, s &- 8, s, g, lo, hi, step.wordTail.0, step.contextTail.0) }
        chunkStep(wr, cr, s &- 4, s, g, lo, hi, step.wordTail.1, step.contextTail.1)
        return fdiff * diff
    }

    /// The AdaGrad step on lanes k..<k+4 of both rows (weights at 0, accumulators at `s`); `ew`/`ec` are the
    /// lanes' learning rates.
    @inline(__always)
    static func chunkStep(_ w: UnsafeMutableRawPointer, _ c: UnsafeMutableRawPointer, _ k: Int, _ s: Int,
                          _ g: SIMD4<Float>, _ lo: SIMD4<Float>, _ hi: SIMD4<Float>,
                          _ ew: SIMD4<Float>, _ ec: SIMD4<Float>) {
        let off = k &* 4, acc = (k &+ s) &* 4
        let wv = w.loadUnaligned(fromByteOffset: off, as: SIMD4<Float>.self)
        let cv = c.loadUnaligned(fromByteOffset: off, as: SIMD4<Float>.self)
        let gw = w.loadUnaligned(fromByteOffset: acc, as: SIMD4<Float>.self)
        let gc = c.loadUnaligned(fromByteOffset: acc, as: SIMD4<Float>.self)
        let tw = clamp(g * cv, lo, hi) * ew
        let tc = clamp(g * wv, lo, hi) * ec
        w.storeBytes(of: wv - tw / embed_sqrt4(gw), toByteOffset: off, as: SIMD4<Float>.self)
        c.storeBytes(of: cv - tc / embed_sqrt4(gc), toByteOffset: off, as: SIMD4<Float>.self)
        w.storeBytes(of: gw + tw * tw, toByteOffset: acc, as: SIMD4<Float>.self)
        c.storeBytes(of: gc + tc * tc, toByteOffset: acc, as: SIMD4<Float>.self)
    }

    /// min(max(v, lo), hi), written so it compiles to maxps/minps (a NaN becomes a bound: the cost,
    /// computed before, still reports it).
    @inline(__always)
    static func clamp(_ v: SIMD4<Float>, _ lo: SIMD4<Float>, _ hi: SIMD4<Float>) -> SIMD4<Float> {
        let below = hi.replacing(with: v, where: v .< hi)
        return lo.replacing(with: below, where: below .> lo)
    }
}
