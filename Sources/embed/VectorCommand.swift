// Role: `embed vector MODEL word...`: prints `word v1 ... vd` for each word (fastText's print-word-vectors):
// a fastText model gives words it never saw their vectors from n-grams; a vector file knows its rows only.
import ArgumentParser
import EmbedKit
import Foundation

struct VectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vector",
        abstract: "Print the vectors of words (through n-grams for words a fastText model never saw).",
        discussion: """
        Prints one `word v1 ... vd` line per word, in the order given, each value with the shortest digits that \
        read back as the same float32. Without words, the whitespace-separated words of standard input are \
        printed as they come. With a fastText model (.bin), every word has a vector, as fastText's \
        get_word_vector gives it: a vocabulary word's own row and n-gram rows averaged, any other word its \
        n-gram rows averaged. With a vector file, a word is matched exactly, else up to case, and an unknown \
        word is reported on stderr. The exit status is 1 when no vector was printed.
        """
    )

    @Argument(help: "fastText model (.bin) or vectors file (GloVe or word2vec text, word2vec binary); .zst or - accepted.")
    var vectors: String
    @Argument(help: "Words (default: the words of standard input).") var words: [String] = []
    @OptionGroup var quiet: QuietFlag

    func validate() throws {
        if words.isEmpty && vectors == "-" {
            throw ValidationError("give the words as arguments when the vectors come from standard input")
        }
    }

    func run() throws {
        let console = ConsoleObserver(command: "vector", quiet: quiet.quiet)
        // A model's vectors are computed for the words asked about only, not for its whole vocabulary.
        let table: WordVectors
        switch try VectorInput.open(path: vectors, observer: console) {
        case .fastText(let model): table = model.wordVectors(limit: 0)
        case .rows(let reader): table = try WordVectors.read(from: reader, observer: console)
        }
        var printed = 0
        func show(_ word: String) {
            guard let v = table.vector(for: word) else {
                printError("embed: \(vectors): unknown word \"\(word)\"")
                return
            }
            print(word + " " + v.map(\.description).joined(separator: " "))
            printed += 1
        }
        if words.isEmpty {
            while let line = readLine() {
                for word in line.split(whereSeparator: \.isWhitespace) { show(String(word)) }
            }
        } else {
            for word in words { show(word) }
        }
        if printed == 0 { throw ExitCode(1) }
    }
}
