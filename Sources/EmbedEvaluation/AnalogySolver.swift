// Role: finds the best answers to many analogy questions at once. Cosines of the question words with every
// candidate come from one sgemm per vocabulary block (unique question words x block), then each question
// combines three rows of it (3CosAdd or 3CosMul) and keeps its k best candidates, never sorting the vocabulary.
import Dispatch
import EmbedCore
import EmbedVectors
import Foundation
import EmbedKernels
import EmbedStreams

/// How an answer is scored against a, b and c.
public enum AnalogyMethod: String, CaseIterable, Sendable {
    /// argmax cos(x, b - a + c) over unit vectors (Mikolov et al. 2013; gensim, word2vec).
    case add
    /// argmax cos'(x,b) cos'(x,c) / (cos'(x,a) + 1e-6), cos' = (1 + cos) / 2 (Levy & Goldberg 2014).
    case mul

    /// `3CosAdd` or `3CosMul`, for tables.
    public var displayName: String { self == .add ? "3CosAdd" : "3CosMul" }
}

/// A question as rows of the candidate matrix (rows from `unit.rows` on name the solver's extra input vectors).
public struct AnalogyRows: Equatable {
    /// The rows of a, b and c.
    public var a: Int, b: Int, c: Int
    /// Rows a, b, c.
    public init(a: Int, b: Int, c: Int) { self.a = a; self.b = b; self.c = c }
}

/// The k best candidate rows of each question, best first (score descending, lower row first on ties).
/// Unused slots (fewer than k candidates) hold row -1.
public struct AnalogyCandidates {
    /// Candidates kept per question.
    public let k: Int
    /// questions x k rows.
    public var rows: [Int32]
    /// questions x k scores.
    public var scores: [Float]
    /// Questions.
    public var count: Int { rows.count / k }

    /// The candidates of one question, best first.
    public subscript(question: Int) -> [(row: Int, score: Float)] {
        (0..<k).compactMap { i in
            let r = rows[question * k + i]
            return r < 0 ? nil : (Int(r), scores[question * k + i])
        }
    }
}

/// Scores analogy questions against candidate rows (see the file's Role).
public struct AnalogySolver {
    /// The candidate rows at unit length.
    public let unit: UnitVectors
    /// 3CosMul's guard against division by zero (Levy & Goldberg's value).
    public static let mulEpsilon: Float = 1e-6
    /// Floats of cosines held per vocabulary block (unique words x block columns): 16 MB.
    public static let defaultBlockBudget = 4 << 20

    /// Candidates are the first `rows` rows of the embeddings (all when nil).
    public init(_ embeddings: WordVectors, rows: Int? = nil) {
        unit = UnitVectors(embeddings, rows: rows)
    }

    /// The k best candidate rows for each question, input rows included (callers exclude them).
    /// `extra`: input vectors that are no candidate row (words outside the rows, e.g. from n-grams), row-major,
    /// `dimension` values each; a question names extra vector j as row `unit.rows + j`. They are scaled to
    /// unit length here.
    /// `blockBudget` bounds the cosines held at once (unique input words x vocabulary block, at least 64 columns).
    /// `observer` sees the share of candidate rows scanned (task `analogies`).
    public func candidates(_ questions: [AnalogyRows], method: AnalogyMethod, k: Int, extra: [Float] = [],
                           blockBudget: Int = defaultBlockBudget,
                           observer: WorkObserver = SilentObserver.shared) -> AnalogyCandidates {
        precondition(k > 0)
        let q = questions.count, n = unit.rows, d = unit.dimension
        precondition(extra.count % d == 0, "extra vectors of \(d) values each")
        let inputRows = n + extra.count / d
        var rows = [Int32](repeating: -1, count: q * k)
        var scores = [Float](repeating: -.infinity, count: q * k)
        guard q > 0, n > 0 else { return AnalogyCandidates(k: k, rows: rows, scores: scores) }

        // The distinct input words, as slots of a small matrix W (unique x d).
        var slotOfRow = [Int: Int]()
        var slotRows: [Int] = []
        var slots = [Int32](repeating: 0, count: q * 3)
        for (i, question) in questions.enumerated() {
            for (j, row) in [question.a, question.b, question.c].enumerated() {
                precondition(row >= 0 && row < inputRows, "question row outside the candidate rows and extra vectors")
                let slot = slotOfRow[row] ?? { slotRows.append(row); slotOfRow[row] = slotRows.count - 1; return slotRows.count - 1 }()
                slots[i * 3 + j] = Int32(slot)
            }
        }
        let u = slotRows.count
        var w = [Float](repeating: 0, count: u * d)
        unit.values.withUnsafeBufferPointer { v in
            extra.withUnsafeBufferPointer { e in
                w.withUnsafeMutableBufferPointer { w in
                    for (slot, row) in slotRows.enumerated() {
                        let to = w.baseAddress! + slot * d
                        if row < n {
                            to.update(from: v.baseAddress! + row * d, count: d)
                        } else {
                            to.update(from: e.baseAddress! + (row - n) * d, count: d)
                            VectorMath.normalizeRows(to, rows: 1, d)
                        }
                    }
                }
            }
        }
        let block = min(n, max(64, blockBudget / u))
        var cosines = [Float](repeating: 0, count: u * block)
        let chunks = min(q, 8 * ProcessInfo.processInfo.activeProcessorCount)
        var progress = ProgressMeter(observer, task: "analogies", unit: "rows")

        unit.values.withUnsafeBufferPointer { v in
        w.withUnsafeBufferPointer { w in
        cosines.withUnsafeMutableBufferPointer { s in
        slots.withUnsafeBufferPointer { slots in
        rows.withUnsafeMutableBufferPointer { topRows in
        scores.withUnsafeMutableBufferPointer { topScores in
            let sp = s.baseAddress!, slotp = slots.baseAddress!
            let rowp = topRows.baseAddress!, scorep = topScores.baseAddress!
            var first = 0
            while first < n {
                let width = min(block, n - first)
                Matrix.gemm(transB: true, m: u, n: width, k: d, a: w.baseAddress!,
                            b: v.baseAddress! + first * d, ldb: d, c: sp, ldc: width)
                if method == .mul { AnalogyScan.shiftCosines(sp, u * width) }
                let start = first
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    for i in (chunk * q / chunks) ..< ((chunk + 1) * q / chunks) {
                        let a = sp + Int(slotp[i * 3]) * width
                        let b = sp + Int(slotp[i * 3 + 1]) * width
                        let c = sp + Int(slotp[i * 3 + 2]) * width
                        switch method {
                        case .add:
                            AnalogyScan.add(a: a, b: b, c: c, n: width, firstRow: start,
                                            scores: scorep + i * k, rows: rowp + i * k, k: k)
                        case .mul:
                            AnalogyScan.mul(a: a, b: b, c: c, n: width, epsilon: Self.mulEpsilon, firstRow: start,
                                            scores: scorep + i * k, rows: rowp + i * k, k: k)
                        }
                    }
                }
                first += width
                progress.report(done: Double(first), fraction: Double(first) / Double(n))
            }
        }}}}}}
        return AnalogyCandidates(k: k, rows: rows, scores: scores)
    }
}
