// Role: an analogy test set in the word2vec `questions-words.txt` layout: `: section` lines, then
// `a b c d` questions (a is to b as c is to d), read with the same rules as gensim.
import EmbedCore
import EmbedStreams

/// An analogy test set in word2vec's `questions-words.txt` layout: `: section` lines, each followed by
/// `a b c d` questions (a is to b as c is to d).
public struct AnalogySet: TextSetFile {
    /// One question: a is to b as c is to d, where d is the expected answer.
    public struct Question: Equatable {
        /// The four words of the question, in file order; `d` is the expected answer.
        public var a: String, b: String, c: String, d: String
        /// The question `a` is to `b` as `c` is to `d`.
        public init(_ a: String, _ b: String, _ c: String, _ d: String) { self.a = a; self.b = b; self.c = c; self.d = d }
    }

    /// A `: section` of the set and its questions.
    public struct Section {
        /// The section's name (the text after `: `).
        public var name: String
        /// The questions of the section, in file order.
        public var questions: [Question]
        /// Semantic unless the name starts with "gram" (the Google set's syntactic sections).
        public var isSyntactic: Bool { name.hasPrefix("gram") }
    }

    /// The file the set was read from (`<text>` for an in-memory text).
    public var path: String
    /// The sections, in file order.
    public var sections: [Section]

    /// The number of questions over all sections.
    public var questionCount: Int { sections.reduce(0) { $0 + $1.questions.count } }

    /// Blank lines are ignored; any other line must be a section header (`: name`) or four
    /// whitespace-separated words after a header. Throws `InputError` naming the line for anything else,
    /// and for a file without sections.
    public init(lines: [(number: Int, text: String)], path: String) throws {
        self.path = path
        sections = []
        for (number, text) in lines {
            if text.hasPrefix(": ") {
                // gensim: line.lstrip(': ').strip()
                let name = text.drop { $0 == ":" || $0 == " " }.trimmingWhitespace()
                sections.append(Section(name: name, questions: []))
                continue
            }
            let words = TextLines.fields(text)
            if words.isEmpty { continue }
            guard words.count == 4 else {
                throw InputError("expected 4 words (a b c d) or a `: section` line, found \(words.count) words",
                                 path: path, line: number)
            }
            guard !sections.isEmpty else {
                throw InputError("question before the first `: section` line", path: path, line: number)
            }
            sections[sections.count - 1].questions.append(
                Question(String(words[0]), String(words[1]), String(words[2]), String(words[3])))
        }
        if sections.isEmpty { throw InputError("no `: section` line: not an analogy questions file", path: path) }
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
