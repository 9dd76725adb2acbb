// Role: the `.embedclf` model file: one self-contained binary holding the settings (JSON header), the label
// map, the words and the weights including the embedding table, sealed by a 64-bit checksum so a truncated
// or damaged file is refused with a clear error. Written atomically.
//
// Layout (little-endian): "EMBEDCLF" | u32 version | u64 n + n bytes JSON header | u64 n + n bytes words
// joined by "\n" | u64 count + count f32 parameters | u64 rows, u64 dim + rows*dim f32 embedding table |
// "EMBEDEND" | u64 FNV-1a checksum of every byte before it.
import Foundation
import Streams

struct ModelHeader: Codable {
    var format = "embedclf"
    var version = ModelFile.version
    var shape: NetworkShape
    var training: TrainingSettings
    var labels: LabelSet
    var tokenizer: TokenizerSettings
    var vectors: VectorSource
    var parameterCount: Int
    var record: TrainingRecord?
}

enum ModelFile {
    static let version: UInt32 = 1
    static let magic = Array("EMBEDCLF".utf8)
    static let endMark = Array("EMBEDEND".utf8)

    /// 64-bit FNV-1a, fed in pieces.
    struct Checksum {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var h = value
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            value = h
        }
    }

    /// AtomicOutput that checksums what it writes.
    final class Writer {
        let out: AtomicOutput
        var checksum = Checksum()
        init(path: String) throws { out = try AtomicOutput(path: path, compress: false) }
        func write(_ bytes: UnsafeRawBufferPointer) throws {
            checksum.add(bytes)
            try out.write(bytes)
        }
        func write<V>(_ value: V) throws { try withUnsafeBytes(of: value) { try write($0) } }
        func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
        func write<F: BinaryFloatingPoint>(floats p: UnsafePointer<F>, count: Int) throws {
            try write(UnsafeRawBufferPointer(start: p, count: count * MemoryLayout<F>.stride))
        }
    }

    /// Bounds-checked reading of a loaded file; any overrun is a "corrupt model" InputError.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        let path: String
        var offset = 0
        func corrupt(_ what: String) -> InputError { InputError("corrupt model file: \(what)", path: path) }
        mutating func take(_ n: Int, _ what: String) throws -> UnsafeRawBufferPointer {
            guard n >= 0, offset + n <= bytes.count else { throw corrupt("truncated \(what)") }
            defer { offset += n }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n])
        }
        mutating func u64(_ what: String) throws -> Int {
            let raw = try take(8, what).loadUnaligned(as: UInt64.self)
            guard raw < UInt64(Int.max) else { throw corrupt("bad \(what)") }
            return Int(raw)
        }
    }
}

extension SentenceClassifier {
    /// Writes the model to `path` (temporary file renamed into place).
    public func save(path: String) throws {
        let header = ModelHeader(shape: shape, training: training, labels: labels, tokenizer: words.settings,
                                 vectors: vectors, parameterCount: network.parameterCount, record: record)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = [UInt8](try encoder.encode(header))
        if let bad = words.words.first(where: { $0.contains("\n") }) {
            throw InputError("cannot store the word \"\(bad)\": it contains a line break", path: path)
        }
        let wordBytes = Array(words.words.joined(separator: "\n").utf8)
        let w = try ModelFile.Writer(path: path)
        do {
            try w.write(ModelFile.magic)
            try w.write(ModelFile.version.littleEndian)
            try w.write(UInt64(json.count).littleEndian); try w.write(json)
            try w.write(UInt64(wordBytes.count).littleEndian); try w.write(wordBytes)
            try w.write(UInt64(network.parameterCount).littleEndian)
            try w.write(floats: network.parameters.baseAddress!, count: network.parameterCount)
            let table = network.embedding
            try w.write(UInt64(table.rows).littleEndian); try w.write(UInt64(table.dimension).littleEndian)
            try w.write(floats: table.values, count: table.rows * table.dimension)
            try w.write(ModelFile.endMark)
            try w.out.write(raw: w.checksum.value.littleEndian)
            try w.out.commit()
        } catch {
            w.out.abort()
            throw error
        }
    }

    /// Reads a model written by `save`. A file that is not a model, truncated, damaged (checksum) or
    /// inconsistent is an InputError naming the file.
    public static func load(path: String) throws -> SentenceClassifier {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw InputError(FileManager.default.fileExists(atPath: path) ? "cannot read the model" : "no such file",
                             path: path)
        }
        return try data.withUnsafeBytes { bytes in try load(bytes: bytes, path: path) }
    }

    static func load(bytes: UnsafeRawBufferPointer, path: String) throws -> SentenceClassifier {
        var r = ModelFile.Reader(bytes: bytes, path: path)
        guard bytes.count >= 12, Array(try r.take(8, "magic")) == ModelFile.magic else {
            throw InputError("not an embed classifier model (.embedclf)", path: path)
        }
        let version = try r.take(4, "version").loadUnaligned(as: UInt32.self)
        guard version == ModelFile.version else {
            throw InputError("model format version \(version) is not supported (this embed reads \(ModelFile.version))", path: path)
        }
        let sealed = bytes.count - 16
        guard sealed >= r.offset, Array(bytes[sealed..<sealed + 8]) == ModelFile.endMark else {
            throw r.corrupt("truncated (end mark missing)")
        }
        var sum = ModelFile.Checksum()
        sum.add(UnsafeRawBufferPointer(rebasing: bytes[0..<sealed + 8]))
        guard sum.value == bytes.loadUnaligned(fromByteOffset: sealed + 8, as: UInt64.self) else {
            throw r.corrupt("checksum mismatch (the file was changed or damaged)")
        }
        let header: ModelHeader
        do {
            header = try JSONDecoder().decode(ModelHeader.self, from: Data(try r.take(try r.u64("header size"), "header")))
        } catch let e as InputError { throw e } catch { throw r.corrupt("unreadable header") }
        let wordBytes = try r.take(try r.u64("vocabulary size"), "vocabulary")
        let words = wordBytes.isEmpty ? [] : wordBytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let parameterCount = try r.u64("parameter count")
        let parameters = try r.take(parameterCount * 4, "parameters")
        let rows = try r.u64("embedding rows"), dim = try r.u64("embedding dimension")
        let table = try r.take(rows * dim * 4, "embedding")
        guard r.offset == sealed else { throw r.corrupt("unexpected bytes before the end mark") }
        guard dim > 0, dim == header.shape.embeddingDimension, rows == words.count + 2, header.labels.count == header.shape.classes
        else { throw r.corrupt("sizes disagree with the header") }

        let embedding = EmbeddingTable<Float>(rows: rows, dimension: dim)
        UnsafeMutableRawPointer(embedding.values).copyMemory(from: table.baseAddress!, byteCount: table.count)
        let model: SentenceClassifier
        do {
            model = try SentenceClassifier(words: words, table: embedding, source: header.vectors.path,
                                           labels: header.labels, shape: header.shape, tokenizer: header.tokenizer,
                                           seed: header.training.seed)
        } catch { throw r.corrupt("\(error)") }
        guard model.network.parameterCount == parameterCount else { throw r.corrupt("parameter count disagrees with the shape") }
        UnsafeMutableRawPointer(model.network.parameters.baseAddress!).copyMemory(from: parameters.baseAddress!,
                                                                                  byteCount: parameters.count)
        model.vectors = header.vectors
        model.training = header.training
        model.record = header.record
        return model
    }
}
