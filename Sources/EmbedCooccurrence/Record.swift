// Role: the co-occurrence record (int32 i, int32 j, float64 x; 1-based ids) and its on-disk layout,
// identical to what Stanford's GloVe tools read and write (little-endian, 16 bytes, no header).
import EmbedCore

/// One nonzero entry of the co-occurrence matrix X: X[i][j] = x, with 1-based word ids; 16 bytes on disk
/// (int32 i, int32 j, float64 x, little-endian), the layout of Stanford's GloVe tools.
public struct CooccurrenceRecord: Equatable {
    /// The 1-based vocabulary id (line number in vocab.txt) of the centre word.
    public var i: Int32
    /// The 1-based vocabulary id (line number in vocab.txt) of the context word.
    public var j: Int32
    /// The weighted co-occurrence count: the sum of the weights of the pairs (i, j) seen.
    public var x: Double

    /// A record of word `i`, context word `j` and weighted count `x`.
    public init(i: Int32, j: Int32, x: Double) { self.i = i; self.j = j; self.x = x }

    /// The size of a record in a file: 16 bytes.
    public static let byteSize = 16
}
