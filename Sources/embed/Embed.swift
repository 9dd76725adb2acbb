// Role: the `embed` command-line tool's root: lists the subcommands and maps the library's typed errors to
// one line on stderr and an exit status (1 bad input, 2 usage, 130 interrupted).
import ArgumentParser
import EmbedKit
import Foundation

@main
struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Train, convert, evaluate and use word vectors.",
        discussion: "Data flows: text -> tokens -> vocabulary -> pairs or X -> vectors -> file -> evaluation, classifier or tagger.",
        subcommands: [
            VocabCommand.self, VocabMergeCommand.self, PhrasesCommand.self, CooccurCommand.self, CooccurMergeCommand.self,
            TrainCommand.self, ConvertCommand.self,
            AnalogyCommand.self, SimilarityCommand.self, NeighborsCommand.self, VectorCommand.self, EvalCommand.self,
            ClassifyCommand.self, TagCommand.self, PlotCommand.self, PlotLogCommand.self,
        ]
    )

    static func main() {
        BLASReexec.ifNeeded()
        Interruption.install()
        do {
            try SIMDChoice.applyEnvironment()
            var command = try parseAsRoot(routed(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let (message, status) = describe(error)
            if let message { printError(message) }
            if let status { Foundation.exit(status) }
            exit(withError: error)
        }
    }

    /// `vocab merge ...` and `cooccur merge ...` go to the commands `vocab-merge` and `cooccur-merge` (so that
    /// `embed vocab CORPUS` keeps its own flags and help).
    static func routed(_ arguments: [String]) -> [String] {
        guard arguments.count >= 2, ["vocab", "cooccur"].contains(arguments[0]), arguments[1] == "merge" else { return arguments }
        return [arguments[0] + "-merge"] + arguments.dropFirst(2)
    }

    /// The line to print and the exit status for an error (nil status: ArgumentParser's own handling).
    static func describe(_ error: Error) -> (String?, Int32?) {
        switch error {
        case let e as InputError: return ("embed: " + FlagNames.replacingSettings(in: "\(e)"), 1)
        case let e as UsageError: return ("embed: \(e)", 2)
        case let e as SettingError: return ("embed: " + e.message(naming: FlagNames.flag(e.setting)), 2)
        case let e as ResumeMismatch: return ("embed: --resume: " + e.message(naming: FlagNames.flag), 2)
        case let e as TrainingDiverged: return ("embed: " + e.message(naming: FlagNames.flag(e.rateSetting)), 1)
        case let e as StateError: return ("embed: \(e)", 1)
        case is Stopped: return ("embed: interrupted", 130)
        default:
            // Argument parsing and validation errors: ArgumentParser's message on one line, exit status 2.
            if exitCode(for: error) == .validationFailure {
                let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad arguments"
                let plain = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
                return ("embed: \(plain) (see --help)", 2)
            }
            return (nil, nil)
        }
    }
}

/// A usage error found by a command after parsing (conflicting options, a bad value): exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train word vectors from a corpus.",
        subcommands: [TrainSkipGramCommand.self, TrainGloVeCommand.self]
    )
}
