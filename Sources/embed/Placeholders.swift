// TEMPORARY: each command replaces its placeholder here by its own file (delete the struct from this file).
import ArgumentParser
import Streams

struct CooccurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cooccur")
    func run() throws { throw UsageError("not yet built") }
}
struct TrainSkipGramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "skipgram")
    func run() throws { throw UsageError("not yet built") }
}
struct TrainGloVeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "glove")
    func run() throws { throw UsageError("not yet built") }
}
struct AnalogyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analogy")
    func run() throws { throw UsageError("not yet built") }
}
struct SimilarityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "similarity")
    func run() throws { throw UsageError("not yet built") }
}
struct NeighborsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "neighbors")
    func run() throws { throw UsageError("not yet built") }
}
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval")
    func run() throws { throw UsageError("not yet built") }
}
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "classify")
    func run() throws { throw UsageError("not yet built") }
}
