// Role: the vector file formats (GloVe text, word2vec text, word2vec binary, fastText's binary model), their
// command-line names and the format a file name suggests.
import EmbedCore
import EmbedStreams
import Foundation

/// A format vectors are read from or written to.
public enum VectorFormat: String, CaseIterable, Sendable {
    /// `word v1 ... vd` per line, no header (Stanford GloVe).
    case glove
    /// A `count dimension` header line, then GloVe-style rows (word2vec -binary 0, fastText .vec).
    case word2vec
    /// A `count dimension` header line, then per row `word` + space + d little-endian float32 (+ "\n").
    case word2vecBinary = "word2vec-bin"
    /// A whole fastText model (`.bin` as fastText 0.9 writes it): dictionary, word and n-gram rows, output
    /// matrix. Recognised by its magic number when reading; written only when asked for by name, since
    /// `.bin` names stay word2vec binary.
    case fastTextBinary = "fasttext-bin"

    /// The command-line name (`glove`, `word2vec`, `word2vec-bin`, `fasttext-bin`).
    public var name: String { rawValue }

    /// The format of a command-line name, nil when there is none.
    public init?(name: String) { self.init(rawValue: name) }

    /// True when the file starts with a `count dimension` line.
    public var hasHeader: Bool { self == .word2vec || self == .word2vecBinary }

    /// True for the formats made of one row per word (all but `fasttext-bin`, which holds a model).
    public var isRowFormat: Bool { self != .fastTextBinary }

    /// The formats made of one row per word: `glove`, `word2vec`, `word2vec-bin`.
    public static var rowFormats: [VectorFormat] { allCases.filter(\.isRowFormat) }

    /// The format a file name suggests, ignoring a trailing `.zst`: `.bin` is word2vec binary,
    /// `.vec` word2vec text (fastText's name for it), anything else GloVe text. (A fastText model is never
    /// suggested by name: its `.bin` is told apart by content when read, and asked for by name when written.)
    public static func suggested(byName path: String) -> VectorFormat {
        var name = PathName.name(path).lowercased()
        if name.hasSuffix(".zst") { name.removeLast(4) }
        if name.hasSuffix(".bin") { return .word2vecBinary }
        if name.hasSuffix(".vec") { return .word2vec }
        return .glove
    }

    /// Detects the format of a file from its content (zstd decompressed): fastText's magic number, else as
    /// `VectorFileReader` does.
    public static func detect(path: String) throws -> VectorFormat {
        let window = ByteWindow(try ByteSource(path: path))
        if try FastTextFormat.startsWithMagic(window) { return .fastTextBinary }
        return try VectorFileReader(window: window, path: path, format: nil).format
    }
}
