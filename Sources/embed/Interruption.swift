// Role: SIGINT/SIGTERM handling of the command-line tool: during training the first signal only raises a
// flag (the console observer then asks the trainer to stop, which checkpoints); otherwise, and on a second
// signal, temporary outputs and folders are removed and the process exits with status 128 + signal.
import EmbedKit
import Foundation

enum Interruption {
    nonisolated(unsafe) private static var flag: Int32 = 0
    nonisolated(unsafe) private static var cooperative = false

    /// True once SIGINT or SIGTERM arrived while a cooperative step was running.
    static var requested: Bool { flag != 0 }

    /// Installs the handlers. With `cooperative` the process keeps running and the step must stop itself
    /// (through its observer); otherwise temporaries are removed and the process exits at once.
    static func install(cooperative: Bool = false) {
        Interruption.cooperative = cooperative
        let handler: @convention(c) (Int32) -> Void = { sig in
            if Interruption.cooperative && Interruption.flag == 0 {
                Interruption.flag = sig
                return
            }
            AtomicOutput.removeAllTemporaries()
            TemporaryFolder.removeAll()
            _exit(128 + sig)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
    }

    /// Runs `body` with cooperative handling (Ctrl-C asks the step to stop), then restores the default.
    static func cooperatively<T>(_ body: () throws -> T) rethrows -> T {
        install(cooperative: true)
        defer { install(cooperative: false) }
        return try body()
    }
}
