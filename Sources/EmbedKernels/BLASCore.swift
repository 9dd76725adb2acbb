// Role: keeps OpenBLAS on its AVX2 / AVX-512 kernels. On virtual machines that hide the CPU model, OpenBLAS's
// load-time detection falls back to its SSE3 "Prescott" kernels (sgemm 3-5x slower); the choice is made when
// the library loads, so the fix is to run the process again with OPENBLAS_CORETYPE set (the command-line
// tool does; a program using the library can do the same with `betterCoreType`).
import CBLAS
import EmbedCore
import Foundation

/// Which kernel family OpenBLAS runs on, and the `OPENBLAS_CORETYPE` to ask for when it fell back to SSE3 ones.
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
    public static func cpuFlags() -> Set<Substring> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return [] }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }
}
