// Role: streams the rows of a vector file (GloVe text, word2vec text or binary; zstd or plain), detecting the
// format from the content, and turns every defect into one InputError naming the file and line.
import EmbedCore
import Foundation
import EmbedStreams

/// Reads one row at a time: `next()` then `word` / `values`. Memory: the words seen so far (to refuse
/// duplicates) and one row, whatever the file size.
///
/// Detection: a first line of exactly two non-negative integers is a word2vec `count dimension` header
/// (so a GloVe file of dimension 1 whose first word is a number needs an explicit format). After a header the
/// rows are binary when the bytes following the first word are not printable ASCII, text otherwise.
/// In binary files "line" means record: the header is line 1 and row k (1-based) is line k + 1.
public final class VectorFileReader {
    /// The file read ("-": standard input).
    public let path: String
    /// The format detected or requested.
    public let format: VectorFormat
    /// Vector length.
    public let dimension: Int
    /// The row count the header announces (word2vec formats).
    public let declaredCount: Int?
    /// Words read so far, in file order (after `init` on a GloVe file: the first row's word, not yet delivered).
    public private(set) var words: [String] = []
    /// Row of each word read so far.
    private(set) var index: [String: Int] = [:]
    /// The line (binary: record) number of the current row.
    public private(set) var line = 0

    private let window: ByteWindow
    /// The byte stream being read (its size and compression bound what a header is believed).
    var source: ByteSource { window.source }
    private let row: UnsafeMutableBufferPointer<Float>
    private var firstRowLine: Int
    private var pendingFirstRow = false
    private var blankLine: Int?          // a blank line seen; only more blank lines may follow it
    private var finished = false

    /// Opens `path` ("-" for standard input), reads the header or the first row and fixes the format.
    /// A fastText model is refused (it is not rows of vectors: `VectorInput.open` or `WordVectors.read` take both).
    public convenience init(path: String, format requested: VectorFormat? = nil) throws {
        try self.init(window: ByteWindow(try ByteSource(path: path)), path: path, format: requested)
    }

    /// Reads from a window already open on `path` (nothing consumed yet).
    init(window: ByteWindow, path: String, format requested: VectorFormat?) throws {
        self.path = path
        self.window = window
        if requested == .fastTextBinary || (requested == nil && (try? FastTextFormat.startsWithMagic(window)) == true) {
            throw InputError("a fastText model, not rows of vectors: read it as a whole (WordVectors.read, FastTextModel.read)",
                             path: path)
        }
        var lineNumber = 0
        var first: UnsafeBufferPointer<UInt8>?
        while let l = try Self.locating(lineNumber + 1, { try window.nextLine() }) {
            lineNumber += 1
            var text = l
            if lineNumber == 1, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = UnsafeBufferPointer(rebasing: text[3...]) }
            if !Self.isBlank(text) { first = text; break }
        }
        guard let first else { throw InputError("empty file: no vectors", path: path, line: max(lineNumber, 1)) }

        let header = Self.parseHeader(first)
        switch (requested, header) {
        case (.glove, _), (nil, nil):
            // The first line is the first row: it fixes the dimension.
            format = .glove
            let fields = Self.fieldCount(first)
            guard fields >= 2 else {
                throw InputError("expected `word v1 ... vd`, found a single field (or a word2vec header without rows)",
                                 path: path, line: lineNumber)
            }
            dimension = fields - 1
            declaredCount = nil
            firstRowLine = lineNumber
            line = lineNumber
            row = .allocate(capacity: dimension)
            reserve(Self.estimatedRows(window.source, firstLineLength: first.count + 1))
            try parseTextRow(first)
            pendingFirstRow = true
        case (let explicit, let (count, dimension)?):
            // A row takes at least a byte a value and the file can hold only so many: a header claiming more is
            // refused before the row buffer is allocated.
            if count > 0, let size = window.source.fileSize, !window.source.isCompressed, dimension > Int(size) {
                throw InputError("the header's dimension \(dimension) does not fit in a file of \(size) bytes",
                                 path: path, line: lineNumber)
            }
            guard dimension <= Self.maxDimension else {
                throw InputError("the header's dimension \(dimension) is above \(Self.maxDimension)", path: path, line: lineNumber)
            }
            self.dimension = dimension
            declaredCount = count
            firstRowLine = lineNumber + 1
            row = .allocate(capacity: dimension)
            if let explicit {
                format = explicit
            } else {
                format = try Self.locating(lineNumber + 1) { try Self.sniffRows(window, dimension: dimension) }
            }
            reserve(min(count, Self.plausibleRows(window.source, bytesPerRow: 2 * dimension + 2)))
        case (_, nil):
            throw InputError("expected a word2vec header `count dimension`", path: path, line: lineNumber)
        }
    }

    deinit { row.deallocate() }

    /// Sizes the word list and index up front (growing a large dictionary rehashes every key).
    private func reserve(_ rows: Int) {
        let rows = min(rows, 50_000_000)
        words.reserveCapacity(rows)
        index.reserveCapacity(rows)
    }

    /// The largest dimension a vector file may declare (16M values: a 64 MB row).
    static let maxDimension = 1 << 24

    /// Rows a file of this size could hold at `bytesPerRow` at least (a header is only believed that far);
    /// compressed or unsized inputs: a million rows, the rest grows as the rows come.
    static func plausibleRows(_ source: ByteSource, bytesPerRow: Int) -> Int {
        guard let size = source.fileSize, !source.isCompressed else { return 1 << 20 }
        return Int(size) / max(bytesPerRow, 1) + 1
    }

    /// Rows a headerless file probably has, from its size and first line (zstd text shrinks about 3 times).
    private static func estimatedRows(_ source: ByteSource, firstLineLength: Int) -> Int {
        guard let size = source.fileSize else { return 0 }
        return Int(size) * (source.isCompressed ? 3 : 1) / max(firstLineLength, 1)
    }

    /// The current row's word.
    public var word: String { words[words.count - 1] }
    /// The current row's values (valid until the next call to `next()`).
    public var values: UnsafeBufferPointer<Float> { UnsafeBufferPointer(row) }
    /// Rows delivered by `next()` so far.
    public var rowCount: Int { pendingFirstRow ? 0 : words.count }

    /// Fraction read so far: rows of the rows wanted when known (`limit`, a word2vec header's count),
    /// else bytes of the file's size; nil when neither is known (a GloVe file on standard input).
    public func fraction(limit: Int? = nil) -> Double? {
        if let rows = [limit, declaredCount].compactMap({ $0 }).min(), rows > 0 {
            return min(1, Double(rowCount) / Double(rows))
        }
        guard let size = window.source.fileSize, size > 0 else { return nil }
        return min(1, Double(window.source.bytesConsumed) / Double(size))
    }

    /// Advances to the next row; false at the end of the file (after checking the header's count).
    /// Throws `InputError` naming the file and line for a malformed row, a duplicated word or a wrong row count.
    public func next() throws -> Bool {
        if pendingFirstRow { pendingFirstRow = false; return true }
        if finished { return false }
        let more = try Self.locating(firstRowLine + words.count) {
            format == .word2vecBinary ? try nextBinaryRow() : try nextTextRow()
        }
        if !more {
            finished = true
            if let declared = declaredCount, declared != words.count {
                throw InputError("the header announces \(declared) vectors but the file has \(words.count)",
                                 path: path, line: firstRowLine - 1)
            }
        }
        return more
    }

    // MARK: text rows

    private func nextTextRow() throws -> Bool {
        while let text = try Self.locating(firstRowLine + words.count, { try window.nextLine() }) {
            let lineNumber = firstRowLine + words.count + (blankLine == nil ? 0 : 1)
            if Self.isBlank(text) {
                if blankLine == nil { blankLine = lineNumber }
                continue
            }
            if let blank = blankLine { throw InputError("empty line among the vectors", path: path, line: blank) }
            line = lineNumber
            try parseTextRow(text)
            return true
        }
        return false
    }

    /// Parses `word v1 ... vd` (separated by spaces or tabs) into `row` and records the word.
    private func parseTextRow(_ text: UnsafeBufferPointer<UInt8>) throws {
        try checkRoomForAnotherRow()
        let p = text.baseAddress!, n = text.count
        var i = 0
        while i < n && Self.isSeparator(p[i]) { i += 1 }
        let wordStart = i
        while i < n && !Self.isSeparator(p[i]) { i += 1 }
        let word = UnsafeBufferPointer(start: p + wordStart, count: i - wordStart)
        for k in 0..<dimension {
            while i < n && Self.isSeparator(p[i]) { i += 1 }
            guard i < n else { throw wrongValueCount(found: k) }
            let (end, value, result) = FloatParser.scan(p, from: i, to: n)
            if result == .value && (end == n || Self.isSeparator(p[end])) {
                row[k] = value
                i = end
            } else {
                i = try parseToken(p, from: i, to: n, column: k)
            }
        }
        while i < n && Self.isSeparator(p[i]) { i += 1 }
        if i < n { throw wrongValueCount(found: dimension + Self.fieldCount(UnsafeBufferPointer(rebasing: text[i...]))) }
        try record(word)
    }

    /// The slow path for one value: a number needing strtof, or an error naming what is wrong.
    private func parseToken(_ p: UnsafePointer<UInt8>, from start: Int, to n: Int, column k: Int) throws -> Int {
        var end = start
        while end < n && !Self.isSeparator(p[end]) { end += 1 }
        let token = UnsafeBufferPointer(start: p + start, count: end - start)
        switch FloatParser.parse(token) {
        case .success(let v): row[k] = v
        case .failure(let f): throw InputError(f.message(token, dimension: dimension, column: k + 1), path: path, line: line)
        }
        return end
    }

    private func wrongValueCount(found: Int) -> InputError {
        let expected = format == .glove ? "\(dimension) values like the first row" : "\(dimension) values (the header's dimension)"
        return InputError("expected \(expected), found \(found)", path: path, line: line)
    }

    // MARK: binary rows

    private func nextBinaryRow() throws -> Bool {
        // Rows are separated by an optional "\n" (word2vec's C tool writes one).
        while try window.fill(atLeast: 1) > 0, window.pending[0] == 0x0A || window.pending[0] == 0x0D { window.skip(1) }
        guard let (wordBytes, found) = try window.next(upTo: 0x20, limit: 1 << 16) else { return false }
        line = firstRowLine + words.count
        try checkRoomForAnotherRow()
        guard found else {
            throw InputError("truncated or corrupt binary row: no space after the word within \(wordBytes.count) bytes",
                             path: path, line: line)
        }
        try record(wordBytes)
        let size = 4 * dimension
        let got = try window.fill(atLeast: size)
        guard got >= size else {
            throw InputError("truncated binary file: row of \"\(word)\" has \(got) of \(size) bytes", path: path, line: line)
        }
        UnsafeMutableRawPointer(row.baseAddress!).copyMemory(from: window.pending.baseAddress!, byteCount: size)
        window.skip(size)
        for k in 0..<dimension where !row[k].isFinite {
            let what = row[k].isNaN ? "NaN" : "infinite"
            throw InputError("value \(k + 1) of \(dimension) is \(what)", path: path, line: line)
        }
        return true
    }

    // MARK: shared

    private func checkRoomForAnotherRow() throws {
        if let declared = declaredCount, words.count >= declared {
            throw InputError("more vectors than the header's \(declared)", path: path, line: line)
        }
    }

    /// Validates the word (UTF-8, not empty, not seen before) and appends it.
    private func record(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard !bytes.isEmpty else { throw InputError("empty word", path: path, line: line) }
        guard let word = Self.decodeUTF8(bytes) else { throw InputError("word is not valid UTF-8", path: path, line: line) }
        let rowIndex = words.count
        if let previous = index.updateValue(rowIndex, forKey: word) {
            index[word] = previous
            throw InputError("duplicated word \"\(word)\" (first on line \(firstRowLine + previous))", path: path, line: line)
        }
        words.append(word)
    }

    /// The word as a String, nil when the bytes are not valid UTF-8 (decoding would have replaced some).
    private static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let word = String(decoding: bytes, as: UTF8.self)
        if bytes.allSatisfy({ $0 < 0x80 }) { return word }
        return word.utf8.elementsEqual(bytes) ? word : nil
    }

    /// Gives a stream error that names only the file (truncated or corrupt zstd) the line reading had reached.
    private static func locating<T>(_ line: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as InputError where error.line == nil {
            error.line = line
            throw error
        }
    }

    /// Header `count dimension`: two non-negative integers, dimension positive.
    private static func parseHeader(_ text: UnsafeBufferPointer<UInt8>) -> (count: Int, dimension: Int)? {
        var numbers: [Int] = []
        var i = 0
        let n = text.count
        while i < n {
            while i < n && isSeparator(text[i]) { i += 1 }
            if i == n { break }
            var value = 0, digits = 0
            while i < n && !isSeparator(text[i]) {
                let d = text[i] &- 48
                guard d < 10, digits < 15 else { return nil }
                value = value * 10 + Int(d); digits += 1; i += 1
            }
            numbers.append(value)
            if numbers.count > 2 { return nil }
        }
        guard numbers.count == 2, numbers[1] > 0 else { return nil }
        return (numbers[0], numbers[1])
    }

    /// After a header: binary when the bytes after the first row's word are not printable ASCII text.
    private static func sniffRows(_ window: ByteWindow, dimension: Int) throws -> VectorFormat {
        try window.fill(atLeast: 4 * dimension + 4096)
        let bytes = window.pending
        var i = 0
        while i < bytes.count && (bytes[i] == 0x0A || bytes[i] == 0x0D) { i += 1 }
        while i < bytes.count && bytes[i] != 0x20 { i += 1 }
        let valuesStart = i + 1
        let valuesEnd = min(bytes.count, valuesStart + 4 * dimension)
        var k = valuesStart
        while k < valuesEnd && bytes[k] != 0x0A {
            let b = bytes[k]
            if !(b >= 0x20 && b < 0x7F) && b != 0x09 && b != 0x0D { return .word2vecBinary }
            k += 1
        }
        return .word2vec
    }

    @inline(__always) static func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private static func isBlank(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.allSatisfy { isSeparator($0) || $0 == 0x0D }
    }

    private static func fieldCount(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inField = false
        for b in text {
            let separator = isSeparator(b)
            if !separator && !inField { count += 1 }
            inField = !separator
        }
        return count
    }
}
