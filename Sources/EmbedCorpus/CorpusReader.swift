// Role: streams a corpus (files, a directory, or "-" for stdin; plain or zstd) line by line into a Tokenizer,
// in constant memory. A line is a document: nothing downstream crosses it.
import EmbedCore
import Foundation
import EmbedStreams

/// Reads a corpus (files, directories, "-" for standard input; plain or zstd) one line, that is one document,
/// at a time through a `Tokenizer`, in constant memory, for as many passes as the caller needs.
public final class CorpusReader {
    /// The input files in reading order ("-" is standard input).
    public private(set) var files: [String]
    /// How each line is split into tokens.
    public let options: TokenizerOptions
    /// Total size of the input files on disk, when known (for progress and ETA).
    public private(set) var totalBytes: Int64?
    private var finishedBytes: Int64 = 0
    private var current: LineReader?
    private var spool: TemporaryFolder?
    private var passes = 0

    /// The file of the line being processed, for error messages (the first file before and after a pass).
    public var path: String { current?.path ?? files.first ?? "-" }
    /// The 1-based number of the line being processed in its file, for error messages (0 between files).
    public var lineNumber: Int { current?.lineNumber ?? 0 }

    /// A reader of the files `inputs` stand for (directories expanded, "-" kept), tokenized with `options`.
    /// Throws `InputError` for a missing path or a directory without files.
    public init(inputs: [String], options: TokenizerOptions = TokenizerOptions()) throws {
        files = try InputPaths.expand(inputs)
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
    /// (progress goes to `observer`, task `standard input`). Throws `InputError` when reading stdin or writing
    /// the copy fails.
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

    /// One pass over the corpus: `body` is called once per line with the tokenizer holding its tokens
    /// (empty lines included, with zero tokens). Throws `StateError` for a second pass over standard input without
    /// `makeRereadable`, `InputError` for unreadable input or invalid UTF-8, and whatever `body` throws.
    public func forEachLine(_ body: (Tokenizer) throws -> Void) throws {
        if passes > 0 && files.contains("-") {
            throw StateError("standard input can be read only once: call makeRereadable first")
        }
        passes += 1
        finishedBytes = 0
        let tokenizer = Tokenizer(options)
        for file in files {
            let reader = try LineReader(path: file)
            current = reader
            while let line = try reader.nextLine() {
                try tokenizer.tokenize(line, path: file, lineNumber: reader.lineNumber)
                try body(tokenizer)
            }
            finishedBytes += reader.source.bytesConsumed
            current = nil
        }
    }
}
