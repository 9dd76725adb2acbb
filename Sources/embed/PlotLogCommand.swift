// Role: `embed plot-log LOG.csv -o loss.svg`: a trainer's --log CSV drawn as stacked line charts,
// one panel per column (loss or cost, learning rate, words/s...) over a shared x (step or epoch).
import ArgumentParser
import Foundation
import EmbedKit

struct PlotLogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot-log",
        abstract: "Draw a training log (CSV) as line charts in an SVG picture.",
        discussion: """
        LOG is a CSV file with a header row (the trainers' --log output; plain or zstd). x is the first column \
        unless --x names another; every other numeric column gets its own panel (own y scale) unless --y names \
        some. Empty cells, nan and inf leave gaps. Lines starting with # are ignored.
        Example: embed plot-log skipgram-log.csv --x epoch --y loss learning_rate -o loss.svg
        """
    )

    @Argument(help: "CSV log file (- for standard input).") var log: String
    @OptionGroup var output: OutputOption
    @Option(help: "Column for the x axis (default: the first).") var x: String?
    @Option(parsing: .upToNextOption, help: "Columns to draw, one panel each (default: every other numeric column).")
    var y: [String] = []
    @Option(help: "Picture title (default: the log file's name).") var title: String?
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        try PathChecks.requireDistinct(outputs: [("-o", try output.path())], inputs: [log])
    }

    func run() throws {
        let output = try self.output.path()
        let table = try DataTable.readCSV(path: log)
        let columns = y.flatMap { $0.split(separator: ",").map(String.init) }
        let name = log == "-" ? "standard input" : PathName.name(log)
        let plot = try CurvesPlot(table: table, x: x, y: columns, title: title ?? name)
        try plot.write(to: output)
        if !quiet.quiet {
            printError("plot-log: \(table.rowCount) rows, \(plot.xTitle) vs \(plot.series.map(\.name).joined(separator: ", ")) -> \(output)")
        }
    }
}
