// Role: runs the built `embed` executable for command-line tests: arguments and stdin in,
// exit status, stdout and stderr out.
import Foundation
import XCTest

struct EmbedRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum EmbedBinary {
    /// The `embed` product next to the test bundle (.build/<config>/embed).
    static var url: URL {
        var dir = Bundle(for: Marker.self).bundleURL
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("embed")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: "/nonexistent/embed")
    }

    private final class Marker {}

    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil,
                    in folder: String? = nil) throws -> EmbedRun {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a chatty process cannot block on a full pipe.
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let outData = outBox.data
        process.waitUntilExit()
        return EmbedRun(status: process.terminationStatus,
                        stdout: String(decoding: outData, as: UTF8.self),
                        stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs with standard output sent to `stdoutPath` (a device or file); returns status and stderr.
    static func run(_ arguments: [String], stdoutTo stdoutPath: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self))
    }

    /// The help text of a command (`embed <command> --help`).
    static func helpText(_ command: [String]) -> String {
        (try? run(command + ["--help"]).stdout) ?? ""
    }

    /// A fresh temporary folder for a test's files.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "embed-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension EmbedBinary {
    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    /// Starts `embed`, waits until `file` is (re)written, sends SIGINT and returns (status, stderr).
    static func interrupt(_ arguments: [String], when file: String) throws -> (Int32, String) {
        let before = modified(file)
        let process = Process()
        process.executableURL = EmbedBinary.url
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while modified(file) == before && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        process.interrupt()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }
}
