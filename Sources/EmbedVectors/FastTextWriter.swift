// Role: writes fastText 0.9's `.bin` (the layout in FastTextFormat, unquantized) from a FastTextModel or from
// any matrices given row by row (a trained model writes straight from its weights, without a copy), through
// AtomicOutput: a temporary file renamed into place, so a failed write leaves no file; `fasttext.load_model`
// and gensim's `load_facebook_model` read the result.
import EmbedCore
import EmbedStreams
import Foundation

extension FastTextModel {
    /// Writes the model to `path` atomically (a ".zst" name is compressed, which fastText itself cannot read).
    /// Throws InputError when a setting does not fit fastText's 32-bit fields or the file cannot be written.
    public func write(to path: String) throws {
        let d = dimension
        func rows(_ values: [Float], _ count: Int) -> FastTextRows {
            FastTextRows(count: count) { i, body in try values.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[(i * d * 4)..<((i + 1) * d * 4)])) } }
        }
        try FastTextModel.write(to: path, args: args, dictionary: dictionary, input: rows(input, inputRows),
                                output: rows(output, outputRows))
    }

    /// Writes a model given by its parts, the matrices row by row (each row `args.dim` floats), atomically.
    /// Throws InputError when a setting does not fit fastText's 32-bit fields or the file cannot be written.
    public static func write(to path: String, args: FastTextArgs, dictionary: FastTextDictionary, input: FastTextRows,
                             output: FastTextRows) throws {
        if path == "-" { throw InputError("writing a fastText model to standard output is not supported: give a file name", path: path) }
        let fields: [(String, Int)] = [
            ("dim", args.dim), ("ws", args.ws), ("epoch", args.epoch), ("minCount", args.minCount), ("neg", args.neg),
            ("wordNgrams", args.wordNgrams), ("loss", Int(args.loss.rawValue)), ("model", Int(args.model.rawValue)),
            ("bucket", args.bucket), ("minn", args.minn), ("maxn", args.maxn), ("lrUpdateRate", args.lrUpdateRate),
        ]
        guard input.count == dictionary.wordCount + args.bucket else {
            throw InputError("input matrix has \(input.count) rows, expected \(dictionary.wordCount) words + \(args.bucket) buckets", path: path)
        }
        guard output.count == outputRows(args: args, dictionary: dictionary) else {
            throw InputError("output matrix has \(output.count) rows, expected \(outputRows(args: args, dictionary: dictionary))", path: path)
        }
        var header: [Int32] = [FastTextFormat.magic, FastTextFormat.version]
        for (name, value) in fields {
            guard let v = Int32(exactly: value) else {
                throw InputError("\(name) \(value) does not fit fastText's 32-bit field", path: path)
            }
            header.append(v)
        }
        guard let size = Int32(exactly: dictionary.count) else {
            throw InputError("\(dictionary.count) dictionary entries are more than fastText can store", path: path)
        }

        let out = try AtomicOutput(path: path)
        var committed = false
        defer { if !committed { out.abort() } }
        for v in header { try out.write(raw: v.littleEndian) }
        try out.write(raw: args.t.bitPattern.littleEndian)

        try out.write(raw: size.littleEndian)
        try out.write(raw: Int32(dictionary.wordCount).littleEndian)
        try out.write(raw: Int32(dictionary.labelCount).littleEndian)
        try out.write(raw: dictionary.tokenCount.littleEndian)
        try out.write(raw: Int64(-1).littleEndian)   // never pruned
        for i in 0..<dictionary.count {
            try out.write(dictionary.entries[i])
            try out.write(raw: UInt8(0))
            try out.write(raw: dictionary.counts[i].littleEndian)
            try out.write(raw: dictionary.types[i].rawValue)
        }

        try out.write(raw: UInt8(0))                  // input not quantized
        try writeMatrix(input, dimension: args.dim, to: out)
        try out.write(raw: UInt8(args.qout ? 1 : 0))
        try writeMatrix(output, dimension: args.dim, to: out)
        try out.commit()
        committed = true
    }

    /// A DenseMatrix: int64 rows, int64 columns, the floats (little-endian, as the host stores them).
    private static func writeMatrix(_ rows: FastTextRows, dimension: Int, to out: AtomicOutput) throws {
        try out.write(raw: Int64(rows.count).littleEndian)
        try out.write(raw: Int64(dimension).littleEndian)
        for i in 0..<rows.count { try rows.row(i) { try out.write($0) } }
    }
}

/// A matrix handed to the fastText writer a row at a time: `row(i, body)` calls `body` with row i's bytes.
public struct FastTextRows {
    /// Rows in the matrix.
    public let count: Int
    /// Calls its second argument with the bytes of row `i` (`dim` floats).
    public let row: (_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Void

    /// Rows given by `row`.
    public init(count: Int, row: @escaping (_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) {
        self.count = count
        self.row = row
    }
}
