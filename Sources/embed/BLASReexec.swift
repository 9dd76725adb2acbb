// Role: keeps OpenBLAS on vector kernels for the command-line tool: when its load-time detection fell back to
// SSE3-era kernels on a CPU with AVX2 or AVX-512 and the user did not set OPENBLAS_CORETYPE, the process runs
// itself again with the better core type (the choice is made when the library loads).
import EmbedKit
import Foundation

enum BLASReexec {
    /// Call first in `main`; returns (doing nothing) when there is nothing to gain or the re-run cannot be made.
    static func ifNeeded() {
        guard getenv("OPENBLAS_CORETYPE") == nil,
              let better = BLASCore.betterCoreType(current: BLASCore.name) else { return }
        setenv("OPENBLAS_CORETYPE", better, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")           // execv returned: it failed; carry on as we are
    }
}
