// Role: the one interface between the stages of phrase detection: a stream of tokens cut into lines
// (the corpus reader feeds it, a joiner transforms it, a counter or a writer consumes it).
/// Receives a stream of tokens, line by line.
public protocol TokenSink: AnyObject {
    /// The next token of the current line (its bytes are valid only during the call).
    func token(_ bytes: UnsafeBufferPointer<UInt8>) throws
    /// The current line ends (a phrase never spans two lines).
    func endLine() throws
}
