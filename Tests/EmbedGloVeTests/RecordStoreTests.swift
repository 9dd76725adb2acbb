// Role: tests of reading co-occurrence records: Stanford's byte layout (written byte by byte here), preparation
// (0-based ids, f(x), log x) in memory and streamed, and one-line errors for files that are not record files.
import EmbedCore
import EmbedCooccurrence
import Foundation
import EmbedGloVe
import EmbedKernels
import EmbedTestSupport
import XCTest

final class RecordStoreTests: XCTestCase {
    func testReadsStanfordLayoutAndPreparesRecords() throws {
        let dir = try TestFolder()
        let path = dir.file("cooccurrence.shuf.bin")
        try Synthetic.stanfordBytes([(1, 2, 150.0), (3, 1, 10.0), (2, 2, 0.5)]).write(to: URL(fileURLWithPath: path))
        var o = GloVeSettings()
        o.xMax = 100
        o.alpha = 0.75
        let expected: Set<String> = [
            "\(GloVeKernel.Record(i: 0, j: 1, weight: 1, logX: Float(log(150.0))))",
            "\(GloVeKernel.Record(i: 2, j: 0, weight: Float(pow(0.1, 0.75)), logX: Float(log(10.0))))",
            "\(GloVeKernel.Record(i: 1, j: 1, weight: Float(pow(0.005, 0.75)), logX: Float(log(0.5))))",
        ]
        let memory = try RecordStore(path: path, words: 3, settings: o, inMemory: true)
        XCTAssertEqual(memory.count, 3)
        XCTAssertTrue(memory.isInMemory)
        XCTAssertEqual(Set(memory.prepared!.map { "\($0)" }), expected)
        let streamed = try RecordStore(path: path, words: 3, settings: o, inMemory: false)
        XCTAssertEqual(streamed.fingerprint, memory.fingerprint)
        XCTAssertNil(streamed.prepared)
        let fromArray = try RecordStore(records: [CooccurrenceRecord(i: 1, j: 2, x: 150), CooccurrenceRecord(i: 3, j: 1, x: 10),
                                                  CooccurrenceRecord(i: 2, j: 2, x: 0.5)], words: 3, settings: o)
        XCTAssertEqual(fromArray.fingerprint, memory.fingerprint)
    }

    func testCompressedRecordFilesAreReadIntoMemory() throws {
        let dir = try TestFolder()
        let records = Synthetic.records(words: 5)
        let writer = try CooccurrenceFile.Writer(path: dir.file("x.bin.zst"))
        for r in records { try writer.append(r) }
        try writer.commit()
        var o = GloVeSettings()
        o.memoryBytes = 1   // too small to hold anything: a compressed file cannot be streamed by position
        let store = try RecordStore(path: dir.file("x.bin.zst"), words: 5, settings: o)
        XCTAssertTrue(store.isInMemory)
        XCTAssertEqual(store.count, records.count)
        XCTAssertEqual(store.fingerprint, try RecordStore(records: records, words: 5, settings: o).fingerprint)
    }

    func testBadRecordFilesAreOneLineErrors() throws {
        let dir = try TestFolder()
        let o = GloVeSettings()
        func failure(_ bytes: Data, words: Int = 3, inMemory: Bool = true) -> String {
            let path = dir.file("x.bin")
            try? bytes.write(to: URL(fileURLWithPath: path))
            do {
                let store = try RecordStore(path: path, words: words, settings: o, inMemory: inMemory)
                if !inMemory { _ = try GloVeTrainer(records: store, settings: o).run(SilentObserver()) }
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertEqual(failure(Synthetic.stanfordBytes([(1, 1, 1)]) + Data([7])),
                       "\(dir.path)/x.bin: truncated record at the end (size is not a multiple of 16 bytes)")
        XCTAssertEqual(failure(Data()), "\(dir.path)/x.bin: no co-occurrence records (empty file)")
        XCTAssertEqual(failure(Synthetic.stanfordBytes([(1, 1, 1), (0, 2, 1)])),
                       "\(dir.path)/x.bin: record 2: i=0 j=2 x=1.0 is not a valid record for a vocabulary of 3 words")
        XCTAssertEqual(failure(Synthetic.stanfordBytes([(1, 4, 1)]), inMemory: false),
                       "\(dir.path)/x.bin: record 1: i=1 j=4 x=1.0 is not a valid record for a vocabulary of 3 words")
        XCTAssertEqual(failure(Synthetic.stanfordBytes([(1, 1, 2), (1, 2, 3), (2, 1, -1)])),
                       "\(dir.path)/x.bin: record 3: count -1.0 is not positive and finite")
        XCTAssertEqual(failure(Synthetic.stanfordBytes([(1, 1, 2), (1, 2, 0)]), inMemory: false),
                       "\(dir.path)/x.bin: record 2: count 0.0 is not positive and finite")
        XCTAssertEqual(failure(Synthetic.stanfordBytes([(1, 1, .nan)])),
                       "\(dir.path)/x.bin: record 1: i=1 j=1 x=nan is not a valid record for a vocabulary of 3 words")
        XCTAssertThrowsError(try RecordStore(path: dir.file("missing.bin"), words: 3, settings: o, inMemory: true)) {
            XCTAssertEqual("\($0)", "\(dir.path)/missing.bin: no such file")
        }
    }
}
