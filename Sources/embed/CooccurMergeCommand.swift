// Role: `embed cooccur merge`: the k-way merge of partial co-occurrence files (one per part of a corpus) into
// the sorted record file a single count writes, optionally one row range of it, and/or its shuffled copy.
import ArgumentParser
import EmbedKit
import Foundation

/// `--rows A:B`: 1-based word ids, both ends included; `A:` runs to the last word, `:B` starts at the first.
struct RowRange: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init?(argument: String) {
        let sides = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard sides.count == 2 else { return nil }
        let a = sides[0].isEmpty ? 1 : Int(sides[0])
        let b = sides[1].isEmpty ? Int(Int32.max) : Int(sides[1])
        guard let a, let b, a >= 1, b >= a else { return nil }
        range = a...b
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

struct CooccurMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cooccur-merge",  // reached as `embed cooccur merge` (Embed.routed)
        abstract: "Merge partial co-occurrence counts (from `embed cooccur --partial`) into X.",
        discussion: """
        Sums the parts' entries exactly (integers in weight units), so -o holds byte for byte the records \
        `embed cooccur` writes for the concatenated parts. --rows A:B keeps the rows of words A to B (1-based, \
        both included): N merges over consecutive ranges (1:K, K+1:L, ..., M:) write files that concatenate, in \
        order, into the full sorted file. Memory: read buffers and the shuffle stay within --memory; more parts \
        than half the open-file limit are merged in rounds through --temp-dir.
        """,
        shouldDisplay: false
    )

    @Argument(help: "Partial co-occurrence files (from `embed cooccur PART --partial`).") var parts: [String] = []
    @OptionGroup var output: OutputOption
    @Option(help: ArgumentHelp("Keep only the rows of words A to B (1-based line numbers of vocab.txt, both included; A: or :B open).",
                               valueName: "A:B"))
    var rows: RowRange?
    @OptionGroup var memory: MemoryOption
    @OptionGroup var threads: ThreadsOption
    @Flag(help: "Also write the records shuffled (to <output stem>.shuf.bin unless --shuffled names it).") var shuffle = false
    @Option(help: "Path of the shuffled records (implies --shuffle).") var shuffled: String?
    @Option(help: "Seed of the shuffle.") var seed: UInt64 = 1
    @OptionGroup var temp: TempDirOption
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give at least one partial co-occurrence file (from `embed cooccur PART --partial`)") }
        let output = try self.output.path()
        try PathChecks.requireDistinct(outputs: [("-o", output), ("--shuffled", shuffledOutput(output))], inputs: parts)
        if output == "-" && shuffle && shuffled == nil {
            throw ValidationError("with -o - (standard output), name the shuffled file with --shuffled")
        }
    }

    func shuffledOutput(_ output: String) -> String? {
        shuffled ?? (shuffle ? CooccurCommand.shuffledPath(for: output) : nil)
    }

    func run() throws {
        let start = Date()
        let output = try self.output.path()
        let console = ConsoleObserver(command: "cooccur merge", quiet: quiet.quiet)
        let settings = CooccurrenceSettings(memoryBytes: memory.bytes, temporaryParent: temp.path, threads: threads.threads)
        let shuffledOutput = self.shuffledOutput(output)
        let summary = try CooccurrenceMerge.merge(parts: parts, rows: rows?.range, sorted: output, shuffled: shuffledOutput,
                                                  seed: seed, settings: settings, observer: console)
        var line = String(format: "cooccur merge: %d parts, %d nonzeros -> %@", parts.count, summary.records, output)
        if let r = rows?.range { line += " (rows \(r.lowerBound):\(r.upperBound == Int(Int32.max) ? "" : "\(r.upperBound)"))" }
        if let s = shuffledOutput { line += " + \(s) (shuffled)" }
        if summary.intermediateMerges > 0 { line += ", \(summary.intermediateMerges) intermediate merges" }
        line += String(format: ", %.2f s", Date().timeIntervalSince(start))
        console.say(line)
    }
}
