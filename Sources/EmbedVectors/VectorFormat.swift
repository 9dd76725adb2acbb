// Role: the vector file formats (GloVe text, word2vec text, word2vec binary), their command-line names
// and the format a file name suggests.
import EmbedCore
import Foundation

/// The vector file formats embed reads and writes: GloVe text, word2vec text and word2vec binary.
public enum VectorFormat: String, CaseIterable, Sendable {
    /// `word v1 ... vd` per line, no header (Stanford GloVe).
    case glove
    /// A `count dimension` header line, then GloVe-style rows (word2vec -binary 0, fastText .vec).
    case word2vec
    /// A `count dimension` header line, then per row `word` + space + d little-endian float32 (+ "\n").
    case word2vecBinary = "word2vec-bin"

    /// The command-line name (`glove`, `word2vec`, `word2vec-bin`).
    public var name: String { rawValue }

    /// The format with command-line name `name` (`glove`, `word2vec`, `word2vec-bin`), nil for any other name.
    public init?(name: String) { self.init(rawValue: name) }

    /// True when the file starts with a `count dimension` line.
    public var hasHeader: Bool { self != .glove }

    /// The format a file name suggests, ignoring a trailing `.zst`: `.bin` is word2vec binary,
    /// `.vec` word2vec text (fastText's name for it), anything else GloVe text.
    public static func suggested(byName path: String) -> VectorFormat {
        var name = (path as NSString).lastPathComponent.lowercased()
        if name.hasSuffix(".zst") { name.removeLast(4) }
        if name.hasSuffix(".bin") { return .word2vecBinary }
        if name.hasSuffix(".vec") { return .word2vec }
        return .glove
    }

    /// Detects the format of a file from its content (zstd decompressed). See `VectorFileReader`.
    /// Throws `InputError` when the file cannot be read or is not a vector file.
    public static func detect(path: String) throws -> VectorFormat {
        try VectorFileReader(path: path).format
    }
}
