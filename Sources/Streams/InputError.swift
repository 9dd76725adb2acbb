// Role: the one error type for bad input and usage: a single line naming the file (and line).
import Foundation

/// An error a user caused: a missing file, a corrupt stream, a malformed row.
/// `description` is one line, `path:line: message`, ready for stderr.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public var path: String?
    public var line: Int?
    public var message: String

    public init(_ message: String, path: String? = nil, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    public var description: String {
        switch (path, line) {
        case let (p?, l?): return "\(p):\(l): \(message)"
        case let (p?, nil): return "\(p): \(message)"
        default: return message
        }
    }
}

/// A usage error (bad flag value, conflicting options): exit status 2.
public struct UsageError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
