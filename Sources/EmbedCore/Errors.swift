// Role: the typed errors every library stage throws. Their text speaks of files and settings in the library's
// words (`dimension must be at least 1`); the command-line tool maps setting names to its flags.

/// Bad input data: a missing file, a corrupt stream, a malformed row, a damaged model.
/// `description` is one line, `path:line: message`. A setting the message advises on is written in
/// backticks (`` `maxTokenBytes` ``), so a tool can name its own flag instead.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file at fault (nil when the data did not come from a file).
    public var path: String?
    /// The 1-based line at fault, when the format has lines.
    public var line: Int?
    /// What is wrong with the data, in one line (`expected 301 fields, found 12`).
    public var message: String

    /// An error about `path` (and `line`), with `message` saying what is wrong.
    public init(_ message: String, path: String? = nil, line: Int? = nil) {
        self.message = message
        self.path = path
        self.line = line
    }

    /// `path:line: message`, or `path: message` / `message` when the line or the file is unknown.
    public var description: String {
        switch (path, line) {
        case let (p?, l?): return "\(p):\(l): \(message)"
        case let (p?, nil): return "\(p): \(message)"
        default: return message
        }
    }
}

/// A setting that cannot work: out of range, in conflict with another, or needing more memory than there is.
/// `setting` is the library's name of it (a property name such as `dimension`, `window`, `memoryBytes`);
/// the text reads `dimension must be at least 1`, `dimension 100000000 needs 37.2 GB ...`.
public struct SettingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The property name of the setting (as in the settings type), e.g. `dimension`.
    public var setting: String
    /// The value given, as text, when the message is about that value; nil for range rules.
    public var value: String?
    /// What is wrong, worded to follow the setting name: `must be at least 1`, `needs 37 GB for 93,000 rows`.
    public var problem: String

    /// `setting` (and its `value`) followed by `problem` make the message.
    public init(_ setting: String, _ problem: String, value: String? = nil) {
        self.setting = setting
        self.value = value
        self.problem = problem
    }

    /// The message with `name` standing for the setting (the command-line tool passes its flag).
    public func message(naming name: String) -> String {
        value.map { "\(name) \($0) \(problem)" } ?? "\(name) \(problem)"
    }

    /// The message naming the setting by its library name: `dimension must be at least 1`.
    public var description: String { message(naming: setting) }
}

/// A resumed or continued run whose saved state does not fit what it was given now (other data, other
/// model settings). `differences` name the settings that differ, in the library's words.
public struct ResumeMismatch: Error, CustomStringConvertible, Equatable, Sendable {
    /// One setting that differs: its name, the value now and the value saved.
    public struct Difference: Equatable, Sendable {
        /// The setting's library name (a property name such as `dimension`).
        public var setting: String
        /// Its value in this run, as text.
        public var now: String
        /// Its value in the saved run, as text.
        public var saved: String
        /// A difference of `setting`: `now` in this run, `saved` in the checkpoint or model.
        public init(setting: String, now: String, saved: String) {
            self.setting = setting; self.now = now; self.saved = saved
        }
    }

    /// The checkpoint or model file.
    public var path: String
    /// The settings that differ between the saved run and now (empty when `reason` says the data differs).
    public var differences: [Difference]
    /// Set instead of `differences` when the data differs (another corpus, other records).
    public var reason: String?

    /// Settings that differ between `path` and now.
    public init(path: String, differences: [Difference]) {
        self.path = path
        self.differences = differences
        reason = nil
    }

    /// The data differs: `reason` says how.
    public init(path: String, reason: String) {
        self.path = path
        differences = []
        self.reason = reason
    }

    /// The message with each setting named by `name(setting)`.
    public func message(naming name: (String) -> String) -> String {
        if let reason { return "\(path): cannot resume: \(reason)" }
        let list = differences.map { "\(name($0.setting)) \($0.now) (saved: \($0.saved))" }
        return "\(path): cannot resume: settings differ from the saved run's: " + list.joined(separator: ", ")
    }

    /// The message naming each setting by its library name.
    public var description: String { message(naming: { $0 }) }
}

/// A call the object's state does not allow (finishing a counter twice, reading standard input twice).
public struct StateError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Which call was not allowed and why, in one line.
    public var message: String
    /// `message` says which call was not allowed and why.
    public init(_ message: String) { self.message = message }
    /// The message, as given.
    public var description: String { message }
}
