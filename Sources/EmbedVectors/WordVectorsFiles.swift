// Role: loads and saves a whole WordVectors through the streaming vector file reader and writer, or through
// the fastText model reader and writer for fastText `.bin` models.
import EmbedCore
import Foundation
import EmbedStreams

extension WordVectors {
    /// Reads a vector file ("-" for standard input): GloVe text, word2vec text or word2vec binary, plain or
    /// zstd, or a fastText model, detected from the content unless `format` is given. `limit` keeps only the
    /// first rows. A fastText model gives its vocabulary words' vectors and is kept as `subwords`.
    /// Throws InputError (file and line) on any defect: see `VectorFileReader` and `FastTextModel.read`.
    /// `observer` sees the share of the file read (task `vectors`).
    public static func read(path: String, format: VectorFormat? = nil, limit: Int? = nil,
                            observer: WorkObserver = SilentObserver.shared) throws -> WordVectors {
        switch try VectorInput.open(path: path, format: format, observer: observer) {
        case .rows(let reader): return try read(from: reader, limit: limit, observer: observer)
        case .fastText(let model): return model.wordVectors(limit: limit)
        }
    }

    /// Reads the remaining rows of an open reader (at most `limit` rows in all).
    /// Throws `InputError` (file and line) on any defect of the rows read.
    public static func read(from reader: VectorFileReader, limit: Int? = nil,
                            observer: WorkObserver = SilentObserver.shared) throws -> WordVectors {
        let wanted = limit.map { max(0, $0) } ?? Int.max
        var report = VectorReadProgress(reader: reader, limit: limit, observer: observer)
        var vectors: [Float]
        if let declared = reader.declaredCount {
            vectors = []
            vectors.reserveCapacity(min(declared, wanted, VectorFileReader.plausibleRows(reader.source, bytesPerRow:
                2 * reader.dimension + 2)) * reader.dimension)
            while reader.rowCount < wanted, try reader.next() {
                vectors.append(contentsOf: reader.values)
                report.row()
            }
        } else {
            // Unknown row count: fill fixed-size blocks, then move them into one exact array (no doubling,
            // peak memory one block above the result).
            var blocks: [[Float]] = []
            let blockSize = max(reader.dimension, 1 << 20)
            while reader.rowCount < wanted, try reader.next() {
                if blocks.isEmpty || blocks[blocks.count - 1].count + reader.dimension > blockSize {
                    blocks.append([])
                    blocks[blocks.count - 1].reserveCapacity(blockSize)
                }
                blocks[blocks.count - 1].append(contentsOf: reader.values)
                report.row()
            }
            vectors = []
            vectors.reserveCapacity(blocks.reduce(0) { $0 + $1.count })
            for i in blocks.indices {
                vectors.append(contentsOf: blocks[i])
                blocks[i] = []
            }
        }
        var words = reader.words
        var index = reader.index
        if words.count > wanted {   // a GloVe file's first row is parsed when the file is opened
            words.removeLast(words.count - wanted)
            index = index.filter { $0.value < wanted }
        }
        return WordVectors(checkedWords: words, dimension: reader.dimension, vectors: vectors, index: index)
    }

    /// Writes the vectors to `path` atomically; ".zst" names are compressed.
    /// `precision`: decimals in text formats (default: shortest digits that read back bit for bit).
    /// `fasttext-bin` writes the fastText model the vectors came from (all of it, whatever rows are kept);
    /// vectors without one (`subwords` nil) throw InputError: they have no n-grams to write.
    public func write(to path: String, format: VectorFormat = .glove, precision: Int? = nil) throws {
        if format == .fastTextBinary {
            guard let model = subwords else {
                throw InputError("fasttext-bin needs a fastText model: these vectors have no n-grams (read them from a fastText .bin)",
                                 path: path)
            }
            return try model.write(to: path)
        }
        let writer = try VectorFileWriter(path: path, format: format, count: count, dimension: dimension,
                                          precision: precision)
        try vectors.withUnsafeBufferPointer { all in
            for (i, word) in words.enumerated() {
                try writer.write(word: word, vector: UnsafeBufferPointer(rebasing: all[i * dimension ..< (i + 1) * dimension]))
            }
        }
        try writer.commit()
    }
}

/// Reports a vector file read every 4096 rows: share read and rows read.
public struct VectorReadProgress {
    let reader: VectorFileReader
    let limit: Int?
    var meter: ProgressMeter

    /// Progress of `reader` (up to `limit` rows) for `observer`, task `vectors`.
    public init(reader: VectorFileReader, limit: Int?, observer: WorkObserver) {
        self.reader = reader
        self.limit = limit
        meter = ProgressMeter(observer, task: "vectors", unit: "vectors")
    }

    /// Call after each row.
    public mutating func row() {
        guard reader.rowCount & 4095 == 0 else { return }
        meter.report(done: Double(reader.rowCount), fraction: reader.fraction(limit: limit))
    }
}
