// Role: the one interface between the stages of phrase detection: a stream of tokens cut into lines
// (the corpus reader feeds it, a joiner transforms it, a counter or a writer consumes it).
import EmbedCorpus

/// Receives a stream of tokens, line by line.
public protocol TokenSink: AnyObject {
    /// The next token of the current line (its bytes are valid only during the call).
    func token(_ bytes: UnsafeBufferPointer<UInt8>) throws
    /// The current line ends (a phrase never spans two lines).
    func endLine() throws
    /// The tokens of one piece of a line, then the line's end when `endsLine`.
    func piece(_ tokenizer: Tokenizer, endsLine: Bool) throws
}

extension TokenSink {
    /// Token by token (a sink may take a piece at once instead).
    public func piece(_ tokenizer: Tokenizer, endsLine: Bool) throws {
        for i in 0..<tokenizer.count { try token(tokenizer.token(i)) }
        if endsLine { try endLine() }
    }
}
