// Role: test helpers for vector files: a scratch folder, files written from text or bytes, little-endian
// float bytes for hand-made binary files, and embeddings full of awkward floats.
import EmbedCore
import Foundation
import EmbedStreams
import EmbedTestSupport
import XCTest
@testable import EmbedVectors

typealias Scratch = TestFolder

extension TestFolder {
    /// Writes `bytes` to a new file named `name` and returns its path.
    func file(_ name: String, bytes: [UInt8]) throws -> String { try write(bytes: bytes, to: name) }

    func file(_ name: String, _ text: String) throws -> String { try write(text, to: name) }

    /// A zstd-compressed copy of `text` (through AtomicOutput, which compresses ".zst" names).
    func zstdFile(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        let out = try AtomicOutput(path: path, compress: true)
        try out.write(text)
        try out.commit()
        return path
    }
}

func littleEndianBytes(_ values: [Float]) -> [UInt8] { Fixtures.littleEndianBytes(values) }

/// Words (some non-ASCII) with vectors mixing random values, subnormals, -0, the extremes and long decimals.
func awkwardEmbeddings(count: Int = 60, dimension: Int = 7, seed: UInt64 = 1) throws -> WordVectors {
    var state = seed
    func next() -> UInt32 {   // a tiny LCG: reproducible without depending on Kernels
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt32(truncatingIfNeeded: state >> 32)
    }
    let special: [Float] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude,
                            -.greatestFiniteMagnitude, 0.1, 1e-5, 123456.789, 3.4e-38, 0.41800001]
    var values: [Float] = []
    for i in 0..<(count * dimension) {
        if i < special.count { values.append(special[i]); continue }
        var x = Float(bitPattern: next())
        if !x.isFinite { x = Float(next() % 1000) / 7 }
        values.append(i % 3 == 0 ? x : Float(Int32(bitPattern: next())) / 1e9)
    }
    let words = (0..<count).map { i in ["w\(i)", "été\(i)", "中文\(i)", "a-b_\(i)'s"][i % 4] }
    return try WordVectors(words: words, dimension: dimension, vectors: values)
}

func assertIdentical(_ a: WordVectors, _ b: WordVectors, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.words, b.words, file: file, line: line)
    XCTAssertEqual(a.dimension, b.dimension, file: file, line: line)
    XCTAssertEqual(a.vectors.map(\.bitPattern), b.vectors.map(\.bitPattern), "bit-identical values", file: file, line: line)
    for (i, w) in b.words.enumerated() { XCTAssertEqual(b.index(of: w), i, file: file, line: line) }
}

extension Scratch {
    /// Writes `bytes` to a file `name` and expects reading it to fail naming that file and `line`.
    func expectReadError(_ name: String, bytes: [UInt8], line: Int?, _ fragment: String, format: VectorFormat? = nil,
                         lineIsSet: Bool = false, file: StaticString = #filePath, lineNumber: UInt = #line) throws {
        let path = try self.file(name, bytes: bytes)
        assertInputError(path, line: line, fragment, lineIsSet: lineIsSet, file: file, lineNumber: lineNumber) {
            _ = try WordVectors.read(path: path, format: format)
        }
    }

    func expectReadError(_ name: String, _ text: String, line: Int?, _ fragment: String, format: VectorFormat? = nil,
                         file: StaticString = #filePath, lineNumber: UInt = #line) throws {
        try expectReadError(name, bytes: Array(text.utf8), line: line, fragment, format: format, file: file, lineNumber: lineNumber)
    }
}
