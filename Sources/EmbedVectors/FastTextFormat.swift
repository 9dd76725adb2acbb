// Role: the layout of fastText's binary model file (`.bin`) as fastText 0.9 writes and reads it, its limits,
// and the check of the first bytes that tells a fastText model from a vector file.
//
// Layout (little-endian, no padding):
//   int32 magic 793712314 | int32 version 12 |
//   args: int32 dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate; float64 t |
//   dictionary: int32 size, nwords, nlabels; int64 ntokens; int64 pruneidx_size (-1: not pruned);
//     per entry: the bytes of the word, a NUL, int64 count, int8 type (0 word, 1 label);
//     pruneidx_size pairs of int32 (quantized models only) |
//   uint8 quantized input (0) | input DenseMatrix: int64 rows (nwords + bucket), int64 cols (dim), float32 values |
//   uint8 qout | output DenseMatrix: int64 rows (nwords; nlabels when supervised), int64 cols, float32 values.
import EmbedCore
import EmbedStreams

/// Constants of fastText's model file.
public enum FastTextFormat {
    /// The first int32 of every fastText model file.
    public static let magic: Int32 = 793_712_314
    /// The file-format version fastText 0.9 writes (and the only one this reader accepts).
    public static let version: Int32 = 12
    /// The magic number as the file's first four bytes.
    public static let magicBytes: [UInt8] = withUnsafeBytes(of: magic.littleEndian) { Array($0) }

    /// Longest dictionary entry accepted, in bytes (fastText has no limit; this keeps a damaged file from
    /// making one entry out of the whole rest of the file).
    static let maxEntryBytes = 1 << 16
    /// Largest dimension accepted.
    static let maxDimension = 1 << 20
    /// Bytes of the args block.
    static let argsBytes = 12 * 4 + 8

    /// True when `bytes` start with fastText's magic number.
    public static func startsWithMagic(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 4 && bytes.prefix(4).elementsEqual(magicBytes)
    }

    /// True when the file at `path` (plain or zstd, "-" not allowed: it would be consumed) is a fastText model.
    public static func isModel(path: String) throws -> Bool {
        let window = ByteWindow(try ByteSource(path: path))
        return try startsWithMagic(window)
    }

    /// True when the bytes waiting in `window` start with the magic number (reads at most 4 bytes ahead).
    static func startsWithMagic(_ window: ByteWindow) throws -> Bool {
        try window.fill(atLeast: 4)
        return startsWithMagic(window.pending)
    }
}
