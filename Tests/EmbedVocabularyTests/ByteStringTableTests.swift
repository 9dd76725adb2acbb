// Role: tests the byte-string hash set against a Dictionary: strings that differ only past their first 8
// bytes, only in length, by a trailing zero byte, or only in their last of 254-300 bytes, through several
// growths of the table; the hash of strings of every short length changes with each of their bytes.
import EmbedCore
import XCTest
@testable import EmbedVocabulary

final class ByteStringTableTests: XCTestCase {
    private func strings() -> [[UInt8]] {
        var list: [[UInt8]] = [[], [0], [0, 0], Array("a".utf8), Array("a".utf8) + [0], Array("abcdefgh".utf8),
                               Array("abcdefgh".utf8) + [0], Array("abcdefghi".utf8), Array("abcdefghj".utf8),
                               Array("abcdefg".utf8), Array("é".utf8), Array("ée".utf8)]
        for n in [254, 255, 256, 257, 300] {
            let base = [UInt8](repeating: 0x61, count: n)
            list.append(base)
            var other = base; other[n - 1] = 0x62; list.append(other)
        }
        var rng = FastRandom(seed: 11)
        for _ in 0..<5000 {           // short random words over a small alphabet: many shared prefixes
            let n = 1 + rng.next(below: 12)
            list.append((0..<n).map { _ in UInt8(0x61 + rng.next(below: 3)) })
        }
        return list
    }

    func testEntriesMatchADictionaryThroughGrowth() {
        let table = ByteStringTable(capacity: 4)
        var expected: [[UInt8]: Int32] = [:]
        for s in strings() {
            let (entry, inserted) = s.withUnsafeBufferPointer { table.insert($0) }
            if let known = expected[s] {
                XCTAssertFalse(inserted); XCTAssertEqual(entry, known)
            } else {
                XCTAssertTrue(inserted); XCTAssertEqual(entry, Int32(expected.count))
                expected[s] = entry
            }
        }
        XCTAssertEqual(table.count, expected.count)
        for (s, entry) in expected {
            XCTAssertEqual(s.withUnsafeBufferPointer { table.find($0) }, entry)
            XCTAssertEqual(Array(table.bytes(Int(entry))), s)
        }
        for absent in [Array("abcdefgk".utf8), Array("abcdefghk".utf8), [UInt8](repeating: 0x63, count: 256), [1]] {
            XCTAssertNil(absent.withUnsafeBufferPointer { table.find($0) })
        }
    }

    /// Every byte of a string of length 0...24 reaches its hash: the strings one byte away from a base string
    /// (each position, two values) and the base strings of every length all hash apart.
    func testEveryByteOfShortStringsReachesTheHash() {
        var hashes: [UInt64: [UInt8]] = [:]
        for n in 0...24 {
            let base = (0..<n).map { UInt8(0x61 + $0 % 26) }
            var variants = [base]
            for i in 0..<n {
                for v: UInt8 in [0x00, 0xFF] { var s = base; s[i] = v; variants.append(s) }
            }
            for s in variants {
                let h = s.withUnsafeBufferPointer { ByteStringTable.hash($0) }
                if let other = hashes[h] { XCTFail("\(s) and \(other) share hash \(h)") }
                hashes[h] = s
            }
        }
        XCTAssertEqual(hashes.count, (0...24).reduce(0) { $0 + 1 + 2 * $1 })
    }
}
