// Role: test fixtures: a co-occurrence matrix made from known vectors (X_ij = exp(u_i . v_j + c)), record files
// written byte by byte in Stanford's layout, and the settings the tests train with.
import EmbedCore
import EmbedCooccurrence
import Foundation
import EmbedGloVe

enum Synthetic {
    /// Dense X over `words` x `words` from fixed 3-d vectors: every log X_ij is exactly representable by a
    /// GloVe model with d >= 3 (the shift goes into the biases).
    static func records(words: Int) -> [CooccurrenceRecord] {
        func u(_ i: Int) -> [Double] { (0..<3).map { k in 0.9 * sin(Double(7 * i + 3 * k + 1)) } }
        func v(_ j: Int) -> [Double] { (0..<3).map { k in 0.9 * cos(Double(5 * j + 2 * k + 2)) } }
        var out: [CooccurrenceRecord] = []
        for i in 0..<words {
            for j in 0..<words {
                let dot = zip(u(i), v(j)).reduce(0) { $0 + $1.0 * $1.1 }
                out.append(CooccurrenceRecord(i: Int32(i + 1), j: Int32(j + 1), x: Foundation.exp(dot + 1.5)))
            }
        }
        return out
    }

    /// The bytes Stanford's cooccur writes for these records: int32 i, int32 j, float64 x, little-endian.
    static func stanfordBytes(_ records: [(Int32, Int32, Double)]) -> Data {
        var d = Data()
        for (i, j, x) in records {
            for v in [UInt32(bitPattern: i), UInt32(bitPattern: j)] {
                for s in stride(from: 0, to: 32, by: 8) { d.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) }
            }
            let bits = x.bitPattern
            for s in stride(from: 0, to: 64, by: 8) { d.append(UInt8(truncatingIfNeeded: bits >> UInt64(s))) }
        }
        return d
    }

    static func write(_ records: [CooccurrenceRecord], to path: String) throws {
        try stanfordBytes(records.map { ($0.i, $0.j, $0.x) }).write(to: URL(fileURLWithPath: path))
    }

    static func options(dimension: Int = 5, epochs: Int = 10, seed: UInt64 = 7) -> GloVeSettings {
        var o = GloVeSettings()
        o.dimension = dimension
        o.epochs = epochs
        o.seed = seed
        o.xMax = 10
        o.threads = 1
        return o
    }
}
