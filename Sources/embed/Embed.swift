// Role: the `embed` command-line tool's root: lists the subcommands and maps errors to exit codes
// (1 for bad input, 2 for usage errors, 130 on interruption).
import ArgumentParser
import Foundation
import Kernels
import Streams

@main
struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Train, convert, evaluate and use word vectors.",
        discussion: "Data flows: text -> tokens -> vocabulary -> pairs or X -> vectors -> file -> evaluation or classifier.",
        subcommands: [
            VocabCommand.self, CooccurCommand.self, TrainCommand.self, ConvertCommand.self,
            AnalogyCommand.self, SimilarityCommand.self, NeighborsCommand.self, EvalCommand.self,
            ClassifyCommand.self, PlotCommand.self, PlotLogCommand.self,
        ]
    )

    static func main() {
        BLASCore.reexecIfNeeded()
        Interruption.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            printError("embed: \(error)")
            Foundation.exit(1)
        } catch let error as UsageError {
            printError("embed: \(error)")
            Foundation.exit(2)
        } catch {
            // Argument parsing and validation errors: ArgumentParser's message, exit status 2 as documented.
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train word vectors from a corpus.",
        subcommands: [TrainSkipGramCommand.self, TrainGloVeCommand.self]
    )
}
