// Role: writes vector files row by row (GloVe text, word2vec text or binary) through AtomicOutput:
// a temporary file renamed into place on `commit()`, zstd-compressed when the name ends in ".zst".
import EmbedCore
import Foundation
import EmbedStreams

/// Writes the rows of one vector file (see the file's Role).
public final class VectorFileWriter {
    /// The destination.
    public let path: String
    /// The row format written.
    public let format: VectorFormat
    /// Vector length.
    public let dimension: Int
    /// Rows announced (required by the word2vec formats' header; nil: any number, GloVe only).
    public let count: Int?
    /// Decimals per value in text formats (nil: shortest exact digits).
    public let precision: Int?
    /// Rows written so far.
    public private(set) var rowsWritten = 0
    private let output: AtomicOutput
    private let scratch: UnsafeMutableBufferPointer<UInt8>
    private let text: TextRowFormatter?

    /// Opens the output; `count` rows of `dimension` values must follow (the word2vec header announces them,
    /// so `count` is required there). `precision`: decimals printed in text formats (nil: shortest digits
    /// that read back exactly); "-" writes to standard output. Throws `InputError` for a precision out of range
    /// and when the file cannot be created.
    public init(path: String, format: VectorFormat, count: Int?, dimension: Int, precision: Int? = nil) throws {
        precondition(dimension > 0 && (count ?? 0) >= 0)
        guard format.isRowFormat else {
            throw InputError("fasttext-bin holds a whole fastText model, not rows: write one with FastTextModel.write(to:)", path: path)
        }
        precondition(count != nil || !format.hasHeader, "the word2vec formats need the row count up front")
        if let precision, !(0...FloatFormatter.maxPrecision).contains(precision) {
            throw InputError("precision must be between 0 and \(FloatFormatter.maxPrecision) decimals", path: path)
        }
        self.path = path
        self.format = format
        self.dimension = dimension
        self.count = count
        self.precision = precision
        output = try AtomicOutput(path: path)
        scratch = .allocate(capacity: 1 << 16)
        text = format == .word2vecBinary ? nil : TextRowFormatter(dimension: dimension, precision: precision)
        if format.hasHeader, let count { try output.write("\(count) \(dimension)\n") }
    }

    deinit {
        output.abort()
        scratch.deallocate()
    }

    /// Appends one row. Words must be non-empty and free of spaces, tabs and line breaks, which no
    /// vector format can represent. Throws `InputError` for such a word, for a row past the announced count,
    /// and when writing fails.
    public func write(word: String, vector: UnsafeBufferPointer<Float>) throws {
        precondition(vector.count == dimension, "vector of \(vector.count) values for dimension \(dimension)")
        if let count, rowsWritten >= count { throw InputError("more rows than the \(count) announced", path: path) }
        var w = word
        try w.withUTF8 { bytes in
            try Self.checkRepresentable(bytes, row: rowsWritten + 1, path: path)
            if let text {
                try text.append(word: bytes, vector: vector) { try output.write($0) }
            } else {
                try output.write(UnsafeRawBufferPointer(bytes))
                try writeBinary(vector)
            }
        }
        rowsWritten += 1
    }

    /// " " + the raw little-endian floats + "\n".
    private func writeBinary(_ vector: UnsafeBufferPointer<Float>) throws {
        let size = 4 * vector.count
        if size + 2 > scratch.count {
            try output.write(" ")
            try output.write(UnsafeRawBufferPointer(vector))
            try output.write("\n")
            return
        }
        let out = scratch.baseAddress!
        out[0] = 0x20
        UnsafeMutableRawPointer(out + 1).copyMemory(from: vector.baseAddress!, byteCount: size)
        out[size + 1] = 0x0A
        try output.write(UnsafeRawBufferPointer(start: out, count: size + 2))
    }

    /// Flushes and renames into place; fails when fewer rows than announced were written.
    /// Throws `InputError` for a row count other than the announced one, or when writing or renaming fails.
    public func commit() throws {
        if let count, rowsWritten != count {
            output.abort()
            throw InputError("\(rowsWritten) rows written but \(count) announced", path: path)
        }
        try text?.flush { try output.write($0) }
        try output.commit()
    }

    /// Drops the output (the temporary file is removed; `path` is untouched).
    public func abort() { output.abort() }

    /// Refuses words that would not read back as one field: empty, or containing a space, tab or line break.
    static func checkRepresentable(_ word: UnsafeBufferPointer<UInt8>, row: Int, path: String) throws {
        if word.isEmpty { throw InputError("row \(row): an empty word cannot be written", path: path) }
        for b in word where b <= 0x20 && (b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D) {
            let what = b == 0x20 ? "a space" : b == 0x09 ? "a tab" : "a line break"
            let text = String(decoding: word, as: UTF8.self).debugDescription   // quoted, line breaks escaped
            throw InputError("row \(row): the word \(text) contains \(what), which vector files cannot represent",
                             path: path)
        }
    }
}
