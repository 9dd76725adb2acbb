// Role: the plain-text tables the commands print: analogy sections, similarity results, neighbours, and
// the one-table summary of `embed eval`.
import EmbedKit
import Foundation

public enum ReportText {
    static func percent(_ x: Double) -> String { String(format: "%.2f%%", 100 * x) }
    static func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
    static func padLeft(_ s: String, _ width: Int) -> String { s.count >= width ? s : String(repeating: " ", count: width - s.count) + s }

    /// Section table, then semantic / syntactic / total and the skipped count.
    public static func analogy(_ r: AnalogyReport) -> String {
        let width = max(24, (r.sections.map(\.name.count).max() ?? 0) + 2)
        var out = pad("section", width) + padLeft("correct", 8) + padLeft("seen", 8) + padLeft("accuracy", 10) + "\n"
        func row(_ name: String, _ s: AnalogyScore) -> String {
            pad(name, width) + padLeft("\(s.correct)", 8) + padLeft("\(s.seen)", 8) + padLeft(percent(s.accuracy), 10) + "\n"
        }
        for s in r.sections { out += row(s.name, s.score) }
        out += String(repeating: "-", count: width + 26) + "\n"
        out += row("semantic", r.semantic)
        out += row("syntactic", r.syntactic)
        out += row("total", r.total)
        out += "\(r.method.displayName), \(r.caseSensitive ? "case-sensitive" : "case-insensitive"), "
            + "\(r.restrict) most frequent words; skipped \(r.skipped) of \(r.questions) questions (a word outside them)\n"
        if let s = r.oovSubwords {
            out += "with words outside them scored through n-grams (--oov subwords):\n"
            out += row("semantic", s.semantic)
            out += row("syntactic", s.syntactic)
            out += row("total", s.total)
            out += "\(s.subwordWords) words through n-grams; skipped \(s.skipped) of \(r.questions) questions (the expected word outside them)\n"
        }
        return out
    }

    /// One line per set: Spearman, Pearson, pairs used and the out-of-vocabulary share.
    public static func similarity(_ results: [SimilarityResult]) -> String {
        let width = max(20, (results.map(\.name.count).max() ?? 0) + 2)
        var out = pad("set", width) + padLeft("spearman", 9) + padLeft("pearson", 9) + padLeft("pairs", 7) + padLeft("oov", 8) + "\n"
        for r in results {
            out += pad(r.name, width) + padLeft(number(r.spearman), 9) + padLeft(number(r.pearson), 9)
                + padLeft("\(r.pairs)", 7) + padLeft(String(format: "%.1f%%", 100 * r.oovRatio), 8) + "\n"
            if let s = r.oovSubwords {
                out += pad("  + subwords", width) + padLeft(number(s.spearman), 9) + padLeft(number(s.pearson), 9)
                    + padLeft("\(s.pairs)", 7) + padLeft(String(format: "%.1f%%", 100 * s.oovRatio), 8) + "\n"
            }
        }
        return out
    }

    static func number(_ x: Double) -> String { x.isNaN ? "n/a" : String(format: "%.3f", x) }

    /// The query, then one indented `word  cosine` line per neighbour.
    public static func neighbors(_ query: NeighborQuery, _ found: [Neighbor]) -> String {
        let width = (found.map(\.word.count).max() ?? 0) + 2
        return query.text + "\n" + found.map { "  " + pad($0.word, width) + String(format: "%.4f", $0.cosine) + "\n" }.joined()
    }

    /// `embed eval`'s table: one block per set.
    public static func summary(vectors: String, words: Int, dimension: Int,
                               analogy: AnalogyReport?, similarity: [SimilarityResult]) -> String {
        let names = (analogy.map { [ReportText.fileName($0.path)] } ?? []) + similarity.map(\.name)
        let width = max(22, (names.map(\.count).max() ?? 0) + 2)
        var out = "\(vectors): \(words) rows of dimension \(dimension) read\n"
        out += pad("set", width) + pad("measure", 20) + padLeft("value", 8) + "   detail\n"
        func line(_ set: String, _ measure: String, _ value: String, _ detail: String) {
            out += pad(set, width) + pad(measure, 20) + padLeft(value, 8) + (detail.isEmpty ? "" : "   " + detail) + "\n"
        }
        if let r = analogy {
            let name = ReportText.fileName(r.path)
            line(name, "\(r.method.displayName) total", percent(r.total.accuracy),
                 "\(r.total.correct)/\(r.total.seen), \(r.skipped) skipped, top \(r.restrict) words")
            line("", "semantic", percent(r.semantic.accuracy), "\(r.semantic.correct)/\(r.semantic.seen)")
            line("", "syntactic", percent(r.syntactic.accuracy), "\(r.syntactic.correct)/\(r.syntactic.seen)")
            if let s = r.oovSubwords {
                line("", "total, subwords", percent(s.total.accuracy),
                     "\(s.total.correct)/\(s.total.seen), \(s.skipped) skipped, \(s.subwordWords) words through n-grams")
                line("", "semantic, subwords", percent(s.semantic.accuracy), "\(s.semantic.correct)/\(s.semantic.seen)")
                line("", "syntactic, subwords", percent(s.syntactic.accuracy), "\(s.syntactic.correct)/\(s.syntactic.seen)")
            }
        }
        for s in similarity {
            line(s.name, "Spearman", number(s.spearman), "\(s.pairs) pairs, " + String(format: "%.1f%% OOV", 100 * s.oovRatio))
            line("", "Pearson", number(s.pearson), "")
            if let w = s.oovSubwords {
                line("", "Spearman, subwords", number(w.spearman),
                     "\(w.pairs) pairs (\(w.subwordPairs) through n-grams), " + String(format: "%.1f%% OOV", 100 * w.oovRatio))
                line("", "Pearson, subwords", number(w.pearson), "")
            }
        }
        return out
    }

    /// The last component of a path, for tables.
    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
