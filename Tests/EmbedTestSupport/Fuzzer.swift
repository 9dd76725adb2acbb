// Role: a seeded mutational fuzzer for the file readers: mutants of valid seed files (bit flips, interesting
// bytes and integers, inserted, deleted and repeated stretches, truncations, splices) are written to a scratch
// file and read; every one must load or be refused with an InputError, quickly. A crash or a giant
// allocation ends the test run (that is the failure the fuzzer looks for).
import EmbedKit
import Foundation
import XCTest

public struct Mutator {
    private var random: SplitMix64

    /// A mutator drawing from `seed`.
    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private static let interestingBytes: [UInt8] = [0, 0xFF, 0x7F, 0x80, 0x0A, 0x0D, 0x20, 0x09, 0x22, 0x2C, 0x2D, 0x2E,
                                                    0x30, 0x39, 0x65, 0xEF, 0xBB, 0xBF, 0xC3, 0xE4]
    private static let interestingWords: [UInt64] = [0, 1, 0x7F, 0xFF, 0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000_0000_0000,
                                                     0x7FFF_FFFF_FFFF_FFFF, UInt64.max, 1 << 40, 0x7F80_0000, 0x7FC0_0000]

    private mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : random.next(below: n) }

    /// One to four mutations of `input` (and sometimes a splice with `other`).
    public mutating func mutate(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...below(4) {
            switch below(9) {
            case 0 where !b.isEmpty:
                b[below(b.count)] ^= UInt8(1 << below(8))
            case 1 where !b.isEmpty:
                b[below(b.count)] = Mutator.interestingBytes[below(Mutator.interestingBytes.count)]
            case 2 where b.count >= 8:
                let at = below(b.count - 7), v = Mutator.interestingWords[below(Mutator.interestingWords.count)]
                let width = [1, 2, 4, 8][below(4)]
                for k in 0..<width { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
            case 3:
                let at = below(b.count + 1)
                b.insert(contentsOf: (0..<(1 + below(16))).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
            case 4 where !b.isEmpty:
                let at = below(b.count), n = 1 + below(min(64, b.count - at))
                b.removeSubrange(at..<(at + n))
            case 5 where !b.isEmpty:
                let at = below(b.count), n = 1 + below(min(64, b.count - at))
                let piece = Array(b[at..<(at + n)])
                for _ in 0..<(1 + below(8)) { b.insert(contentsOf: piece, at: at) }
            case 6 where !b.isEmpty:
                b.removeSubrange(below(b.count)...)
            case 7 where !other.isEmpty:
                let cut = below(b.count + 1), from = below(other.count)
                b = Array(b[..<cut]) + Array(other[from...])
            default:
                if !b.isEmpty { b[below(b.count)] = UInt8(truncatingIfNeeded: random.next()) }
            }
        }
        return b
    }
}

/// What a fuzzing run saw.
public struct FuzzReport: CustomStringConvertible {
    public var name: String
    public var inputs = 0
    public var loaded = 0
    public var refused = 0
    /// Mutants that threw something other than the allowed errors, or took too long (file offset notes).
    public var failures: [String] = []
    public var slowest: TimeInterval = 0
    public var description: String {
        "\(name): \(inputs) inputs, \(loaded) loaded, \(refused) refused, \(failures.count) failures, slowest "
            + String(format: "%.1f ms", slowest * 1000)
    }
}

public enum Fuzz {
    /// Inputs per reader: $EMBED_FUZZ_ITERATIONS, else `fallback` (the quick run of `make test`).
    public static func iterations(fallback: Int = 3000) -> Int {
        ProcessInfo.processInfo.environment["EMBED_FUZZ_ITERATIONS"].flatMap(Int.init) ?? fallback
    }

    /// Reads `iterations` mutants of `seeds` through `read` (given the mutant's path). Each must return, or
    /// throw an InputError (or an error `alsoAllowed` accepts), within `timeLimit` seconds. `prepare` may
    /// repair each mutant (re-seal a checksum) so the reader's later checks are reached too.
    public static func run(_ name: String, seeds: [[UInt8]], folder: TestFolder, fileName: String = "fuzz.input",
                           iterations: Int = Fuzz.iterations(), seed: UInt64 = 1, timeLimit: TimeInterval = 2,
                           alsoAllowed: (Error) -> Bool = { _ in false }, prepare: ([UInt8]) -> [UInt8] = { $0 },
                           read: (String) throws -> Void) -> FuzzReport {
        var report = FuzzReport(name: name)
        var mutator = Mutator(seed: seed)
        let path = folder.file(fileName)
        for i in 0..<iterations {
            let base = seeds[i % seeds.count], other = seeds[(i / seeds.count + 1) % seeds.count]
            let input = i < seeds.count ? base : prepare(mutator.mutate(base, other: other))
            FileManager.default.createFile(atPath: path, contents: Data(input))
            let start = Date()
            do {
                try read(path)
                report.loaded += 1
            } catch is InputError {
                report.refused += 1
            } catch where alsoAllowed(error) {
                report.refused += 1
            } catch {
                report.failures.append("input \(i) (\(input.count) bytes): \(type(of: error)): \(error)")
                keep(input, name: name, index: i)
            }
            let seconds = Date().timeIntervalSince(start)
            report.slowest = max(report.slowest, seconds)
            if seconds > timeLimit {
                report.failures.append(String(format: "input %d (%d bytes) took %.1f s", i, input.count, seconds))
                keep(input, name: name, index: i)
            }
            report.inputs += 1
        }
        return report
    }

    /// Keeps a failing input for a later look ($TMPDIR/embed-fuzz-failures/NAME-INDEX).
    private static func keep(_ input: [UInt8], name: String, index: Int) {
        let dir = NSTemporaryDirectory() + "embed-fuzz-failures"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: "\(dir)/\(name)-\(index)", contents: Data(input))
    }
}
