// Role: checkpoint files: the settings, the cost history, the position inside an unfinished epoch and every
// parameter (weights, biases and AdaGrad accumulators), so a resumed run continues the same cost curve.
import Foundation
import Streams

/// How far an unfinished epoch got: records trained (a prefix of the epoch's order), their cost, seconds.
struct EpochProgress: Equatable {
    var position: Int
    var cost: Double
    var seconds: Double
}

/// One finished epoch: J / records measured during the pass, wall time, throughput.
public struct EpochReport: Equatable, Sendable {
    public var epoch: Int
    public var cost: Double
    public var seconds: Double
    public var updatesPerSecond: Double
}

struct GloVeCheckpoint {
    static let magic: [UInt8] = Array("EMBEDGLOVECKPT03".utf8)

    var options: GloVeOptions
    var words: Int
    var recordCount: Int
    var fingerprint: UInt64
    var history: [EpochReport]
    /// The unfinished epoch (nil at an epoch boundary).
    var partial: EpochProgress?

    /// Writes the header then the raw parameter block, atomically.
    func save(to path: String, parameters: GloVeParameters) throws {
        let out = try AtomicOutput(path: path, compress: false)
        do {
            try GloVeCheckpoint.magic.withUnsafeBytes { try out.write($0) }
            for v: Int64 in [Int64(options.dimension), Int64(words), Int64(recordCount), Int64(partial?.position ?? -1),
                             Int64(bitPattern: options.seed), Int64(bitPattern: fingerprint),
                             Int64(parameters.layout.stride)] {
                try out.write(raw: v.littleEndian)
            }
            for v in [options.xMax, options.alpha, options.eta, options.biasEta, options.gradClip, partial?.cost ?? 0,
                      partial?.seconds ?? 0] {
                try out.write(raw: v.bitPattern.littleEndian)
            }
            try out.write(raw: Int64(history.count).littleEndian)
            for h in history {
                try out.write(raw: Int64(h.epoch).littleEndian)
                for v in [h.cost, h.seconds, h.updatesPerSecond] { try out.write(raw: v.bitPattern.littleEndian) }
            }
            try out.write(UnsafeRawBufferPointer(parameters.bytes))
            try out.commit()
        } catch {
            out.abort()
            throw error
        }
    }

    /// Reads a checkpoint; the parameters go into a new block.
    static func load(path: String) throws -> (GloVeCheckpoint, GloVeParameters) {
        let reader = try CheckpointReader(path: path)
        guard try reader.bytes(16) == magic else { throw InputError("not an embed GloVe checkpoint", path: path) }
        var o = GloVeOptions()
        o.dimension = try reader.int()
        let words = try reader.int()
        let records = try reader.int()
        let position = try reader.int()
        o.seed = UInt64(bitPattern: Int64(try reader.int()))
        let fingerprint = UInt64(bitPattern: Int64(try reader.int()))
        let stride = try reader.int()
        o.xMax = try reader.double()
        o.alpha = try reader.double()
        o.eta = try reader.double()
        o.biasEta = try reader.double()
        o.gradClip = try reader.double()
        let partialCost = try reader.double(), partialSeconds = try reader.double()
        guard o.dimension > 0, o.dimension < 1 << 20, words > 0, words < 1 << 31, records > 0,
              position >= -1, position <= records else {
            throw InputError("corrupt checkpoint header", path: path)
        }
        var history: [EpochReport] = []
        for _ in 0..<(try reader.count(limit: 1 << 24)) {
            history.append(EpochReport(epoch: try reader.int(), cost: try reader.double(),
                                       seconds: try reader.double(), updatesPerSecond: try reader.double()))
        }
        let parameters = GloVeParameters(words: words, dimension: o.dimension, seed: 0)
        guard parameters.layout.stride == stride else { throw InputError("checkpoint row layout differs", path: path) }
        try reader.fill(parameters.bytes)
        guard try reader.atEnd() else { throw InputError("trailing bytes after the parameters", path: path) }
        let partial = position < 0 ? nil : EpochProgress(position: position, cost: partialCost, seconds: partialSeconds)
        let c = GloVeCheckpoint(options: o, words: words, recordCount: records, fingerprint: fingerprint,
                                history: history, partial: partial)
        return (c, parameters)
    }
}

/// Sequential little-endian reads from a checkpoint file; a short file is a one-line InputError.
private final class CheckpointReader {
    let path: String
    let fd: Int32

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError("cannot open checkpoint: \(String(cString: strerror(errno)))", path: path) }
    }
    deinit { close(fd) }

    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let n = Foundation.read(fd, buffer.baseAddress! + done, buffer.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw InputError("checkpoint is truncated", path: path) }
            done += n
        }
    }
    func bytes(_ n: Int) throws -> [UInt8] {
        var a = [UInt8](repeating: 0, count: n)
        try a.withUnsafeMutableBytes { try fill($0) }
        return a
    }
    func int() throws -> Int {
        var v: Int64 = 0
        try withUnsafeMutableBytes(of: &v) { try fill($0) }
        return Int(Int64(littleEndian: v))
    }
    func double() throws -> Double {
        var v: UInt64 = 0
        try withUnsafeMutableBytes(of: &v) { try fill($0) }
        return Double(bitPattern: UInt64(littleEndian: v))
    }
    func count(limit: Int) throws -> Int {
        let n = try int()
        guard n >= 0, n <= limit else { throw InputError("corrupt checkpoint (count \(n))", path: path) }
        return n
    }
    func atEnd() throws -> Bool {
        var b: UInt8 = 0
        return Foundation.read(fd, &b, 1) == 0
    }
}
