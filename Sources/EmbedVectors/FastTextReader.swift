// Role: reads a fastText `.bin` model (the layout in FastTextFormat) field by field, checking every count and
// size against the header, the bytes the file has left and this machine's memory before anything is
// allocated, so that a damaged or hostile file gives one InputError naming it, never a crash or a huge
// allocation. Quantized models (`.ftz`) are refused; NaN and infinite weights too.
import EmbedCore
import EmbedStreams
import Foundation

extension FastTextModel {
    /// Reads a fastText model as fastText 0.9 writes it (`save_model`; unquantized, format version 12), plain
    /// or zstd-compressed, "-" for standard input. Throws InputError (naming `path`) on any defect.
    /// `observer` sees the share of the file read (task `vectors`).
    public static func read(path: String, observer: WorkObserver = SilentObserver.shared) throws -> FastTextModel {
        try FastTextReader(window: ByteWindow(try ByteSource(path: path)), path: path, observer: observer).read()
    }
}

/// One pass over the file; `offset` counts the bytes consumed, for messages.
final class FastTextReader {
    private let window: ByteWindow
    private let path: String
    private var offset: Int64 = 0
    /// The file's size when known in advance (a plain regular file): every size is checked against it.
    private let size: Int64?
    private var meter: ProgressMeter

    init(window: ByteWindow, path: String, observer: WorkObserver) {
        self.window = window
        self.path = path
        size = window.source.isCompressed ? nil : window.source.fileSize
        meter = ProgressMeter(observer, task: "vectors", unit: "bytes")
    }

    /// Bytes left in the file, when its size is known.
    private var left: Int64? { size.map { $0 - offset } }

    func read() throws -> FastTextModel {
        let magic = try int32("the magic number")
        guard magic == FastTextFormat.magic else {
            throw InputError("not a fastText model: it does not start with fastText's magic number", path: path)
        }
        let version = try int32("the format version")
        guard version == FastTextFormat.version else {
            throw InputError("fastText file format version \(version) is not supported (only \(FastTextFormat.version), which fastText 0.9 writes)",
                             path: path)
        }
        let args = try readArgs()
        let dictionary = try readDictionary()
        let quantized = try flag("the quantization flag")
        if quantized { throw InputError("quantized models are not supported (a .ftz model): use the unquantized .bin", path: path) }
        if dictionary.pruneIndexSize >= 0 {
            throw damaged("the dictionary is pruned but the input matrix is not quantized (fastText refuses such files too)")
        }
        let input = try readMatrix("input matrix", rows: dictionary.wordCount + args.bucket, columns: args.dim,
                                   rule: "\(dictionary.wordCount) words + \(args.bucket) buckets")
        var checked = args
        checked.qout = try flag("the output quantization flag")
        let outputRows = FastTextModel.outputRows(args: args, dictionary: dictionary)
        let output = try readMatrix("output matrix", rows: outputRows, columns: args.dim,
                                    rule: args.model == .sup ? "one per label" : "one per word")
        if try window.fill(atLeast: 1) > 0 {
            let extra = left.map { "\($0) bytes" } ?? "bytes"
            throw damaged("\(extra) after the output matrix, where the file should end")
        }
        meter.report(done: Double(offset), fraction: 1, force: true)
        return FastTextModel(checkedArgs: checked, dictionary: dictionary, input: input, output: output)
    }

    // MARK: sections

    private func readArgs() throws -> FastTextArgs {
        var a = FastTextArgs()
        a.dim = Int(try int32("dim"))
        a.ws = Int(try int32("ws"))
        a.epoch = Int(try int32("epoch"))
        a.minCount = Int(try int32("minCount"))
        a.neg = Int(try int32("neg"))
        a.wordNgrams = Int(try int32("wordNgrams"))
        let loss = try int32("loss")
        let model = try int32("model")
        a.bucket = Int(try int32("bucket"))
        a.minn = Int(try int32("minn"))
        a.maxn = Int(try int32("maxn"))
        a.lrUpdateRate = Int(try int32("lrUpdateRate"))
        a.t = try double("t")
        guard (1...FastTextFormat.maxDimension).contains(a.dim) else { throw damaged("dimension \(a.dim) is out of range") }
        guard let l = FastTextLoss(rawValue: loss) else { throw damaged("loss \(loss) is none of fastText's (1-4)") }
        guard let m = FastTextModelKind(rawValue: model) else { throw damaged("model \(model) is none of fastText's (1-3)") }
        a.loss = l
        a.model = m
        guard a.bucket >= 0 else { throw damaged("bucket count \(a.bucket) is negative") }
        guard a.minn >= 0, a.maxn >= 0 else { throw damaged("n-gram lengths \(a.minn)...\(a.maxn) are negative") }
        if a.bucket == 0 && a.maxn > 0 && a.minn <= a.maxn { throw damaged("maxn \(a.maxn) but no buckets for the n-grams") }
        guard a.t.isFinite, a.t >= 0 else { throw damaged("sampling threshold t \(a.t) is not a non-negative number") }
        return a
    }

    private func readDictionary() throws -> FastTextDictionary {
        let count = Int(try int32("the dictionary size"))
        let nwords = Int(try int32("the word count"))
        let nlabels = Int(try int32("the label count"))
        let ntokens = try int64("the token count")
        let pruned = try int64("the pruning table size")
        guard count >= 0, nwords >= 0, nlabels >= 0, nwords + nlabels == count else {
            throw damaged("dictionary of \(count) entries with \(nwords) words and \(nlabels) labels")
        }
        guard ntokens >= 0 else { throw damaged("token count \(ntokens) is negative") }
        guard pruned >= -1 else { throw damaged("pruning table size \(pruned) is below -1") }
        // The shortest entry takes 11 bytes: one byte of word, its NUL, an int64 count and the type.
        if let left, Int64(count) * 11 > left {
            throw InputError("truncated fastText model: \(count) dictionary entries need at least \(count * 11) bytes, the file has \(left) left",
                             path: path)
        }
        var entries: [String] = [], counts: [Int64] = [], types: [FastTextDictionary.EntryType] = []
        let expected = size != nil ? count : min(count, 1 << 16)   // a stream's count is unchecked yet
        entries.reserveCapacity(expected); counts.reserveCapacity(expected); types.reserveCapacity(expected)
        var index = [String: Int](minimumCapacity: expected)
        for i in 0..<count {
            let entry = try readEntry(i + 1)
            let c = try int64("the count of entry \(i + 1)")
            let t = try byte("the type of entry \(i + 1)")
            guard c >= 0 else { throw damaged("entry \(i + 1) (\"\(entry)\") has count \(c)") }
            guard let type = FastTextDictionary.EntryType(rawValue: t) else {
                throw damaged("entry \(i + 1) (\"\(entry)\") has type \(t), neither word (0) nor label (1)")
            }
            guard (type == .word) == (i < nwords) else {
                throw damaged("entry \(i + 1) (\"\(entry)\") is a \(type == .word ? "word" : "label"), but the header says \(nwords) words then \(nlabels) labels")
            }
            if let first = index.updateValue(i, forKey: entry) {
                throw damaged("entry \(i + 1) repeats entry \(first + 1) (\"\(entry)\")")
            }
            entries.append(entry); counts.append(c); types.append(type)
        }
        if pruned > 0 {
            let (bytes, overflow) = Int(pruned).multipliedReportingOverflow(by: 8)
            guard !overflow else { throw damaged("pruning table size \(pruned) is impossible") }
            try skip(bytes, "the pruning table of \(pruned) pairs")
        }
        return FastTextDictionary(checkedEntries: entries, counts: counts, types: types, index: index,
                                  tokenCount: ntokens, pruneIndexSize: pruned)
    }

    /// A NUL-terminated entry, valid UTF-8 and not empty.
    private func readEntry(_ number: Int) throws -> String {
        guard let (bytes, found) = try window.next(upTo: 0, limit: FastTextFormat.maxEntryBytes) else {
            throw truncated("entry \(number) of the dictionary", needs: 1, has: 0)
        }
        offset += Int64(bytes.count + (found ? 1 : 0))
        guard found else {
            if window.atEOF { throw truncated("entry \(number) of the dictionary (no NUL after its \(bytes.count) bytes)", needs: 1, has: 0) }
            throw damaged("entry \(number) of the dictionary is longer than \(FastTextFormat.maxEntryBytes) bytes")
        }
        guard !bytes.isEmpty else { throw damaged("entry \(number) of the dictionary is empty") }
        guard let entry = String(validating: bytes, as: UTF8.self) else {
            throw damaged("entry \(number) of the dictionary is not valid UTF-8")
        }
        return entry
    }

    /// A DenseMatrix: int64 rows and columns, which must be the ones expected, then rows x columns floats.
    private func readMatrix(_ name: String, rows: Int, columns: Int, rule: String) throws -> [Float] {
        let m = try int64("the rows of the \(name)")
        let n = try int64("the columns of the \(name)")
        guard n == Int64(columns) else { throw damaged("\(name) has \(n) columns, the header's dimension is \(columns)") }
        guard m == Int64(rows) else { throw damaged("\(name) has \(m) rows, expected \(rows) (\(rule))") }
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count <= Int.max / 4 else { throw damaged("\(name) of \(rows) x \(columns) floats is impossible") }
        let bytes = Int64(count) * 4
        if let left, bytes > left {
            throw truncated("the \(name) (\(rows) x \(columns) floats)", needs: count * 4, has: Int(left))
        }
        guard Double(bytes) <= MemoryCheck.physicalBytes else {
            throw InputError("the \(name) (\(rows) x \(columns)) needs \(MemoryCheck.gigabytes(Double(bytes))); this machine has \(MemoryCheck.gigabytes(MemoryCheck.physicalBytes))",
                             path: path)
        }
        if size != nil { return try floatArray(count, name: name, columns: columns, first: 0) }
        // Size unknown (a stream): blocks as the data arrives, so a false count costs nothing before the end.
        var blocks: [[Float]] = []
        var done = 0
        while done < count {
            let n = min(count - done, 1 << 22)
            blocks.append(try floatArray(n, name: name, columns: columns, first: done))
            done += n
        }
        var all: [Float] = []
        all.reserveCapacity(count)
        for i in blocks.indices { all.append(contentsOf: blocks[i]); blocks[i] = [] }
        return all
    }

    /// `count` floats, element `first` of the matrix first; refuses NaN and infinities (naming row and column).
    private func floatArray(_ count: Int, name: String, columns: Int, first: Int) throws -> [Float] {
        try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawPointer(buffer.baseAddress!)
            var copied = 0
            let total = count * 4
            while copied < total {
                let got = try window.fill(atLeast: min(total - copied, 1 << 20))
                guard got > 0 else {
                    initialized = copied / 4
                    throw truncated("the \(name)", needs: total - copied, has: 0)
                }
                let n = min(got, total - copied)
                (raw + copied).copyMemory(from: window.pending.baseAddress!, byteCount: n)
                window.skip(n)
                offset += Int64(n)
                copied += n
                meter.report(done: Double(offset), fraction: size.map { Double(offset) / Double(max($0, 1)) })
            }
            initialized = count
            for k in 0..<count where !buffer[k].isFinite {
                let value = first + k
                throw damaged("\(name) row \(value / columns + 1), column \(value % columns + 1) is \(buffer[k].isNaN ? "NaN" : "infinite")")
            }
        }
    }

    // MARK: fields

    private func take(_ n: Int, _ what: String) throws -> UnsafeRawPointer {
        let got = try window.fill(atLeast: n)
        guard got >= n else { throw truncated(what, needs: n, has: got) }
        let p = UnsafeRawPointer(window.pending.baseAddress!)
        window.skip(n)
        offset += Int64(n)
        return p
    }

    private func skip(_ n: Int, _ what: String) throws {
        if let left, Int64(n) > left { throw truncated(what, needs: n, has: Int(left)) }
        var done = 0
        while done < n {
            let got = try window.fill(atLeast: min(n - done, 1 << 20))
            guard got > 0 else { throw truncated(what, needs: n - done, has: 0) }
            let k = min(got, n - done)
            window.skip(k); offset += Int64(k); done += k
        }
    }

    private func int32(_ what: String) throws -> Int32 { Int32(littleEndian: try take(4, what).loadUnaligned(as: Int32.self)) }
    private func int64(_ what: String) throws -> Int64 { Int64(littleEndian: try take(8, what).loadUnaligned(as: Int64.self)) }
    private func byte(_ what: String) throws -> UInt8 { try take(1, what).load(as: UInt8.self) }
    private func double(_ what: String) throws -> Double {
        Double(bitPattern: UInt64(littleEndian: try take(8, what).loadUnaligned(as: UInt64.self)))
    }

    /// A C++ bool: 0 or 1.
    private func flag(_ what: String) throws -> Bool {
        let b = try byte(what)
        guard b <= 1 else { throw damaged("\(what) is \(b), neither 0 nor 1") }
        return b == 1
    }

    // MARK: errors

    private func truncated(_ what: String, needs: Int, has: Int) -> InputError {
        InputError("truncated fastText model: \(what) at byte \(offset) needs \(needs) bytes, \(has) left", path: path)
    }

    private func damaged(_ message: String) -> InputError {
        InputError("damaged fastText model: \(message)", path: path)
    }
}
