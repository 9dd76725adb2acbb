// Role: which width the hot kernels run at (baseline 4-lane SSE in Swift, AVX2+FMA or AVX-512 in CKernels),
// detected once from CPUID and the OS's saved register state; a process may pick a narrower one (as OpenBLAS
// lets a process pick its core type). Trainers read `active` once when they start, not per step.
import CKernels
import EmbedCore
import Foundation

/// A width of the hot training kernels: the x86-64 baseline (4-lane SSE, the Swift kernels), AVX2 with FMA
/// (8 lanes) and AVX-512 (16 lanes), the last two compiled for their targets alone and chosen at run time.
public enum SIMDVariant: String, CaseIterable, Sendable {
    /// 4-float SIMD, the Swift kernels: every x86-64 and arm64 processor runs it.
    case baseline
    /// 8-float AVX2 with fused multiply-add.
    case avx2
    /// 16-float AVX-512 (F, DQ, BW, VL).
    case avx512

    var code: Int32 {
        switch self {
        case .baseline: return Int32(EMBED_SIMD_BASELINE)
        case .avx2: return Int32(EMBED_SIMD_AVX2)
        case .avx512: return Int32(EMBED_SIMD_AVX512)
        }
    }

    /// True when this processor and its operating system can run the variant.
    public var isSupported: Bool { embed_simd_supported(code) != 0 }

    /// The variants this machine runs, narrowest first (always starts with `baseline`).
    public static var supported: [SIMDVariant] { allCases.filter(\.isSupported) }

    /// The widest variant this machine runs.
    public static let best: SIMDVariant = supported.last ?? .baseline

    private static let selection = VariantSelection(best)

    /// The variant trainers started from now on use: `best` unless `use(_:)` chose another.
    public static var active: SIMDVariant { selection.value }

    /// Makes `variant` the one trainers use from now on. Throws `SettingError` (setting `simd`) when this
    /// processor cannot run it.
    public static func use(_ variant: SIMDVariant) throws {
        guard variant.isSupported else {
            let runs = supported.map(\.rawValue).joined(separator: ", ")
            throw SettingError("simd", "is not supported by this processor (it runs \(runs))", value: variant.rawValue)
        }
        selection.value = variant
    }
}

/// The process-wide choice behind `SIMDVariant.active`, behind a lock.
private final class VariantSelection: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: SIMDVariant
    init(_ initial: SIMDVariant) { stored = initial }
    var value: SIMDVariant {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
