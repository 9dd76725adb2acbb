// Role: the one home of every flag several commands share (fastText's args.cc): each option group defines a
// flag once, so its spelling, unit, default and help agree across commands. Old spellings stay accepted as
// hidden aliases (scripts call them).
import ArgumentParser
import EmbedKit
import Foundation

/// `-o/--output FILE` (hidden alias `--out`): where the command writes its result.
struct OutputOption: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Output file (- for standard output).", valueName: "file"))
    var outputs: [String] = []
    @Option(name: .customLong("out"), help: .hidden) var out: String?

    /// The output path; a usage error when none (or two different ones) was given.
    func path() throws -> String { try split(legacy: []).path }

    /// The output path, and a value of `legacy` given with `--output` next to another output (the spelling
    /// `train glove` once used for what is now `--vectors`).
    func split(legacy: Set<String>) throws -> (path: String, legacy: String?) {
        var given = outputs + (out.map { [$0] } ?? [])
        var old: String? = nil
        if given.count > 1, let i = given.firstIndex(where: legacy.contains) { old = given.remove(at: i) }
        let distinct = Array(Set(given))
        guard !distinct.isEmpty else { throw ValidationError("give the output file with -o/--output") }
        guard distinct.count == 1 else { throw ValidationError("give one output file (-o/--output), not \(distinct.count)") }
        return (distinct[0], old)
    }
}

/// `--threads N`: worker threads, all cores by default.
struct ThreadsOption: ParsableArguments {
    @Option(help: "Threads (default: all cores).") var threads = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if threads > 4096 { throw ValidationError("--threads \(threads) is more than this tool can use (4096)") }
    }
}

/// `--memory GIB`: the memory bound of counting, merging and shuffling, in GiB (fractions allowed).
struct MemoryOption: ParsableArguments {
    @Option(help: ArgumentHelp("Memory bound in GiB (fractions allowed: 0.25).", valueName: "GiB")) var memory = 4.0

    func validate() throws {
        guard memory.isFinite, memory > 0 else { throw ValidationError("--memory must be a positive number of GiB") }
        let available = MemoryCheck.physicalBytes / Double(1 << 30)
        if memory > available * 64 {
            throw ValidationError(String(format: "--memory %g GiB is far more than this machine's %.0f GiB", memory, available))
        }
    }

    var bytes: Int { Int(memory * Double(1 << 30)) }
}

/// `--temp-dir DIR` (hidden alias `--tmp`): parent of the private scratch folders.
struct TempDirOption: ParsableArguments {
    @Option(name: .customLong("temp-dir"), help: ArgumentHelp("Parent folder of the scratch folder (default: $TMPDIR or /tmp).", valueName: "dir"))
    var tempDir: String?
    @Option(name: .customLong("tmp"), help: .hidden) var tmp: String?

    var path: String? { tempDir ?? tmp }
}

/// `--min-count N --max-vocab N` (hidden alias `--max-size`): which words make the vocabulary.
struct VocabularyOptions: ParsableArguments {
    @Option(help: "Keep words seen at least this many times.") var minCount = 5
    @Option(help: ArgumentHelp("Keep at most this many words (the most frequent).", valueName: "N")) var maxVocab: Int?
    @Option(name: .customLong("max-size"), help: .hidden) var maxSize: Int?

    func validate() throws {
        if minCount < 1 { throw ValidationError("--min-count must be at least 1") }
        if let m = maxVocabulary, m < 1 { throw ValidationError("--max-vocab must be at least 1") }
    }

    var maxVocabulary: Int? { maxVocab ?? maxSize }
}

/// `--checkpoint FILE --checkpoint-every DURATION --resume`: saving and continuing a training run.
struct CheckpointOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Checkpoint file (default: OUTPUT.checkpoint).", valueName: "file")) var checkpoint: String?
    @Option(help: ArgumentHelp("Also save a checkpoint this often: 90s, 10m, 1h30m (a bare number is minutes).",
                               valueName: "duration"))
    var checkpointEvery: Duration?
    @Flag(help: "Continue the run saved in the checkpoint (same data and settings).") var resume = false

    /// The policy for an output at `output`.
    func policy(output: String) -> CheckpointPolicy {
        CheckpointPolicy(path: checkpoint ?? output + ".checkpoint", every: checkpointEvery?.seconds)
    }
}

/// `--time-budget DURATION`: as many epochs as fit in that long, for the whole run.
struct TimeBudgetOption: ParsableArguments {
    @Option(help: ArgumentHelp("Train as many epochs as fit for the whole run (reading, counting, training, writing) to take about this long on this machine: 90s, 4m, 1h30m (a bare number is seconds). The epochs are planned from the measured speed, early in the first epoch and again after each, and printed; the epoch in progress always finishes. They are at most --epochs, or without it the epochs chosen from the corpus (1,000 with --paper-defaults).", valueName: "duration"))
    var timeBudget: Seconds?

    /// Room left after training for writing the results: 2% of the budget and a second.
    static func writingReserve(_ seconds: TimeInterval) -> TimeInterval { 1 + 0.02 * seconds }

    /// The budget of a run that started at `started`, with at most `maxEpochs` epochs (1,000 when not given).
    func budget(started: Date, maxEpochs: Int?) -> EpochBudget? {
        timeBudget.map {
            EpochBudget(deadline: started.addingTimeInterval($0.seconds - TimeBudgetOption.writingReserve($0.seconds)),
                        maxEpochs: maxEpochs ?? 1000)
        }
    }

    /// The summary line's clause, e.g. "time budget 252 s: 18 epochs at 12.1 s each".
    func clause(epochs: Int, seconds: TimeInterval) -> String? {
        timeBudget.map {
            String(format: "time budget %.0f s: %d epoch%@ at %.1f s each", $0.seconds, epochs, epochs == 1 ? "" : "s",
                   seconds / Double(max(1, epochs)))
        }
    }

    func validate(epochs: Int?) throws {
        if timeBudget != nil, let epochs, epochs < 1 {
            throw ValidationError("--time-budget needs at least one epoch (--epochs \(epochs) trains none)")
        }
    }
}

/// `--paper-defaults`: the published settings instead of the ones chosen from the corpus's size.
struct PaperDefaultsFlag: ParsableArguments {
    @Flag(help: "Use the published defaults (GloVe: window 10, x_max 100, 25 epochs, dim 100; word2vec: 5 epochs, dim 100, sample 1e-3) instead of choosing them from the corpus's size after counting it.")
    var paperDefaults = false

    /// The summary of a `defaults` stage, e.g. "17.0M tokens -> x_max 10, window 15, 15 epochs, dim 200 (auto;
    /// set any flag to override)"; with a time budget the epochs are "at most N epochs".
    static func line(_ stage: StageReport, budgeted: Bool) -> String {
        let choices = stage.figures.dropFirst().map { figure -> String in
            let value = figure.value ?? 0
            switch figure.name {
            case "epochs": return (budgeted ? "at most " : "") + "\(Int(value)) epochs"
            case "dimension": return "dim \(Int(value))"
            default: return "\(figure.name) " + String(format: "%g", value)
            }
        }
        return "\(tokens(stage.figure("tokens") ?? 0)) tokens -> \(choices.joined(separator: ", ")) "
            + "(auto; set any flag to override, or --paper-defaults)"
    }

    /// A token count as 17.0M, 453k or 812.
    static func tokens(_ n: Double) -> String {
        n >= 1e6 ? String(format: "%.1fM", n / 1e6) : n >= 1e3 ? String(format: "%.0fk", n / 1e3) : String(Int(n))
    }
}

/// `--log FILE`: a CSV training log.
struct LogOption: ParsableArguments {
    @Option(help: ArgumentHelp("Write a CSV training log (a resumed run keeps the rows before the interruption).", valueName: "file"))
    var log: String?
}

/// `--quiet`: no progress or summary on stderr (errors still go there).
struct QuietFlag: ParsableArguments {
    @Flag(help: "No progress or summary on stderr.") var quiet = false
}

/// `--oov skip|subwords`: what evaluation does with words outside the vectors' rows.
enum OOVPolicy: String, ExpressibleByArgument, CaseIterable {
    case skip, subwords
}

/// `--oov skip|subwords` of `eval`, `analogy` and `similarity`.
struct OOVOption: ParsableArguments {
    @Option(help: ArgumentHelp("Words outside the rows searched: skip (leave their questions and pairs out, as gensim) or subwords (also score them with the vectors a fastText model gives them from their n-grams, and report both figures; needs a fastText .bin).",
                               valueName: "skip|subwords"))
    var oov: OOVPolicy = .skip

    /// True for `--oov subwords`.
    var subwords: Bool { oov == .subwords }

    /// A usage error when `--oov subwords` meets vectors without a fastText model.
    func check(_ vectors: WordVectors, path: String) throws {
        if subwords && vectors.subwords == nil {
            throw UsageError("--oov subwords needs a fastText model (a .bin with n-grams): \(path) holds plain vectors")
        }
    }
}

/// `--format F`: the vector file format of the output.
struct VectorFormatOption: ParsableArguments {
    @Option(help: "Output format: glove, word2vec or word2vec-bin (default: from the name: .bin binary, .vec word2vec text, else GloVe text).")
    var format: VectorFormat?

    func validate() throws {
        if format == .fastTextBinary {
            throw ValidationError("--format fasttext-bin writes a fastText model, and these vectors have no n-grams: use glove, word2vec or word2vec-bin")
        }
    }

    func format(for path: String) -> VectorFormat { format ?? VectorFormat.suggested(byName: path) }
}

extension VectorFormat: ExpressibleByArgument {}

/// What a bare number means in a `TimeLength` (`--checkpoint-every 10` is minutes, `--time-budget 10` seconds).
protocol BareTimeUnit { static var seconds: TimeInterval { get } }

/// A bare number of minutes.
enum BareMinutes: BareTimeUnit { static let seconds: TimeInterval = 60 }

/// A bare number of seconds.
enum BareSeconds: BareTimeUnit { static let seconds: TimeInterval = 1 }

/// A length of time on the command line: `90s`, `4m`, `1h30m`, `252s`, `1.5h`; a bare number counts `Bare`.
struct TimeLength<Bare: BareTimeUnit>: ExpressibleByArgument, Equatable {
    let seconds: TimeInterval

    init?(argument: String) {
        guard let s = TimeLength.parse(argument), s > 0 else { return nil }
        seconds = s
    }

    /// Sums `<number><unit>` pieces (h, m, s); a number without a unit counts `Bare.seconds` seconds.
    static func parse(_ text: String) -> TimeInterval? {
        if let bare = Double(text) { return bare.isFinite ? bare * Bare.seconds : nil }
        var total = 0.0, number = ""
        for c in text {
            if c.isNumber || c == "." { number.append(c); continue }
            guard let value = Double(number) else { return nil }
            switch c {
            case "h": total += value * 3600
            case "m": total += value * 60
            case "s": total += value
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty, total.isFinite else { return nil }
        return total
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// `--checkpoint-every`'s length of time: a bare number is minutes.
typealias Duration = TimeLength<BareMinutes>

/// `--time-budget`'s length of time: a bare number is seconds (`--time-budget 252`).
typealias Seconds = TimeLength<BareSeconds>
