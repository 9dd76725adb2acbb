// Role: a rows x dimension Float matrix in one 64-byte-aligned allocation with rows padded to `stride` floats
// (the pads stay zero, so kernels work on whole SIMD blocks). Threads share it through raw pointers (Hogwild).
import EmbedCore
import EmbedKernels

/// A rows x dimension Float matrix in one 64-byte-aligned block, each row padded with zeros to `stride` floats,
/// shared by the training threads through raw pointers (Hogwild).
public final class WeightMatrix: @unchecked Sendable {
    /// The number of rows (words, or Huffman inner nodes).
    public let rows: Int
    /// The number of weights per row that carry values.
    public let dimension: Int
    /// Floats per stored row: `dimension` rounded up to a multiple of 8 (the pads stay zero).
    public let stride: Int
    /// The first weight of row 0; row i starts at `base + i * stride` (on huge pages where the system gives
    /// them: every step reads rows at random).
    public let base: UnsafeMutablePointer<Float>
    private let storage: LargeAllocation

    /// A zero matrix.
    public init(rows: Int, dimension: Int, stride: Int) {
        precondition(stride >= dimension && stride % 8 == 0)
        self.rows = rows
        self.dimension = dimension
        self.stride = stride
        storage = LargeAllocation(bytes: max(1, rows * stride) * 4)
        base = storage.pointer(to: Float.self)
    }

    /// The first weight of row `i`.
    @inline(__always)
    public func row(_ i: Int) -> UnsafeMutablePointer<Float> { base + i * stride }

    /// word2vec's input initialisation: every weight uniform in (-0.5, 0.5) / dimension.
    public func randomize(_ rng: inout FastRandom) {
        let scale = 1 / Float(dimension)
        for r in 0..<rows {
            let p = row(r)
            for c in 0..<dimension { p[c] = (rng.nextFloat() - 0.5) * scale }
        }
    }

    /// The unpadded rows, row-major (rows x dimension).
    public func unpadded(rows count: Int? = nil) -> [Float] {
        let n = count ?? rows
        return [Float](unsafeUninitializedCapacity: n * dimension) { buffer, initialized in
            for r in 0..<n {
                (buffer.baseAddress! + r * dimension).update(from: row(r), count: dimension)
            }
            initialized = n * dimension
        }
    }

    /// True when every weight is a finite number (a diverged run leaves NaN or infinities).
    public var isFinite: Bool {
        let n = rows * stride
        var bad = false
        var i = 0
        while i < n && !bad {
            let chunk = Swift.min(n - i, 1 << 16)
            var sum: Float = 0
            for k in i..<(i + chunk) { sum += base[k] * 0 }   // NaN and infinity times 0 are NaN
            bad = !sum.isFinite
            i += chunk
        }
        return !bad
    }

    /// The whole padded storage as bytes (checkpoints).
    public var bytes: UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base, count: rows * stride * 4)
    }
}
