// Role: streams a corpus (files, a directory, or "-" for stdin; plain or zstd) into a Tokenizer in bounded
// memory, whatever the line lengths: a long line comes in pieces cut at whitespace, each saying whether it ends
// the line. A line is a document: nothing downstream crosses it.
import EmbedCore
import Foundation
import EmbedStreams

/// Streams the lines of a corpus (files, directories, standard input; plain or zstd) into a tokenizer.
public final class CorpusReader {
    /// The input files in reading order ("-" is standard input).
    public private(set) var files: [String]
    /// How lines are split into tokens (case, mode, invalid UTF-8).
    public let options: TokenizerOptions
    /// The longest token accepted, in bytes, and the size of the pieces long lines are read in (1 MiB).
    public var maxTokenBytes = CorpusReader.defaultMaxTokenBytes
    /// 1 MiB.
    public static let defaultMaxTokenBytes = 1 << 20
    /// Total size of the input files on disk, when known (for progress and ETA).
    public private(set) var totalBytes: Int64?
    private var finishedBytes: Int64 = 0
    private var current: LineReader?
    private var spool: TemporaryFolder?
    private var passes = 0

    /// Path and line number of the line being processed (for error messages).
    public var path: String { current?.path ?? files.first ?? "-" }
    /// The number of the last line finished in the current file (for error messages).
    public var lineNumber: Int { current?.lineNumber ?? 0 }

    /// The corpus as the user named it (for messages): the one input, or the first and how many more.
    public let name: String

    /// A reader of `inputs` (files, directories, "-"); throws InputError for a missing input or an empty directory.
    public init(inputs: [String], options: TokenizerOptions = TokenizerOptions()) throws {
        files = try InputPaths.expand(inputs)
        name = inputs.count == 1 ? inputs[0] : "\(inputs[0]) (and \(inputs.count - 1) more)"
        self.options = options
        totalBytes = InputPaths.totalBytes(files)
    }

    /// Bytes of the input files consumed so far in the current pass (compressed bytes for zstd inputs).
    public var bytesRead: Int64 { finishedBytes + (current?.source.bytesConsumed ?? 0) }

    /// Fraction of the current pass done, when the input size is known.
    public var fraction: Double? {
        guard let total = totalBytes, total > 0 else { return nil }
        return min(1, Double(bytesRead) / Double(total))
    }

    /// Standard input can be read once; callers that need several passes call this first:
    /// stdin is copied (zstd-compressed) into a private temporary file that is removed at the end
    /// (progress goes to `observer`, task `standard input`).
    public func makeRereadable(temporaryParent: String? = nil, observer: WorkObserver = SilentObserver.shared) throws {
        guard files.contains("-"), spool == nil else { return }
        let folder = try TemporaryFolder(parent: temporaryParent, prefix: "embed-stdin")
        let copy = folder.file("stdin.zst")
        let out = try AtomicOutput(path: copy, compress: true, level: 1)
        let source = try ByteSource(path: "-")
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { chunk.deallocate() }
        var meter = ProgressMeter(observer, task: "standard input", unit: "bytes")
        var copied = 0
        while true {
            let n = try source.read(into: chunk)
            if n == 0 { break }
            try out.write(UnsafeRawBufferPointer(rebasing: chunk[..<n]))
            copied += n
            meter.report(done: Double(copied), fraction: nil)
        }
        try out.commit()
        spool = folder
        files = files.map { $0 == "-" ? copy : $0 }
        totalBytes = InputPaths.totalBytes(files)
    }

    /// One pass over the corpus: `body` is called once per line, or once per piece of a line longer than
    /// `maxTokenBytes` (cut at whitespace, so no token is split), with the tokenizer holding the piece's tokens
    /// (empty lines included, with zero tokens) and whether the piece ends its line. Throws InputError for a
    /// token longer than `maxTokenBytes`, invalid UTF-8 (by the options) and read errors.
    public func forEachPiece(_ body: (Tokenizer, _ endsLine: Bool) throws -> Void) throws {
        let tokenizer = Tokenizer(options)
        try forEachRawPiece { bytes, file, lineNumber, endsLine in
            try tokenizer.tokenize(bytes, path: file, lineNumber: lineNumber)
            try body(tokenizer, endsLine)
        }
    }

    /// One pass over the corpus as `forEachPiece` makes it, before tokenizing: `body` gets each piece's bytes
    /// (valid until it returns), its file, its line number and whether it ends its line (for threads that
    /// tokenize elsewhere, as `TextChunk` does). Throws InputError for a token longer than `maxTokenBytes` and
    /// read errors.
    public func forEachRawPiece(_ body: (UnsafeBufferPointer<UInt8>, _ file: String, _ lineNumber: Int, _ endsLine: Bool) throws -> Void) throws {
        if passes > 0 && files.contains("-") {
            throw StateError("standard input can be read only once: call makeRereadable first")
        }
        passes += 1
        finishedBytes = 0
        for file in files {
            let reader = try LineReader(path: file)
            current = reader
            while let piece = try reader.nextPiece(maxBytes: maxTokenBytes) {
                try body(piece.bytes, file, reader.lineNumber + (piece.endsLine ? 0 : 1), piece.endsLine)
            }
            finishedBytes += reader.source.bytesConsumed
            current = nil
        }
    }
}
