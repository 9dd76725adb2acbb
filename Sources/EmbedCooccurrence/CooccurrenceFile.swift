// Role: streaming reader and writer of co-occurrence files (16-byte little-endian records, no header, the
// layout of Stanford's GloVe tools): big chunks into caller-owned buffers, zstd input detected by its magic.
import EmbedCore
import Foundation
import EmbedStreams

#if _endian(big)
#error("co-occurrence files are little-endian; this code writes records as they are in memory")
#endif

/// The co-occurrence file format: 16-byte little-endian records (i, j, x) with no header, as Stanford's GloVe
/// tools read and write; `Reader` streams records out of such a file and `Writer` writes one.
public enum CooccurrenceFile {
    /// Reads records in chunks. Plain and zstd-compressed files; "-" is standard input.
    public final class Reader {
        /// The file read ("-" for standard input).
        public let path: String
        /// When set, every record is checked: 1 <= i, j <= vocabularySize and x finite.
        public let vocabularySize: Int?
        private var source: ByteSource
        private let chunk: UnsafeMutableBufferPointer<CooccurrenceRecord>
        /// Records handed out so far in this pass.
        public private(set) var recordsRead: Int64 = 0

        /// `chunkRecords` sets the size of the buffer `next()` fills (default 1 MiB of records). Throws `InputError`
        /// when `path` is missing, a directory or unreadable.
        public init(path: String, chunkRecords: Int = 1 << 16, vocabularySize: Int? = nil) throws {
            self.path = path
            self.vocabularySize = vocabularySize
            source = try ByteSource(path: path)
            chunk = .allocate(capacity: max(chunkRecords, 1))
        }

        deinit { chunk.deallocate() }

        /// Number of records, when the input is a plain file (nil for zstd or standard input).
        public var recordCount: Int64? {
            guard !source.isCompressed, let size = source.fileSize else { return nil }
            return size / Int64(CooccurrenceRecord.byteSize)
        }

        /// The next chunk of records (valid until the next call), or nil at the end. Throws as `read(into:)` does.
        public func next() throws -> UnsafeMutableBufferPointer<CooccurrenceRecord>? {
            let n = try read(into: chunk)
            return n == 0 ? nil : UnsafeMutableBufferPointer(rebasing: chunk[..<n])
        }

        /// Fills `buffer` from the start; returns the number of records read (0 at the end; fewer than
        /// `buffer.count` only at the end). Throws `InputError` on a truncated last record, an invalid record or
        /// unreadable input.
        public func read(into buffer: UnsafeMutableBufferPointer<CooccurrenceRecord>) throws -> Int {
            guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
            let raw = UnsafeMutableRawPointer(base)
            let want = buffer.count * CooccurrenceRecord.byteSize
            var got = 0
            while got < want {
                let n = try source.read(into: UnsafeMutableRawBufferPointer(start: raw + got, count: want - got))
                if n == 0 { break }
                got += n
            }
            if got % CooccurrenceRecord.byteSize != 0 {
                throw InputError("truncated record at the end (size is not a multiple of \(CooccurrenceRecord.byteSize) bytes)", path: path)
            }
            let n = got / CooccurrenceRecord.byteSize
            if let v = vocabularySize { try check(UnsafeBufferPointer(rebasing: buffer[..<n]), vocabularySize: v) }
            recordsRead += Int64(n)
            return n
        }

        private func check(_ records: UnsafeBufferPointer<CooccurrenceRecord>, vocabularySize v: Int) throws {
            let limit = Int32(clamping: v)
            for (k, r) in records.enumerated() where r.i < 1 || r.i > limit || r.j < 1 || r.j > limit || !r.x.isFinite {
                throw InputError("record \(recordsRead + Int64(k) + 1): i=\(r.i) j=\(r.j) x=\(r.x) is not a valid record for a vocabulary of \(v) words", path: path)
            }
        }

        /// Starts again from the first record (not possible for standard input). Throws `StateError` for standard
        /// input and `InputError` when the file cannot be opened again.
        public func rewind() throws {
            guard path != "-" else { throw StateError("standard input cannot be read twice") }
            source = try ByteSource(path: path)
            recordsRead = 0
        }
    }

    /// Writes records through an atomic output (temporary file renamed on `commit()`; zstd when the name
    /// ends in .zst).
    public final class Writer {
        /// The destination file (written under a temporary name until `commit`).
        public let path: String
        private let output: AtomicOutput
        private let buffer: UnsafeMutablePointer<CooccurrenceRecord>
        private let capacity = 1 << 15
        private var used = 0
        /// Records written to the file so far (records still in the buffer are not counted yet).
        public private(set) var count: Int64 = 0

        /// A writer to `path`, zstd-compressed when it ends in .zst.
        /// Throws `InputError` when the file cannot be created.
        public init(path: String) throws {
            self.path = path
            output = try AtomicOutput(path: path)
            buffer = .allocate(capacity: capacity)
        }

        deinit { buffer.deallocate() }

        /// Appends one record (buffered). Throws `InputError` when flushing the buffer to the file fails.
        @inline(__always)
        public func append(_ record: CooccurrenceRecord) throws {
            if used == capacity { try flush() }
            buffer[used] = record
            used += 1
        }

        /// Appends `records` after the buffered ones. Throws `InputError` when writing fails.
        public func append(_ records: UnsafeBufferPointer<CooccurrenceRecord>) throws {
            try flush()
            try output.write(UnsafeRawBufferPointer(records))
            count += Int64(records.count)
        }

        private func flush() throws {
            guard used > 0 else { return }
            try output.write(UnsafeRawBufferPointer(start: buffer, count: used * CooccurrenceRecord.byteSize))
            count += Int64(used)
            used = 0
        }

        /// Writes everything and renames the file into place. Throws `InputError` when writing or renaming fails.
        public func commit() throws {
            try flush()
            try output.commit()
        }

        /// Drops the output (the destination is left untouched).
        public func abort() { output.abort() }
    }
}
