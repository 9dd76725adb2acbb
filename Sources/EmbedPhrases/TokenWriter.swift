// Role: the last stage of `embed phrases`: writes the token stream as text, one space between tokens and one
// line per input line (empty lines kept), through an atomic output (zstd when the name ends in .zst).
import EmbedStreams

/// Writes a token stream as lines of space-separated tokens.
public final class TokenWriter: TokenSink {
    /// The output written to.
    public let output: AtomicOutput
    /// Tokens written.
    public private(set) var tokens: Int64 = 0
    /// Lines written.
    public private(set) var lines: Int64 = 0
    private var lineStarted = false
    private static let space: [UInt8] = [0x20]
    private static let newline: [UInt8] = [0x0A]

    /// A writer into `output`.
    public init(output: AtomicOutput) { self.output = output }

    /// Writes a token, after a space unless it starts the line.
    public func token(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if lineStarted { try TokenWriter.space.withUnsafeBytes { try output.write($0) } }
        try output.write(UnsafeRawBufferPointer(bytes))
        lineStarted = true
        tokens += 1
    }

    /// Ends the line with "\n".
    public func endLine() throws {
        try TokenWriter.newline.withUnsafeBytes { try output.write($0) }
        lineStarted = false
        lines += 1
    }
}
