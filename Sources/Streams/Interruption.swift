// Role: SIGINT/SIGTERM handling: long jobs poll `requested` to checkpoint and stop cleanly;
// everything else has its temporary outputs removed and exits with status 130.
import Foundation

public enum Interruption {
    nonisolated(unsafe) private static var flag: Int32 = 0
    nonisolated(unsafe) private static var cooperative = false

    /// True once SIGINT or SIGTERM arrived while a cooperative job was running.
    public static var requested: Bool { flag != 0 }

    /// Installs the handlers. With `cooperative` the process keeps running and the job must poll `requested`
    /// (a second signal still exits at once); otherwise temporaries are removed and the process exits 130.
    public static func install(cooperative: Bool = false) {
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

    /// Clears a pending request (after a checkpoint was taken and the job decided to go on, in tests).
    public static func reset() { flag = 0 }
}
