// Role: the GloVe training kernel: one fused pass per co-occurrence record (SIMD dot product, clipped AdaGrad
// step on both rows and both biases) over a raw parameter block, plus the row layout it assumes.

/// How word and context rows sit in the parameter block.
///
/// A row is `stride` weights followed by `stride` AdaGrad accumulators (so one record touches two contiguous
/// blocks). Word row i: weights w_i in lanes 0..<d, b_i in lane d, the constant 1 in lane d+1. Context row j
/// (after all word rows): w~_j in lanes 0..<d, the constant 1 in lane d, b~_j in lane d+1. Other lanes are 0.
/// So the dot product of the two rows over all lanes is w_i . w~_j + b_i + b~_j, and the per-lane gradient
/// of one row is the other row times the same scalar, except for the constant lanes, which masks keep fixed.
public struct GloVeLayout: Sendable {
    public let dimension: Int
    public let words: Int
    /// Floats of weights per row (a multiple of 8, at least dimension + 2).
    public let stride: Int
    /// Masks for the last two 8-lane chunks of a row (1 = trainable lane).
    let wordMask: (SIMD8<Float>, SIMD8<Float>)
    let contextMask: (SIMD8<Float>, SIMD8<Float>)

    public init(dimension: Int, words: Int) {
        precondition(dimension > 0 && words > 0)
        self.dimension = dimension
        self.words = words
        stride = (dimension + 2 + 7) / 8 * 8
        let tail = stride - 16   // lane index of the first masked lane (may be negative for tiny rows)
        func mask(_ trainable: (Int) -> Bool) -> (SIMD8<Float>, SIMD8<Float>) {
            var a = SIMD8<Float>(), b = SIMD8<Float>()
            for k in 0..<8 {
                a[k] = tail + k >= 0 && trainable(tail + k) ? 1 : 0
                b[k] = trainable(tail + 8 + k) ? 1 : 0
            }
            return (a, b)
        }
        wordMask = mask { $0 <= dimension }
        contextMask = mask { $0 < dimension || $0 == dimension + 1 }
    }

    /// Floats per row: weights then accumulators.
    public var rowFloats: Int { 2 * stride }
    /// Floats of the whole block (word rows, then context rows).
    public var totalFloats: Int { 2 * words * rowFloats }
    /// Offset of word row i (0-based).
    @inline(__always) public func word(_ i: Int) -> Int { i * rowFloats }
    /// Offset of context row j (0-based).
    @inline(__always) public func context(_ j: Int) -> Int { (words + j) * rowFloats }
    /// Lane of b_i in a word row, of the constant 1 in a context row.
    public var biasLane: Int { dimension }
}

public enum GloVeKernel {
    /// A co-occurrence record ready for training: 0-based ids, weight f(X_ij) and log X_ij (16 bytes).
    public struct Record: Equatable, Sendable {
        public var i: Int32
        public var j: Int32
        public var weight: Float
        public var logX: Float
        public init(i: Int32, j: Int32, weight: Float, logX: Float) {
            self.i = i; self.j = j; self.weight = weight; self.logX = logX
        }
    }

    /// Learning-rate settings of the update.
    public struct Step: Sendable {
        public var eta: Float
        public var clip: Float
        public init(eta: Float, clip: Float) { self.eta = eta; self.clip = clip }
    }

    /// Trains on `count` records in order (Hogwild: other threads may update the same block at the same time).
    /// For each record: diff = w_i . w~_j + b_i + b~_j - log X_ij; every parameter p gets the gradient g of
    /// f diff^2 / 2, clipped to [-clip, clip]; t = eta g; p -= t / sqrt(G); G += t^2 (G starts at 1).
    /// Returns the sum of f diff^2 over the records, measured before each update.
    public static func train(_ records: UnsafePointer<Record>, count: Int, parameters: UnsafeMutablePointer<Float>,
                             layout: GloVeLayout, step: Step) -> Double {
        var cost: Double = 0
        for r in 0..<count {
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
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>()
        var k = 0
        while k + 16 <= s {
            a0 += wr.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                * cr.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
            a1 += wr.loadUnaligned(fromByteOffset: (k + 8) * 4, as: SIMD8<Float>.self)
                * cr.loadUnaligned(fromByteOffset: (k + 8) * 4, as: SIMD8<Float>.self)
            k += 16
        }
        if k < s {
            a0 += wr.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                * cr.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
        }
        let diff = (a0 + a1).sum() - logX
        let fdiff = weight * diff
        let g = SIMD8<Float>(repeating: fdiff)
        let ones = SIMD8<Float>(repeating: 1)
        var chunk = 0
        let last = s - 16
        while chunk < last {
            chunkStep(wr, cr, chunk, s, g, step, ones, ones)
            chunk += 8
        }
        if last >= 0 { chunkStep(wr, cr, last, s, g, step, layout.wordMask.0, layout.contextMask.0) }
        chunkStep(wr, cr, s - 8, s, g, step, layout.wordMask.1, layout.contextMask.1)
        return fdiff * diff
    }

    /// The AdaGrad step on lanes k..<k+8 of both rows (weights at 0, accumulators at `s`).
    @inline(__always)
    static func chunkStep(_ w: UnsafeMutableRawPointer, _ c: UnsafeMutableRawPointer, _ k: Int, _ s: Int,
                          _ g: SIMD8<Float>, _ step: Step, _ mw: SIMD8<Float>, _ mc: SIMD8<Float>) {
        let off = k * 4, acc = (k + s) * 4
        let wv = w.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
        let cv = c.loadUnaligned(fromByteOffset: off, as: SIMD8<Float>.self)
        let gw = w.loadUnaligned(fromByteOffset: acc, as: SIMD8<Float>.self)
        let gc = c.loadUnaligned(fromByteOffset: acc, as: SIMD8<Float>.self)
        let tw = clamp(g * cv, step.clip) * (step.eta * mw)
        let tc = clamp(g * wv, step.clip) * (step.eta * mc)
        w.storeBytes(of: wv - tw / gw.squareRoot(), toByteOffset: off, as: SIMD8<Float>.self)
        c.storeBytes(of: cv - tc / gc.squareRoot(), toByteOffset: off, as: SIMD8<Float>.self)
        w.storeBytes(of: gw + tw * tw, toByteOffset: acc, as: SIMD8<Float>.self)
        c.storeBytes(of: gc + tc * tc, toByteOffset: acc, as: SIMD8<Float>.self)
    }

    @inline(__always)
    static func clamp(_ v: SIMD8<Float>, _ limit: Float) -> SIMD8<Float> {
        let hi = SIMD8<Float>(repeating: limit), lo = SIMD8<Float>(repeating: -limit)
        return v.replacing(with: hi, where: v .> hi).replacing(with: lo, where: v .< lo)
    }
}
