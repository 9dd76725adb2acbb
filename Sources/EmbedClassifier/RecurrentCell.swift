// Role: the per-step elementwise math of the two recurrent cells (the lecture's LSTM and the vanilla RNN),
// forward and backward, on raw pointers over the rows of one packed step.
import EmbedCore

/// Which recurrent cell a layer uses.
public enum CellKind: String, Codable, CaseIterable, Sendable {
    /// Gates i, f, o, g from one product W [a_prev, x] + b; c = f*c_prev + i*g; a = o*tanh(c).
    case lstm
    /// a = tanh(W [a_prev, x] + b).
    case rnn

    /// Blocks of H rows in W: 4 for the LSTM (i, f, o, g), 1 for the RNN.
    public var gateBlocks: Int { self == .lstm ? 4 : 1 }
}

/// Elementwise cell kernels. Rows of `z` are gate pre-activations on entry to `forward` and the activated
/// gates on exit (i, f, o, g for the LSTM); the backward pass reads them back.
@usableFromInline
enum CellMath<T: NetworkScalar> {
    /// LSTM forward for `rows` rows of width H: activates z in place, writes c, tanh(c) and a.
    /// `cPrev` is nil at the first step (zero state).
    @inlinable @inline(__always)
    static func lstmForward(rows: Int, hidden h: Int, z: UnsafeMutablePointer<T>, cPrev: UnsafePointer<T>?,
                            c: UnsafeMutablePointer<T>, tanhC: UnsafeMutablePointer<T>, a: UnsafeMutablePointer<T>) {
        for r in 0..<rows {
            let zr = z + r * 4 * h
            T.sigmoid(zr, count: 3 * h)
            T.tanh(zr + 3 * h, count: h)
            let i = zr, f = zr + h, o = zr + 2 * h, g = zr + 3 * h
            let cr = c + r * h, tr = tanhC + r * h, ar = a + r * h
            if let cp = cPrev.map({ $0 + r * h }) {
                for k in 0..<h { cr[k] = f[k] * cp[k] + i[k] * g[k] }
            } else {
                for k in 0..<h { cr[k] = i[k] * g[k] }
            }
            tr.update(from: cr, count: h)
            T.tanh(tr, count: h)
            for k in 0..<h { ar[k] = o[k] * tr[k] }
        }
    }

    /// LSTM backward for one step. On entry dA holds dL/da_t and dC the part of dL/dc_t coming from step t+1;
    /// writes the gate gradients dZ and adds dL/dc_{t-1} into dCPrev (nil at the first step).
    @inlinable @inline(__always)
    static func lstmBackward(rows: Int, hidden h: Int, z: UnsafePointer<T>, cPrev: UnsafePointer<T>?,
                             tanhC: UnsafePointer<T>, dA: UnsafePointer<T>, dC: UnsafeMutablePointer<T>,
                             dZ: UnsafeMutablePointer<T>, dCPrev: UnsafeMutablePointer<T>?) {
        for r in 0..<rows {
            let zr = z + r * 4 * h, dzr = dZ + r * 4 * h
            let i = zr, f = zr + h, o = zr + 2 * h, g = zr + 3 * h
            let di = dzr, df = dzr + h, dO = dzr + 2 * h, dg = dzr + 3 * h
            let tr = tanhC + r * h, dar = dA + r * h, dcr = dC + r * h
            for k in 0..<h {
                let oo = o[k], tc = tr[k], da = dar[k]
                dO[k] = da * tc * oo * (1 - oo)
                let dc = dcr[k] + da * oo * (1 - tc * tc)
                dcr[k] = dc
                let ii = i[k], gg = g[k]
                di[k] = dc * gg * ii * (1 - ii)
                dg[k] = dc * ii * (1 - gg * gg)
            }
            if let cp = cPrev.map({ $0 + r * h }), let dcp = dCPrev.map({ $0 + r * h }) {
                for k in 0..<h {
                    let ff = f[k], dc = dcr[k]
                    df[k] = dc * cp[k] * ff * (1 - ff)
                    dcp[k] += dc * ff
                }
            } else {
                for k in 0..<h { df[k] = 0 }
            }
        }
    }

    /// RNN forward: a = tanh(z), z activated in place and copied to a.
    @inlinable @inline(__always)
    static func rnnForward(rows: Int, hidden h: Int, z: UnsafeMutablePointer<T>, a: UnsafeMutablePointer<T>) {
        T.tanh(z, count: rows * h)
        a.update(from: z, count: rows * h)
    }

    /// RNN backward: dZ = dA * (1 - a^2).
    @inlinable @inline(__always)
    static func rnnBackward(rows: Int, hidden h: Int, z: UnsafePointer<T>, dA: UnsafePointer<T>,
                            dZ: UnsafeMutablePointer<T>) {
        for k in 0..<(rows * h) { dZ[k] = dA[k] * (1 - z[k] * z[k]) }
    }
}
