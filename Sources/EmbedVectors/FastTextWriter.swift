// Role: writes a FastTextModel as fastText 0.9's `.bin` (the layout in FastTextFormat, unquantized), through
// AtomicOutput: a temporary file renamed into place, so a failed write leaves no file; `fasttext.load_model`
// and gensim's `load_facebook_model` read the result.
import EmbedCore
import EmbedStreams
import Foundation

extension FastTextModel {
    /// Writes the model to `path` atomically (a ".zst" name is compressed, which fastText itself cannot read).
    /// Throws InputError when a setting does not fit fastText's 32-bit fields or the file cannot be written.
    public func write(to path: String) throws {
        if path == "-" { throw InputError("writing a fastText model to standard output is not supported: give a file name", path: path) }
        let fields: [(String, Int)] = [
            ("dim", args.dim), ("ws", args.ws), ("epoch", args.epoch), ("minCount", args.minCount), ("neg", args.neg),
            ("wordNgrams", args.wordNgrams), ("loss", Int(args.loss.rawValue)), ("model", Int(args.model.rawValue)),
            ("bucket", args.bucket), ("minn", args.minn), ("maxn", args.maxn), ("lrUpdateRate", args.lrUpdateRate),
        ]
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
        try writeMatrix(input, rows: inputRows, to: out)
        try out.write(raw: UInt8(args.qout ? 1 : 0))
        try writeMatrix(output, rows: outputRows, to: out)
        try out.commit()
        committed = true
    }

    /// A DenseMatrix: int64 rows, int64 columns, the floats (little-endian, as the host stores them).
    private func writeMatrix(_ values: [Float], rows: Int, to out: AtomicOutput) throws {
        try out.write(raw: Int64(rows).littleEndian)
        try out.write(raw: Int64(dimension).littleEndian)
        if !values.isEmpty { try values.withUnsafeBytes { try out.write($0) } }
    }
}
