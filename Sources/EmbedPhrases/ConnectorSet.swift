// Role: the connector words as a byte-string set, looked up per token without making a String.
import EmbedVocabulary

/// A set of connector words, each with an index (its position in the list it was made from).
public final class ConnectorSet {
    private let table = ByteStringTable(capacity: 64)

    /// A set of `words` (duplicates are kept once).
    public init(_ words: [String]) {
        for word in words {
            var w = word
            w.withUTF8 { _ = table.insert($0) }
        }
    }

    /// Number of connector words.
    public var count: Int { table.count }

    /// The index of `bytes` when it is a connector word.
    @inline(__always)
    public func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? { table.find(bytes).map { Int($0) } }

    /// The bytes of connector `i`.
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> { table.bytes(i) }
}
