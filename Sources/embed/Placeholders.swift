// TEMPORARY: each command replaces its placeholder here by its own file (delete the struct from this file).
import ArgumentParser
import Streams

struct CooccurCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cooccur")
    func run() throws { throw UsageError("not yet built") }
}
struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "classify")
    func run() throws { throw UsageError("not yet built") }
}
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plot")
    func run() throws { throw UsageError("not yet built") }
}
struct PlotLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plot-log")
    func run() throws { throw UsageError("not yet built") }
}
