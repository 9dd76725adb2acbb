// TEMPORARY: each command replaces its placeholder here by its own file (delete the struct from this file).
import ArgumentParser
import Streams

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "classify")
    func run() throws { throw UsageError("not yet built") }
}
