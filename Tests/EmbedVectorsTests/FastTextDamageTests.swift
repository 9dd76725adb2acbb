// Role: damaged and hostile fastText models: every truncation of the fixture, size fields changed one at a
// time, flags and types out of range, NaN weights, a quantized model written by fastText, and a stream whose
// sizes promise gigabytes: each gives one InputError naming the file, never a crash or a large allocation.
import EmbedCore
import EmbedStreams
import EmbedTestSupport
import Foundation
import XCTest
@testable import EmbedVectors

final class FastTextDamageTests: XCTestCase {
    // Offsets in wiki-sg-d10.bin: 8 bytes magic and version, 56 of args, a 28-byte dictionary header, the
    // entries up to `dictionaryEnd`, then the flag, the input matrix header and floats, the flag, the output.
    static let dim = 8, bucket = 40, size = 64, nwords = 68, nlabels = 72, ntokens = 76, pruned = 84
    static let dictionaryEnd = 11829
    static let inputHeader = dictionaryEnd + 1, inputData = dictionaryEnd + 17
    static let qout = inputData + 2722 * 40, outputHeader = qout + 1, outputData = qout + 17

    var original: [UInt8] = []
    var scratch: TestFolder!

    override func setUpWithError() throws {
        original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FastTextFixture.model)))
        XCTAssertEqual(original.count, Self.outputData + 722 * 40, "the offsets above fit the fixture")
        XCTAssertEqual(original[Self.dictionaryEnd], 0, "the quantization flag")
        scratch = try TestFolder()
    }

    /// The fixture with `value` (little-endian, its own width) written at `offset`.
    func patched<T: FixedWidthInteger>(_ value: T, at offset: Int, _ bytes: [UInt8]? = nil) -> [UInt8] {
        var out = bytes ?? original
        withUnsafeBytes(of: value.littleEndian) { out.replaceSubrange(offset..<offset + MemoryLayout<T>.size, with: $0) }
        return out
    }

    /// Writes `bytes` and expects reading them (as a model and through WordVectors) to fail naming the file.
    func expectError(_ name: String, _ bytes: [UInt8], _ fragment: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try scratch.write(bytes: bytes, to: name)
        assertInputError(path, line: nil, fragment, file: file, lineNumber: line) { _ = try FastTextModel.read(path: path) }
        assertInputError(path, line: nil, fragment, file: file, lineNumber: line) { _ = try WordVectors.read(path: path) }
    }

    /// Every length up to just past the dictionary (each field and entry cut at each byte), then through the
    /// matrices every 61st byte and every byte near their edges: reading a model cut anywhere in a matrix
    /// stops at the same size check before any float is read, so a cut at each of their 137,000 bytes would
    /// only repeat those. The supervised fixture is cut at every length.
    func testEveryTruncationIsOneInputError() throws {
        var lengths = Set(0..<(Self.dictionaryEnd + 64))
        lengths.formUnion(stride(from: Self.dictionaryEnd, to: original.count, by: 61))
        for edge in [Self.inputData, Self.qout, Self.outputData, original.count] {
            lengths.formUnion(max(0, edge - 64)..<min(original.count, edge + 64))
        }
        let wiki = try truncations(of: original, name: "cut.bin", lengths: lengths)
        XCTAssertGreaterThan(wiki, 20, "the messages say which field was cut")
        let supervised = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FastTextFixture.folder + "/feelings-sup-d4.bin")))
        _ = try truncations(of: supervised, name: "cut-sup.bin", lengths: Set(0..<supervised.count))
    }

    /// Cuts `bytes` to each of `lengths` (longest first, truncating one file in place) and expects a
    /// "truncated" InputError naming the file each time; returns the number of distinct messages.
    func truncations(of bytes: [UInt8], name: String, lengths: Set<Int>) throws -> Int {
        let path = try scratch.write(bytes: bytes, to: name)
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        var messages = Set<String>()
        for length in lengths.sorted(by: >) where length < bytes.count {
            XCTAssertEqual(ftruncate(fd, off_t(length)), 0)
            do {
                _ = try FastTextModel.read(path: path)
                XCTFail("a model cut to \(length) bytes was read")
            } catch let error as InputError {
                XCTAssertEqual(error.path, path)
                XCTAssertTrue(error.message.hasPrefix("truncated fastText model"), "\(length): \(error)")
                XCTAssertFalse(error.description.contains("\n"))
                messages.insert(String(error.message.prefix(60)))
            }
        }
        return messages.count
    }

    func testChangedSizeFieldsAndFlags() throws {
        let d = Self.self
        try expectError("dim0.bin", patched(Int32(0), at: d.dim), "damaged fastText model: dimension 0 is out of range")
        try expectError("dimhuge.bin", patched(Int32.max, at: d.dim), "dimension 2147483647 is out of range")
        try expectError("dim11.bin", patched(Int32(11), at: d.dim), "input matrix has 10 columns, the header's dimension is 11")
        try expectError("bucket.bin", patched(Int32(2001), at: d.bucket), "input matrix has 2722 rows, expected 2723 (722 words + 2001 buckets)")
        try expectError("bucketneg.bin", patched(Int32(-1), at: d.bucket), "bucket count -1 is negative")
        try expectError("loss.bin", patched(Int32(9), at: d.dim + 24), "loss 9 is none of fastText's")
        try expectError("model.bin", patched(Int32(0), at: d.dim + 28), "model 0 is none of fastText's")
        try expectError("size.bin", patched(Int32.max, at: d.size), "dictionary of 2147483647 entries with 722 words and 0 labels")
        let huge = patched(Int32(1 << 30), at: d.nwords, patched(Int32(1 << 30), at: d.size))
        try expectError("sizes.bin", huge, "truncated fastText model: 1073741824 dictionary entries need at least")
        try expectError("nwords.bin", patched(Int32(721), at: d.nwords), "dictionary of 722 entries with 721 words")
        try expectError("labels.bin", patched(Int32(1), at: d.nlabels, patched(Int32(721), at: d.nwords)),
                        "entry 722 (")
        try expectError("ntokens.bin", patched(Int64(-5), at: d.ntokens), "token count -5 is negative")
        try expectError("pruned.bin", patched(Int64(-2), at: d.pruned), "pruning table size -2 is below -1")
        try expectError("prunedhuge.bin", patched(Int64(1) << 40, at: d.pruned), "truncated fastText model: the pruning table")
        try expectError("type.bin", patched(UInt8(1), at: 92 + 4 + 8), "entry 1 (\"the\") is a label, but the header says 722 words then 0 labels")
        try expectError("type7.bin", patched(UInt8(7), at: 92 + 4 + 8), "entry 1 (\"the\") has type 7")
        try expectError("count.bin", patched(Int64(-1), at: 92 + 4), "entry 1 (\"the\") has count -1")
        // "the\0" -> "thee": the entry runs into its count; what follows no longer parses.
        var merged = original
        merged[92 + 3] = 0x65
        try expectError("merged.bin", merged, "damaged fastText model")
        var duplicate = original   // entries: "the" (13 bytes with NUL, count, type), "of" (12), "and"
        XCTAssertEqual(Array(duplicate[92 + 25 ..< 92 + 28]), Array("and".utf8))
        duplicate.replaceSubrange(92 + 25 ..< 92 + 28, with: Array("the".utf8))
        try expectError("dup.bin", duplicate, "entry 3 repeats entry 1 (\"the\")")
        try expectError("inrows.bin", patched(Int64(1) << 40, at: d.inputHeader), "input matrix has 1099511627776 rows")
        try expectError("incols.bin", patched(Int64(-1), at: d.inputHeader + 8), "input matrix has -1 columns")
        try expectError("quantflag.bin", patched(UInt8(2), at: d.dictionaryEnd), "the quantization flag is 2, neither 0 nor 1")
        try expectError("qout.bin", patched(UInt8(9), at: d.qout), "the output quantization flag is 9")
        try expectError("outrows.bin", patched(Int64(721), at: d.outputHeader), "output matrix has 721 rows, expected 722 (one per word)")
        try expectError("version.bin", patched(Int32(11), at: 4), "fastText file format version 11 is not supported")
        try expectError("trailing.bin", original + [0, 0], "2 bytes after the output matrix")
        let nan = patched(Float.nan.bitPattern, at: d.inputData + 4 * (1234 * 10 + 3))
        try expectError("nan.bin", nan, "input matrix row 1235, column 4 is NaN")
        try expectError("inf.bin", patched(Float.infinity.bitPattern, at: d.outputData + 4 * 7), "output matrix row 1, column 8 is infinite")

        // qout 1 on an unquantized model: fastText reads the dense output all the same, and so do we.
        let qout = try scratch.write(bytes: patched(UInt8(1), at: d.qout), to: "qout1.bin")
        let model = try FastTextModel.read(path: qout)
        XCTAssertTrue(model.args.qout)
        try model.write(to: scratch.file("qout1-copy.bin"))
        XCTAssertEqual(try scratch.bytes("qout1-copy.bin"), try scratch.bytes("qout1.bin"))
    }

    func testWrongMagicIsNotAModel() throws {
        let path = try scratch.write(bytes: patched(Int32(793_712_315), at: 0), to: "notmagic.bin")
        assertInputError(path, line: nil, "not a fastText model") { _ = try FastTextModel.read(path: path) }
        // Not recognised as a model, it is read as vectors and refused as such.
        assertInputError(path, line: nil, "expected", lineIsSet: true) { _ = try WordVectors.read(path: path) }
    }

    func testQuantizedModelWrittenByFastTextIsRefused() throws {
        let ftz = FastTextFixture.folder + "/feelings-sup-d4.ftz"
        assertInputError(ftz, line: nil, "quantized models are not supported") { _ = try FastTextModel.read(path: ftz) }
        assertInputError(ftz, line: nil, "quantized models are not supported") { _ = try WordVectors.read(path: ftz) }
        // The flag alone, on the unquantized fixture.
        try expectError("quant.bin", patched(UInt8(1), at: Self.dictionaryEnd), "quantized models are not supported")
    }

    /// A stream (zstd) cannot be checked against a file size: sizes that agree with each other but promise
    /// 5 GB of floats are read block by block until the data ends, so memory stays small.
    func testHostileStreamAllocatesOnlyWhatArrives() throws {
        let buckets = Int32(1 << 27)   // (722 + 2^27) x 10 floats: 5.4 GB
        var bytes = patched(buckets, at: Self.bucket)
        bytes = patched(Int64(722) + Int64(buckets), at: Self.inputHeader, bytes)
        let path = scratch.file("hostile.bin.zst")
        let out = try AtomicOutput(path: path)
        try bytes.withUnsafeBytes { try out.write($0) }
        try out.commit()
        var before = rusage(), after = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        assertInputError(path, line: nil, "truncated fastText model: the input matrix") { _ = try FastTextModel.read(path: path) }
        getrusage(RUSAGE_SELF.rawValue, &after)
        XCTAssertLessThan(after.ru_maxrss - before.ru_maxrss, 200_000, "peak memory grew by \(after.ru_maxrss - before.ru_maxrss) KB")
        // The same sizes in a plain file are refused before reading a float.
        try expectError("hostile.bin", bytes, "truncated fastText model: the input matrix (134218450 x 10 floats)")
        // Sizes beyond this machine's memory are refused whatever the file.
        let beyond = patched(Int64(722) + Int64(Int32.max), at: Self.inputHeader, patched(Int32.max, at: Self.bucket))
        let z = scratch.file("beyond.bin.zst")
        let out2 = try AtomicOutput(path: z)
        try beyond.withUnsafeBytes { try out2.write($0) }
        try out2.commit()
        assertInputError(z, line: nil, "needs") { _ = try FastTextModel.read(path: z) }
    }
}
