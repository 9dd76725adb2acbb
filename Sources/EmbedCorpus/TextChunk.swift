// Role: a chunk of raw corpus text (pieces of lines of one file, with their line numbers and whether each ends
// its line) that a reading thread hands to tokenizing threads through a ChunkQueue.
import EmbedCore

/// Pieces of lines of one file, copied from the reader: their bytes back to back, and for each its end offset,
/// its line number (for error messages) and whether it ends its line.
public final class TextChunk: ReusableChunk {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0
    private var ends: [Int] = []
    private var lines: [Int] = []
    private var endsLine: [Bool] = []
    /// The file the pieces come from.
    public private(set) var path = ""

    /// An empty chunk of `capacity` bytes (a longer piece grows it).
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        bytes = .allocate(capacity: self.capacity)
    }

    deinit { bytes.deallocate() }

    /// The pieces held.
    public var count: Int { ends.count }
    /// True when no piece is held.
    public var isEmpty: Bool { ends.isEmpty }

    /// True when a piece of `n` bytes from `file` may join: the chunk is empty, or holds pieces of that file
    /// and has room.
    public func accepts(_ n: Int, from file: String) -> Bool { isEmpty || (file == path && used + n <= capacity) }

    /// Copies a piece of line `lineNumber` of `file` into the chunk.
    public func append(_ piece: UnsafeBufferPointer<UInt8>, from file: String, lineNumber: Int, endsLine ends: Bool) {
        if isEmpty { path = file }
        UnsafeMutablePointer.grow(&bytes, capacity: &capacity, keeping: used, toHold: used + piece.count)
        if let base = piece.baseAddress { (bytes + used).update(from: base, count: piece.count) }
        used += piece.count
        self.ends.append(used)
        lines.append(lineNumber)
        endsLine.append(ends)
    }

    /// Tokenizes each piece in turn into `tokenizer` and calls `body` with it and whether the piece ends its
    /// line. Throws the tokenizer's InputError (naming the file and line) and whatever `body` throws.
    public func forEachPiece(_ tokenizer: Tokenizer, _ body: (Tokenizer, _ endsLine: Bool) throws -> Void) throws {
        var start = 0
        for i in 0..<ends.count {
            try tokenizer.tokenize(UnsafeBufferPointer(start: bytes + start, count: ends[i] - start), path: path,
                                   lineNumber: lines[i])
            try body(tokenizer, endsLine[i])
            start = ends[i]
        }
    }

    /// Empties the chunk, keeping its storage.
    public func reset() {
        used = 0
        ends.removeAll(keepingCapacity: true); lines.removeAll(keepingCapacity: true)
        endsLine.removeAll(keepingCapacity: true)
    }
}
