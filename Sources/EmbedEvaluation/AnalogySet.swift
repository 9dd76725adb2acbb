// Role: an analogy test set in the word2vec `questions-words.txt` layout: `: section` lines, then
// `a b c d` questions (a is to b as c is to d), read with the same rules as gensim.
import EmbedCore
import EmbedStreams

public struct AnalogySet: TextSetFile {
    public struct Question: Equatable {
        public var a: String, b: String, c: String, d: String
        public init(_ a: String, _ b: String, _ c: String, _ d: String) { self.a = a; self.b = b; self.c = c; self.d = d }
    }

    public struct Section {
        public var name: String
        public var questions: [Question]
        /// Semantic unless the name starts with "gram" (the Google set's syntactic sections).
        public var isSyntactic: Bool { name.hasPrefix("gram") }
    }

    public var path: String
    public var sections: [Section]

    public var questionCount: Int { sections.reduce(0) { $0 + $1.questions.count } }

    /// Blank lines are ignored; any other line must be a section header (`: name`) or four
    /// whitespace-separated words after a header.
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
