// Role: keeps OpenBLAS on its AVX2 / AVX-512 kernels. On virtual machines that hide the CPU model, OpenBLAS's
// load-time detection falls back to its SSE3 "Prescott" kernels (sgemm 3-5x slower); the choice is made when
// the library loads, so the fix is to run the process again with OPENBLAS_CORETYPE set.
import CBLAS
import Foundation

public enum BLASCore {
    /// The kernel family OpenBLAS chose (e.g. "Haswell", "SkylakeX", "Prescott").
    public static var name: String { String(cString: openblas_get_corename()) }

    /// The core type to ask for given the CPU's feature flags, or nil when `current` is already a vector one.
    public static func betterCoreType(current: String, cpuFlags: Set<Substring>) -> String? {
        let fallbacks: Set<String> = ["prescott", "core2", "nehalem", "katmai", "coppermine", "northwood", "banias"]
        guard fallbacks.contains(current.lowercased()) else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The first `flags` line of /proc/cpuinfo (empty when it cannot be read).
    static func cpuFlags() -> Set<Substring> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }

    /// Call first in `main`: when OpenBLAS fell back to scalar-era kernels on a CPU with AVX2 or AVX-512 and
    /// the user did not set OPENBLAS_CORETYPE, replaces the process by itself with the better core type.
    /// Returns (doing nothing) when there is nothing to gain or the re-run cannot be made.
    public static func reexecIfNeeded() {
        guard getenv("OPENBLAS_CORETYPE") == nil,
              let better = betterCoreType(current: name, cpuFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", better, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        unsetenv("OPENBLAS_CORETYPE")           // execv returned: it failed; carry on as we are
    }
}
