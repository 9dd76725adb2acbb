// Role: keeps OpenBLAS on its AVX2 / AVX-512 kernels. On virtual machines that hide the CPU model, OpenBLAS's
// load-time detection falls back to its SSE3 "Prescott" kernels (sgemm 3-5x slower); the choice is made when
// the library loads, so the fix is to run the process again with OPENBLAS_CORETYPE set (the command-line
// tool does; a program using the library can do the same with `betterCoreType`).
import CBLAS
import EmbedCore

/// Which kernel family OpenBLAS runs on, and the `OPENBLAS_CORETYPE` to ask for when it fell back to SSE3 ones.
public enum BLASCore {
    /// The kernel family OpenBLAS chose (e.g. "Haswell", "SkylakeX", "Prescott").
    public static var name: String { String(cString: openblas_get_corename()) }

    /// The core type to ask for when `current` is one of OpenBLAS's SSE fallbacks, given the widest kernel
    /// variant this processor runs (`SIMDVariant.best`, from CPUID and the OS's saved register state); nil
    /// when `current` is already a vector one or the processor has neither AVX2 nor AVX-512.
    public static func betterCoreType(current: String, widest: SIMDVariant = SIMDVariant.best) -> String? {
        let fallbacks: Set<String> = ["prescott", "core2", "nehalem", "katmai", "coppermine", "northwood", "banias"]
        guard fallbacks.contains(current.lowercased()) else { return nil }
        switch widest {
        case .avx512: return "SkylakeX"
        case .avx2: return "Haswell"
        case .baseline: return nil
        }
    }
}
