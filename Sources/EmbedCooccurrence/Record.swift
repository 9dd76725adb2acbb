// Role: the co-occurrence record (int32 i, int32 j, float64 x; 1-based ids) and its on-disk layout,
// identical to what Stanford's GloVe tools read and write (little-endian, 16 bytes, no header).
import EmbedCore

public struct CooccurrenceRecord: Equatable {
    /// 1-based vocabulary ids (line numbers of vocab.txt).
    public var i: Int32
    public var j: Int32
    public var x: Double

    public init(i: Int32, j: Int32, x: Double) { self.i = i; self.j = j; self.x = x }

    public static let byteSize = 16
}
