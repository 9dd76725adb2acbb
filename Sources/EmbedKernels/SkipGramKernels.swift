// Role: the skip-gram/CBOW inner kernels: a vectorised sigmoid and one fused SGD step of a block of input rows
// against a block of output rows with 0/1 labels (negative sampling and hierarchical softmax share it).
// Index arithmetic wraps (&+, &*): the sizes are checked where the buffers are made, and the loops stay free of
// overflow branches. Rows are padded to a multiple of 8 floats with zeros, so no tail loops.
import CKernels
import EmbedCore
import Foundation

/// The word2vec inner kernels: a vectorised exp and sigmoid, the scores and the fused SGD step of a block of
/// input rows against a block of output rows, and an in-place softmax.
public enum SkipGramKernels {
    /// exp(x) for 8 lanes (Cephes' expf polynomial, relative error ~1e-7), using SSE2-level operations only:
    /// the rounding and the power of two are done with the 1.5 * 2^23 trick and integer bit shifts.
    @inline(__always)
    public static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        // Clamp to [-87, 88] with masks (`clamped` is an unspecialised generic call here).
        let low = SIMD8<Float>(repeating: -87.0), high = SIMD8<Float>(repeating: 88.0)
        var x = x
        x.replace(with: low, where: x .< low)
        x.replace(with: high, where: x .> high)
        let magic = SIMD8<Float>(repeating: 12_582_912.0)            // 1.5 * 2^23
        let shifted = x * SIMD8(repeating: 1.442_695_04) + magic      // round(x / ln 2) in the low mantissa bits
        let n = shifted - magic
        var r = x - n * SIMD8(repeating: 0.693_359_375)
        r = r - n * SIMD8(repeating: -2.121_944_4e-4)
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = p * r + SIMD8(repeating: 1.398_199_950_7e-3)
        p = p * r + SIMD8(repeating: 8.333_451_907_3e-3)
        p = p * r + SIMD8(repeating: 4.166_579_589_4e-2)
        p = p * r + SIMD8(repeating: 1.666_666_545_9e-1)
        p = p * r + SIMD8(repeating: 5.000_000_120_1e-1)
        p = p * (r * r) + r + SIMD8(repeating: 1)
        let bits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000   // n as an integer
        let scale = unsafeBitCast((bits &+ 127) &<< 23, to: SIMD8<Float>.self)
        return p * scale
    }

    /// 1 / (1 + exp(-x)) for 8 lanes.
    @inline(__always)
    public static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8(repeating: 1) / (SIMD8(repeating: 1) + exp(-x))
    }

    /// In place: values[i] = sigmoid(values[i]) for i < count (the buffer must hold count rounded up to 8).
    @inline(__always)
    public static func sigmoid(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(values)
        var i = 0
        while i < count {
            let v = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            raw.storeBytes(of: sigmoid(v), toByteOffset: i &* 4, as: SIMD8<Float>.self)
            i &+= 8
        }
    }

    /// The SIMD width of the block kernels: 4 floats is one SSE register, the baseline x86-64 target; every
    /// operation below maps to one instruction (wider vectors only split in two without AVX).
    public typealias Lane = SIMD4<Float>
    static let laneBytes = MemoryLayout<Lane>.size

    @inline(__always)
    static func lane(_ p: UnsafeRawPointer, _ offset: Int) -> Lane { p.loadUnaligned(fromByteOffset: offset, as: Lane.self) }

    /// Requests every cache line of `count` rows of `length` floats at once (the rows of a step are random: fetched
    /// one after another, each would stall the score loop).
    @inline(__always)
    static func prefetchRows(_ rows: UnsafePointer<UnsafeMutablePointer<Float>>, _ count: Int, _ length: Int) {
        for r in 0..<count {
            var line = 0
            while line < length { embed_prefetch_write(rows[r] + line); line &+= 16 }
        }
    }

    /// Floats of scratch `logisticStep` needs for `inputs` x `outputs`: the steps, rounded up to 16, then room for
    /// broadcast steps and old output lanes at the widest variant's 16 lanes (the baseline uses 4 of them).
    public static func scratchFloats(inputs: Int, outputs: Int) -> Int {
        let n = inputs * outputs
        return ((n + 15) & ~15) + 16 * (n + outputs)
    }

    /// scores[b * outputCount + j] = inputs[b] . outputs[j], in blocks of 2 inputs x 4 outputs (8 accumulators).
    @inline(__always)
    public static func scores(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int,
                              outputs: UnsafePointer<UnsafeMutablePointer<Float>>, outputCount: Int,
                              length: Int, into scores: UnsafeMutablePointer<Float>) {
        let end = length &* 4, J = outputCount
        var b = 0
        while b < inputCount {
            let pair = b &+ 1 < inputCount
            let x0 = UnsafeRawPointer(inputs[b]), x1 = UnsafeRawPointer(inputs[pair ? b &+ 1 : b])
            var j = 0
            while j < J {
                let quad = j &+ 4 <= J
                let y0 = UnsafeRawPointer(outputs[j])
                let y1 = UnsafeRawPointer(outputs[quad ? j &+ 1 : j]), y2 = UnsafeRawPointer(outputs[quad ? j &+ 2 : j])
                let y3 = UnsafeRawPointer(outputs[quad ? j &+ 3 : j])
                if quad {
                    var a00 = Lane(), a01 = Lane(), a02 = Lane(), a03 = Lane()
                    var a10 = Lane(), a11 = Lane(), a12 = Lane(), a13 = Lane()
                    var o = 0
                    while o < end {
                        let u = lane(x0, o), v = lane(x1, o)
                        let w0 = lane(y0, o), w1 = lane(y1, o), w2 = lane(y2, o), w3 = lane(y3, o)
                        a00 += u * w0; a01 += u * w1; a02 += u * w2; a03 += u * w3
                        a10 += v * w0; a11 += v * w1; a12 += v * w2; a13 += v * w3
                        o &+= laneBytes
                    }
                    let r0 = scores + (b &* J &+ j)
                    r0[0] = a00.sum(); r0[1] = a01.sum(); r0[2] = a02.sum(); r0[3] = a03.sum()
                    if pair {
                        let r1 = r0 + J
                        r1[0] = a10.sum(); r1[1] = a11.sum(); r1[2] = a12.sum(); r1[3] = a13.sum()
                    }
                    j &+= 4
                } else {
                    var a0 = Lane(), a1 = Lane()
                    var o = 0
                    while o < end {
                        let w = lane(y0, o)
                        a0 += lane(x0, o) * w; a1 += lane(x1, o) * w
                        o &+= laneBytes
                    }
                    scores[b &* J &+ j] = a0.sum()
                    if pair { scores[(b &+ 1) &* J &+ j] = a1.sum() }
                    j &+= 1
                }
            }
            b &+= 2
        }
    }

    /// One simultaneous SGD step for the logistic losses: given g[b * J + j] = rate * dLoss/dscore (already
    /// negated, i.e. the step), does outputs[j] += sum_b g[b,j] inputs[b] and inputs[b] += sum_j g[b,j] outputs[j],
    /// both from the values before the step. One pass over the rows, a lane at a time, four inputs at once;
    /// `work` holds Lane.scalarCount * (inputCount + 1) * outputCount floats.
    @inline(__always)
    public static func rankUpdate(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int,
                                  outputs: UnsafePointer<UnsafeMutablePointer<Float>>, outputCount: Int,
                                  steps g: UnsafePointer<Float>, length: Int, work: UnsafeMutablePointer<Float>) {
        let J = outputCount
        // Broadcast steps, then room for the old output lanes.
        let steps = UnsafeMutableRawPointer(work)
        for k in 0..<(inputCount &* J) { steps.storeBytes(of: Lane(repeating: g[k]), toByteOffset: k &* laneBytes, as: Lane.self) }
        let old = steps + inputCount &* J &* laneBytes
        let end = length &* 4
        var o = 0
        while o < end {
            for j in 0..<J { old.storeBytes(of: lane(outputs[j], o), toByteOffset: j &* laneBytes, as: Lane.self) }
            var b = 0
            while b &+ 4 <= inputCount {
                let p0 = UnsafeMutableRawPointer(inputs[b]), p1 = UnsafeMutableRawPointer(inputs[b &+ 1])
                let p2 = UnsafeMutableRawPointer(inputs[b &+ 2]), p3 = UnsafeMutableRawPointer(inputs[b &+ 3])
                let x0 = lane(p0, o), x1 = lane(p1, o), x2 = lane(p2, o), x3 = lane(p3, o)
                var a0 = Lane(), a1 = Lane(), a2 = Lane(), a3 = Lane()
                let s0 = steps + b &* J &* laneBytes, s1 = s0 + J &* laneBytes
                let s2 = s1 + J &* laneBytes, s3 = s2 + J &* laneBytes
                for j in 0..<J {
                    let w = lane(old, j &* laneBytes)
                    let g0 = lane(s0, j &* laneBytes), g1 = lane(s1, j &* laneBytes)
                    let g2 = lane(s2, j &* laneBytes), g3 = lane(s3, j &* laneBytes)
                    a0 += g0 * w; a1 += g1 * w; a2 += g2 * w; a3 += g3 * w
                    let out = UnsafeMutableRawPointer(outputs[j])
                    out.storeBytes(of: lane(out, o) + (g0 * x0 + g1 * x1) + (g2 * x2 + g3 * x3), toByteOffset: o, as: Lane.self)
                }
                p0.storeBytes(of: x0 + a0, toByteOffset: o, as: Lane.self)
                p1.storeBytes(of: x1 + a1, toByteOffset: o, as: Lane.self)
                p2.storeBytes(of: x2 + a2, toByteOffset: o, as: Lane.self)
                p3.storeBytes(of: x3 + a3, toByteOffset: o, as: Lane.self)
                b &+= 4
            }
            while b &+ 2 <= inputCount {
                let p0 = UnsafeMutableRawPointer(inputs[b]), p1 = UnsafeMutableRawPointer(inputs[b &+ 1])
                let x0 = lane(p0, o), x1 = lane(p1, o)
                var a0 = Lane(), a1 = Lane()
                let s0 = steps + b &* J &* laneBytes, s1 = s0 + J &* laneBytes
                for j in 0..<J {
                    let w = lane(old, j &* laneBytes)
                    let g0 = lane(s0, j &* laneBytes), g1 = lane(s1, j &* laneBytes)
                    a0 += g0 * w; a1 += g1 * w
                    let out = UnsafeMutableRawPointer(outputs[j])
                    out.storeBytes(of: lane(out, o) + g0 * x0 + g1 * x1, toByteOffset: o, as: Lane.self)
                }
                p0.storeBytes(of: x0 + a0, toByteOffset: o, as: Lane.self)
                p1.storeBytes(of: x1 + a1, toByteOffset: o, as: Lane.self)
                b &+= 2
            }
            if b < inputCount {
                let p0 = UnsafeMutableRawPointer(inputs[b])
                let x0 = lane(p0, o)
                var a0 = Lane()
                let s0 = steps + b &* J &* laneBytes
                for j in 0..<J {
                    let g0 = lane(s0, j &* laneBytes)
                    a0 += g0 * lane(old, j &* laneBytes)
                    let out = UnsafeMutableRawPointer(outputs[j])
                    out.storeBytes(of: lane(out, o) + g0 * x0, toByteOffset: o, as: Lane.self)
                }
                p0.storeBytes(of: x0 + a0, toByteOffset: o, as: Lane.self)
            }
            o &+= laneBytes
        }
    }

    /// The logistic step used by negative sampling and hierarchical softmax: for each input b and output j with
    /// label y_j (1 or 0), loss -log sigmoid(s) or -log sigmoid(-s) of s = inputs[b] . outputs[j]; one SGD step of
    /// size `rate` on the sum, the terms of label-0 outputs weighted by `negativeWeight` (shared negatives stand
    /// for that many pairs). Returns the loss before the step when `computeLoss` (else 0).
    /// `scratch` holds `scratchFloats(inputs: B, outputs: J)` floats. `variant` picks the kernel width (the wide
    /// ones are CKernels' C functions; the caller checked that the processor runs it, see `SIMDVariant.active`).
    @inline(__always)
    public static func logisticStep(inputs: UnsafePointer<UnsafeMutablePointer<Float>>, inputCount: Int,
                                    outputs: UnsafePointer<UnsafeMutablePointer<Float>>, labels: UnsafePointer<Float>,
                                    outputCount: Int, length: Int, rate: Float,
                                    scratch: UnsafeMutablePointer<Float>, computeLoss: Bool,
                                    negativeWeight: Float = 1, variant: SIMDVariant = .baseline) -> Float {
        prefetchRows(inputs, inputCount, length)
        prefetchRows(outputs, outputCount, length)
        if variant != .baseline {
            let x = UnsafeRawPointer(inputs).assumingMemoryBound(to: UnsafeMutablePointer<Float>?.self)
            let y = UnsafeRawPointer(outputs).assumingMemoryBound(to: UnsafeMutablePointer<Float>?.self)
            let wide = variant == .avx2 ? embed_logistic_step_avx2 : embed_logistic_step_avx512
            return wide(x, Int32(truncatingIfNeeded: inputCount), y, labels, Int32(truncatingIfNeeded: outputCount),
                        Int32(truncatingIfNeeded: length), rate, scratch, computeLoss ? 1 : 0, negativeWeight)
        }
        let n = inputCount &* outputCount
        scores(inputs: inputs, inputCount: inputCount, outputs: outputs, outputCount: outputCount,
               length: length, into: scratch)
        sigmoid(scratch, count: n)
        var loss: Float = 0
        for b in 0..<inputCount {
            let row = scratch + b &* outputCount
            for j in 0..<outputCount {
                let p = row[j], y = labels[j], weight: Float = y > 0.5 ? 1 : negativeWeight
                if computeLoss { loss -= weight * logf(max(y > 0.5 ? p : 1 - p, 1e-30)) }
                row[j] = (y - p) * rate * weight
            }
        }
        rankUpdate(inputs: inputs, inputCount: inputCount, outputs: outputs, outputCount: outputCount,
                   steps: scratch, length: length, work: scratch + ((n &+ 7) & ~7))
        return loss
    }
}


extension SkipGramKernels {
    /// In place: row = softmax(row) over `count` values (max subtracted first). Returns the log of the
    /// normaliser plus the max (log-sum-exp), so that -log p_i = logSumExp - original_i.
    @inline(__always)
    public static func softmax(_ row: UnsafeMutablePointer<Float>, count: Int) -> Float {
        var m = -Float.infinity
        for i in 0..<count { m = max(m, row[i]) }
        let raw = UnsafeMutableRawPointer(row)
        let shift = SIMD8<Float>(repeating: m)
        var total = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            let e = exp(raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - shift)
            raw.storeBytes(of: e, toByteOffset: i * 4, as: SIMD8<Float>.self)
            total += e
            i += 8
        }
        var sum = total.sum()
        while i < count { row[i] = expf(row[i] - m); sum += row[i]; i += 1 }
        let inv = 1 / sum
        for k in 0..<count { row[k] *= inv }
        return logf(sum) + m
    }
}
