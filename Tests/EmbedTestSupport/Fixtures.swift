// Role: small data every test target reuses: vectors from (word, vector) rows, a tiny corpus, little-endian
// float bytes, and an assertion that an error is one InputError line naming a file and line.
import EmbedKit
import Foundation
import XCTest

public enum Fixtures {
    /// Vectors from (word, vector) rows (all of one dimension).
    public static func vectors(_ rows: [(String, [Float])]) throws -> WordVectors {
        try WordVectors(words: rows.map(\.0), dimension: rows[0].1.count, vectors: rows.flatMap(\.1))
    }

    /// `count` seeded random vectors of `dimension` for `words`, values in (-1, 1).
    public static func randomVectors(words: [String], dimension: Int, seed: UInt64) throws -> WordVectors {
        var random = FastRandom(seed: seed)
        let values = (0..<words.count * dimension).map { _ in random.nextFloat() * 2 - 1 }
        return try WordVectors(words: words, dimension: dimension, vectors: values)
    }

    /// A corpus of `lines` lines drawn from a 12-word vocabulary with two topics (each line keeps to one), so
    /// words of a topic co-occur; seeded and reproducible.
    public static func topicCorpus(lines: Int, length: Int = 12, seed: UInt64 = 5) -> String {
        let topics = [["cat", "dog", "fur", "paw", "pet", "tail"], ["car", "road", "wheel", "fuel", "drive", "lane"]]
        var random = FastRandom(seed: seed)
        return (0..<lines).map { i in
            let words = topics[i % 2]
            return (0..<length).map { _ in words[random.next(below: words.count)] }.joined(separator: " ")
        }.joined(separator: "\n") + "\n"
    }

    /// Little-endian bytes of each Float, as word2vec's binary format stores them.
    public static func littleEndianBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { v -> [UInt8] in
            let b = v.bitPattern.littleEndian
            return [UInt8(b & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF), UInt8(b >> 24)]
        }
    }
}

/// Runs `body`, expecting an InputError; checks it names `path` and `line` (with `lineIsSet`: some line, a
/// number that depends on buffering) and that its text contains `fragment` and is one line.
public func assertInputError(_ path: String?, line: Int?, _ fragment: String, lineIsSet: Bool = false,
                             file: StaticString = #filePath, lineNumber: UInt = #line, _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("no error, expected \"\(fragment)\"", file: file, line: lineNumber)
    } catch let error as InputError {
        XCTAssertEqual(error.path, path, "\(error)", file: file, line: lineNumber)
        if lineIsSet {
            XCTAssertNotNil(error.line, "\(error)", file: file, line: lineNumber)
        } else {
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: lineNumber)
        }
        XCTAssertTrue(error.message.contains(fragment), "\"\(error)\" lacks \"\(fragment)\"", file: file, line: lineNumber)
        XCTAssertFalse(error.description.contains("\n"), "one line", file: file, line: lineNumber)
    } catch {
        XCTFail("not an InputError: \(error)", file: file, line: lineNumber)
    }
}

/// Runs `body`, expecting a SettingError about `setting` whose text contains `fragment`.
public func assertSettingError(_ setting: String, _ fragment: String = "", file: StaticString = #filePath,
                               line: UInt = #line, _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("no error, expected a SettingError about \(setting)", file: file, line: line)
    } catch let error as SettingError {
        XCTAssertEqual(error.setting, setting, "\(error)", file: file, line: line)
        XCTAssertTrue(fragment.isEmpty || error.description.contains(fragment), "\"\(error)\" lacks \"\(fragment)\"", file: file, line: line)
    } catch {
        XCTFail("not a SettingError: \(error)", file: file, line: line)
    }
}
