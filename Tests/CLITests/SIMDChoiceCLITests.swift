// Role: command-line tests of EMBED_SIMD: each variant the processor runs is named in the training summary and
// trains the same vectors within float rounding; an unknown name is one usage line (exit 2).
import Foundation
import XCTest

final class SIMDChoiceCLITests: XCTestCase {
    private func environment(_ simd: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["EMBED_SIMD"] = simd
        return env
    }

    /// The variants /proc/cpuinfo says this processor runs (the tool's own detection is what is tested).
    private func variants() -> [String] {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flags = Set(info.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").map(String.init) ?? [])
        var list = ["baseline"]
        if flags.isSuperset(of: ["avx2", "fma"]) {
            list.append("avx2")
            if flags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]) { list.append("avx512") }
        }
        return list
    }

    private func vectors(_ path: String) throws -> [String: [Float]] {
        var rows: [String: [Float]] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: " ")
            rows[String(parts[0])] = parts.dropFirst().map { Float($0)! }
        }
        return rows
    }

    func testEachVariantRunsAndAgreesWithTheBaseline() throws {
        let dir = try EmbedBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = dir + "/c.txt"
        // 50 lines of 10 words, each line from one of 5 topics of 4 words.
        let text = (0..<50).map { l in (0..<10).map { k in "t\(l % 5)w\((l * 7 + k * 3) % 4)" }.joined(separator: " ") }
        try (text.joined(separator: "\n") + "\n").write(toFile: corpus, atomically: false, encoding: .utf8)
        var results: [String: [String: [Float]]] = [:]
        for v in variants() {
            let out = dir + "/\(v).txt"
            let run = try EmbedBinary.run(["train", "skipgram", corpus, "--dim", "8", "--epochs", "1", "--min-count", "1",
                                           "--threads", "1", "--seed", "3", "-o", out], environment: environment(v))
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stderr.contains("\(v) kernels"), run.stderr)
            results[v] = try vectors(out)
            let g = try EmbedBinary.run(["train", "glove", corpus, "--dim", "8", "--epochs", "2", "--min-count", "1",
                                         "--threads", "1", "--seed", "3", "-o", dir + "/g-\(v).txt"], environment: environment(v))
            XCTAssertEqual(g.status, 0, g.stderr)
            XCTAssertTrue(g.stderr.contains("\(v) kernels"), g.stderr)
        }
        let base = try XCTUnwrap(results["baseline"])
        for (v, rows) in results where v != "baseline" {
            XCTAssertEqual(Set(rows.keys), Set(base.keys))
            var worst: Float = 0
            for (word, row) in rows { for (a, b) in zip(row, base[word]!) { worst = max(worst, abs(a - b)) } }
            XCTAssertLessThan(worst, 1e-3, "\(v): one thread, one epoch, the same seed")
        }
    }

    func testUnknownVariantIsAUsageError() throws {
        let run = try EmbedBinary.run(["train", "skipgram", "/nonexistent"], environment: environment("sse9"))
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "embed: EMBED_SIMD: unknown kernel variant 'sse9' (one of baseline, avx2, avx512)\n")
    }
}
