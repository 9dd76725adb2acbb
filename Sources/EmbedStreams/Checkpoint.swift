// Role: the one container for everything embed saves to resume or reuse a model (skip-gram and GloVe
// checkpoints, classifier and tagger models): magic, container version, kind and its schema version, JSON
// settings, named binary sections aligned to 64 bytes, an end mark and a checksum over all of it. Written
// atomically; read back memory-mapped with every length checked against the file size before any allocation.
//
// Layout (little-endian):
//   "EMBEDCKP" | u32 container version | u32 n + n bytes kind | u32 kind version | u64 n + n bytes JSON |
//   u32 section count | per section: u32 n + n bytes name, u64 length, zero padding to a multiple of 64
//   bytes from the start of the file, length bytes | "EMBEDEND" | u64 checksum of every byte before it
//   (FNV1a64.addWords).
import EmbedCore
import Foundation

/// The constants of the checkpoint container's layout, shared by `CheckpointWriter` and `CheckpointReader`.
public enum CheckpointFormat {
    /// The eight bytes that open every checkpoint file: `EMBEDCKP`.
    public static let magic = Array("EMBEDCKP".utf8)
    /// The eight bytes that close the sealed part, before the checksum: `EMBEDEND`.
    public static let endMark = Array("EMBEDEND".utf8)
    /// The container layout version written, and the only one read.
    public static let containerVersion: UInt32 = 1
    /// Sections start at multiples of this many bytes (so mapped Float and SIMD data are aligned).
    public static let alignment = 64
    /// Limits that keep a damaged header from asking for absurd work.
    static let maxKindBytes = 64
    static let maxNameBytes = 256
    static let maxSections = 4096
}

/// Writes a checkpoint: `section` calls in any order, then `commit`. Sections are named byte blocks.
public final class CheckpointWriter {
    private let out: AtomicOutput
    private var checksum = FNV1a64()
    private var offset = 0
    private var sectionsLeft: Int
    /// Bytes not yet fed to the checksum (it works on whole 8-byte words; flushed as they fill).
    private var tail: [UInt8] = []

    /// Starts `path` (a temporary file until `commit`) for `sections` sections of `kind` (schema `version`)
    /// with `settings` as its JSON header. Throws `InputError` when the file cannot be created or written, and
    /// the encoder's error when `settings` does not encode.
    public init<S: Encodable>(path: String, kind: String, version: Int, settings: S, sections: Int) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = [UInt8](try encoder.encode(settings))
        out = try AtomicOutput(path: path, compress: false)
        sectionsLeft = sections
        do {
            try put(CheckpointFormat.magic)
            try put(CheckpointFormat.containerVersion)
            try put(UInt32(kind.utf8.count)); try put(Array(kind.utf8))
            try put(UInt32(version))
            try put(UInt64(json.count)); try put(json)
            try put(UInt32(sections))
        } catch {
            out.abort()
            throw error
        }
    }

    /// Appends section `name` holding `bytes`. Throws `StateError` past the announced number of sections, and
    /// `InputError` when writing fails (the file is then dropped).
    public func section(_ name: String, _ bytes: UnsafeRawBufferPointer) throws {
        guard sectionsLeft > 0 else { throw StateError("checkpoint \(out.path): more sections than announced") }
        sectionsLeft -= 1
        do {
            try put(UInt32(name.utf8.count)); try put(Array(name.utf8))
            try put(UInt64(bytes.count))
            let pad = (CheckpointFormat.alignment - offset % CheckpointFormat.alignment) % CheckpointFormat.alignment
            try put([UInt8](repeating: 0, count: pad))
            try put(bytes)
        } catch {
            out.abort()
            throw error
        }
    }

    /// Appends section `name` holding the values of an array (raw little-endian memory).
    /// Throws as `section(_:_:)` does.
    public func section<T>(_ name: String, values: [T]) throws {
        try values.withUnsafeBytes { try section(name, $0) }
    }

    /// Appends section `name` holding `strings` joined by "\n" (none may contain "\n").
    /// Throws `InputError` for a string with a line break, otherwise as `section(_:_:)` does.
    public func section(_ name: String, lines strings: [String]) throws {
        if let bad = strings.first(where: { $0.utf8.contains(0x0A) }) {
            throw InputError("cannot store \"\(bad)\": it contains a line break", path: out.path)
        }
        try section(name, values: Array(strings.joined(separator: "\n").utf8))
    }

    /// Writes the end mark and checksum and renames the file into place. Throws `StateError` when fewer sections
    /// were written than announced, and `InputError` when writing or renaming fails (the file is then dropped).
    public func commit() throws {
        guard sectionsLeft == 0 else {
            out.abort()
            throw StateError("checkpoint \(out.path): \(sectionsLeft) announced section(s) not written")
        }
        do {
            try put(CheckpointFormat.endMark)
            tail.withUnsafeBytes { checksum.addWords($0) }
            tail = []
            try out.write(raw: checksum.value.littleEndian)
            try out.commit()
        } catch {
            out.abort()
            throw error
        }
    }

    /// Drops the file being written.
    public func abort() { out.abort() }

    private func put(_ bytes: UnsafeRawBufferPointer) throws {
        try out.write(bytes)
        offset += bytes.count
        // The checksum takes whole words: keep a partial word back, feed the rest.
        var start = 0
        if !tail.isEmpty {
            let need = min(8 - tail.count, bytes.count)
            tail.append(contentsOf: bytes[0..<need])
            start = need
            if tail.count == 8 { tail.withUnsafeBytes { checksum.addWords($0) }; tail = [] }
        }
        let whole = (bytes.count - start) / 8 * 8
        if whole > 0 { checksum.addWords(UnsafeRawBufferPointer(rebasing: bytes[start..<start + whole])) }
        tail.append(contentsOf: bytes[(start + whole)...])
    }
    private func put(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try put($0) } }
    private func put<T: FixedWidthInteger>(_ value: T) throws {
        try withUnsafeBytes(of: value.littleEndian) { try put($0) }
    }
}

/// A checkpoint read back: verified (magic, sizes, end mark, checksum) before anything is returned.
/// Sections point into the memory-mapped file and stay valid while the reader lives.
public final class CheckpointReader {
    /// The checkpoint file read.
    public let path: String
    /// The kind of content, as checked against the one asked for (`skipgram`, `glove`, `classifier`...).
    public let kind: String
    /// The kind's schema version found in the file (within the versions asked for).
    public let kindVersion: Int
    /// The JSON header.
    public let settings: Data
    private let mapping: UnsafeMutableRawPointer?
    private let size: Int
    private var sections: [String: UnsafeRawBufferPointer] = [:]

    /// Opens `path`, which must be a checkpoint of `kind` with a schema version in `versions`.
    /// `what` names the file type in messages (`skip-gram checkpoint`, `classifier model`). Throws `InputError`
    /// when the file is missing, unreadable, of another kind or version, truncated or fails its checksum.
    public init(path: String, kind: String, versions: ClosedRange<Int>, what: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(errno == ENOENT ? "no such file" : "cannot open: \(String(cString: strerror(errno)))", path: path)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw InputError("not a regular file (a \(what) is expected)", path: path)
        }
        size = Int(st.st_size)
        guard size >= 8 else { throw InputError("not a \(what) (too short)", path: path) }
        guard let m = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else {
            throw InputError("cannot map the file: \(String(cString: strerror(errno)))", path: path)
        }
        mapping = m
        let bytes = UnsafeRawBufferPointer(start: m, count: size)
        do {
            var r = BoundedReader(bytes: bytes, path: path, what: what)
            guard Array(try r.take(8)) == CheckpointFormat.magic else {
                throw InputError("not a \(what) (no EMBEDCKP mark; made by another program or an older embed?)", path: path)
            }
            let container = try r.u32()
            guard container == CheckpointFormat.containerVersion else {
                throw InputError("\(what) container version \(container) is not supported (this embed reads "
                    + "\(CheckpointFormat.containerVersion))", path: path)
            }
            // The checksum covers everything before it: verify it before trusting any length.
            let sealed = size - 8
            guard sealed >= 8 + r.offset, Array(bytes[(sealed - 8)..<sealed]) == CheckpointFormat.endMark else {
                throw r.corrupt("truncated (end mark missing)")
            }
            var sum = FNV1a64()
            sum.addWords(UnsafeRawBufferPointer(rebasing: bytes[0..<sealed]))
            guard sum.value == UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: sealed, as: UInt64.self)) else {
                throw r.corrupt("checksum mismatch (the file was changed or damaged)")
            }
            let kindLength = try r.u32()
            guard kindLength <= CheckpointFormat.maxKindBytes else { throw r.corrupt("bad kind") }
            let found = String(decoding: try r.take(Int(kindLength)), as: UTF8.self)
            guard found == kind else {
                throw InputError("this is a \(found) file, not a \(what)", path: path)
            }
            self.kind = found
            kindVersion = Int(try r.u32())
            guard versions.contains(kindVersion) else {
                throw InputError("\(what) version \(kindVersion) is not supported (this embed reads "
                    + "\(versions.lowerBound == versions.upperBound ? "\(versions.lowerBound)" : "\(versions)"))", path: path)
            }
            settings = Data(try r.take(try r.length()))
            let count = try r.u32()
            guard count <= CheckpointFormat.maxSections else { throw r.corrupt("bad section count") }
            for _ in 0..<count {
                let nameLength = try r.u32()
                guard nameLength <= CheckpointFormat.maxNameBytes else { throw r.corrupt("bad section name") }
                let name = String(decoding: try r.take(Int(nameLength)), as: UTF8.self)
                let length = try r.length()
                let pad = (CheckpointFormat.alignment - r.offset % CheckpointFormat.alignment) % CheckpointFormat.alignment
                _ = try r.take(pad)
                sections[name] = try r.take(length)
            }
            guard r.offset == sealed - 8 else { throw r.corrupt("unexpected bytes before the end mark") }
        } catch {
            munmap(m, size)
            throw error
        }
    }

    deinit { if let mapping { munmap(mapping, size) } }

    /// The JSON header decoded as `T`; a header that does not decode is a corrupt-file InputError.
    public func decodeSettings<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: settings) } catch {
            throw InputError("corrupt file: unreadable settings (\(error))", path: path)
        }
    }

    /// The section called `name`; a missing one is an InputError.
    public func section(_ name: String) throws -> UnsafeRawBufferPointer {
        guard let s = sections[name] else { throw InputError("corrupt file: section \"\(name)\" is missing", path: path) }
        return s
    }

    /// Section `name` as exactly `count` values of `T`. Throws `InputError` when it is missing or of another size.
    public func section<T>(_ name: String, count: Int, of type: T.Type) throws -> UnsafeBufferPointer<T> {
        let s = try section(name)
        guard count >= 0, s.count == count * MemoryLayout<T>.stride else {
            throw InputError("corrupt file: section \"\(name)\" holds \(s.count) bytes, \(count) values expected", path: path)
        }
        return s.bindMemory(to: T.self)
    }

    /// Section `name` as `count` floats, all finite (NaN or infinite weights are refused).
    /// Throws `InputError` when it is missing, of another size, or holds a non-finite value.
    public func floats(_ name: String, count: Int) throws -> UnsafeBufferPointer<Float> {
        let values = try section(name, count: count, of: Float.self)
        for v in values where !v.isFinite {
            throw InputError("corrupt file: section \"\(name)\" holds NaN or infinite values", path: path)
        }
        return values
    }

    /// Copies section `name` (exactly `destination.count` bytes) into `destination`.
    /// Throws `InputError` when it is missing or of another size.
    public func copy(_ name: String, into destination: UnsafeMutableRawBufferPointer) throws {
        let s = try section(name, count: destination.count, of: UInt8.self)
        if let base = destination.baseAddress, !s.isEmpty { base.copyMemory(from: s.baseAddress!, byteCount: s.count) }
    }

    /// Section `name` as lines (split at "\n"; an empty section is no lines). Throws `InputError` when it is missing.
    public func lines(_ name: String) throws -> [String] {
        let s = try section(name)
        guard !s.isEmpty else { return [] }
        return s.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A corrupt-file InputError naming this file.
    public func corrupt(_ what: String) -> InputError { InputError("corrupt file: \(what)", path: path) }
}

/// Bounds-checked sequential reads over mapped bytes; any overrun is a corrupt-file InputError.
struct BoundedReader {
    let bytes: UnsafeRawBufferPointer
    let path: String
    let what: String
    var offset = 0

    func corrupt(_ problem: String) -> InputError { InputError("corrupt \(what): \(problem)", path: path) }

    mutating func take(_ n: Int) throws -> UnsafeRawBufferPointer {
        guard n >= 0, n <= bytes.count - offset else { throw corrupt("truncated") }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + n])
    }
    mutating func u32() throws -> UInt32 { UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self)) }
    /// A u64 length that must fit in what is left of the file.
    mutating func length() throws -> Int {
        let raw = UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self))
        guard raw <= UInt64(bytes.count - offset) else { throw corrupt("a length points past the end of the file") }
        return Int(raw)
    }
}
