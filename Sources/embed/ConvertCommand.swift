// Role: `embed convert IN OUT`: rewrites a vector file in another format, row by row when it can
// (memory: the words only), atomically (an interrupted run leaves no OUT); a fastText model becomes its
// vocabulary's vectors, or is written again as a fastText model.
import ArgumentParser
import EmbedKit
import Foundation

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert word vectors between GloVe text, word2vec text and binary, and fastText models.",
        discussion: """
        Formats: glove (`word v1 ... vd` lines, no header), word2vec (a `count dimension` line, then the same \
        rows), word2vec-bin (the header line, then `word ` + d little-endian float32 + newline per row).
        The input's format and zstd compression are detected from its content (a first line of two integers is a \
        word2vec header: give --input-format glove for a one-dimensional GloVe file whose words are numbers). \
        The output format is --format, \
        or else inferred from OUT's name (a trailing .zst ignored): .bin -> word2vec-bin, .vec -> word2vec, \
        anything else -> glove. OUT ending in .zst is zstd-compressed. OUT is written to a temporary file \
        renamed into place at the end, so an interrupted or failed run leaves no OUT.
        Text output prints each value with the shortest digits that read back as the same float32 \
        (--precision N prints N decimals instead).
        A fastText model (.bin as fastText writes it, told apart from word2vec binary by its first bytes) is \
        read whole; any row format gets its vocabulary words' vectors (as fastText's .vec). --format \
        fasttext-bin writes a fastText model, which only a fastText model can give (a vector file has no \
        n-grams): OUT's name never chooses it, since .bin names mean word2vec binary.
        """
    )

    @Argument(help: "Input vector file (- for standard input), plain or zstd.") var input: String
    @Argument(help: "Output vector file; .zst compresses.") var output: String
    @Option(help: "Output format: glove, word2vec, word2vec-bin or fasttext-bin (default: from OUT's name, see above).")
    var format: VectorFormat?
    @Option(name: .customLong("input-format"), help: "Input format, skipping detection: glove, word2vec, word2vec-bin or fasttext-bin.")
    var inputFormat: VectorFormat?
    @Option(help: "Decimals printed per value in text output (0-12; default: shortest exact).") var precision: Int?
    @Option(help: "Keep only the first N vectors.") var limit: Int?
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if let p = precision, !(0...12).contains(p) { throw ValidationError("--precision must be between 0 and 12") }
        if let l = limit, l < 1 { throw ValidationError("--limit must be at least 1") }
        try PathChecks.requireDistinct(outputs: [("OUT", output)], inputs: [input])
    }

    func run() throws {
        let start = Date()
        let console = ConsoleObserver(command: "convert", quiet: quiet.quiet)
        let outFormat = format ?? VectorFormat.suggested(byName: output)
        let reader: VectorFileReader
        switch try VectorInput.open(path: input, format: inputFormat, observer: console) {
        case .fastText(let model):
            return try convert(model, to: outFormat, observer: console, start: start)
        case .rows(let opened):
            reader = opened
        }
        if outFormat == .fastTextBinary {
            throw UsageError("--format fasttext-bin needs a fastText model as input: \(input) holds plain vectors (\(reader.format.name)), which have no n-grams")
        }
        let written: Int
        if outFormat.hasHeader && reader.declaredCount == nil {
            // A header needs the count first: a GloVe input is loaded whole.
            let vectors = try WordVectors.read(from: reader, limit: limit, observer: console)
            try vectors.write(to: output, format: outFormat, precision: precision)
            written = vectors.count
        } else {
            written = try stream(reader, format: outFormat, observer: console)
        }
        do {
            console.say(String(format: "convert: %d vectors of dimension %d, %@ -> %@ (%@), %.2f s", written,
                              reader.dimension, reader.format.name, output, outFormat.name, Date().timeIntervalSince(start)))
        }
    }

    /// A fastText model: written again whole, or its vocabulary's first --limit words as rows.
    private func convert(_ model: FastTextModel, to outFormat: VectorFormat, observer: ConsoleObserver, start: Date) throws {
        let written: Int
        if outFormat == .fastTextBinary {
            if limit != nil { throw UsageError("--limit cannot cut a fastText model: fasttext-bin writes the whole model") }
            try model.write(to: output)
            written = model.dictionary.wordCount
        } else {
            let vectors = model.wordVectors(limit: limit)
            try vectors.write(to: output, format: outFormat, precision: precision)
            written = vectors.count
        }
        observer.say(String(format: "convert: %d vectors of dimension %d, %@ -> %@ (%@), %.2f s", written,
                            model.dimension, VectorFormat.fastTextBinary.name, output, outFormat.name,
                            Date().timeIntervalSince(start)))
    }

    /// Copies rows one at a time; the writer's temporary file is dropped on any error.
    private func stream(_ reader: VectorFileReader, format outFormat: VectorFormat, observer: WorkObserver) throws -> Int {
        let wanted = limit ?? Int.max
        let count = reader.declaredCount.map { min($0, wanted) }
        let writer = try VectorFileWriter(path: output, format: outFormat, count: outFormat.hasHeader ? count : nil,
                                          dimension: reader.dimension, precision: precision)
        var report = VectorReadProgress(reader: reader, limit: limit, observer: observer)
        while reader.rowCount < wanted, try reader.next() {
            try writer.write(word: reader.word, vector: reader.values)
            report.row()
        }
        try writer.commit()
        return writer.rowsWritten
    }
}
