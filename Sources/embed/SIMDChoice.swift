// Role: the EMBED_SIMD environment variable (baseline, avx2, avx512): forces the training kernels' width for
// this run; unset, the library's widest supported variant runs. The summary lines name the one that ran.
import EmbedKit
import Foundation

enum SIMDChoice {
    /// Applies EMBED_SIMD when set. Throws UsageError for an unknown name or a variant this processor lacks.
    static func applyEnvironment() throws {
        guard let raw = getenv("EMBED_SIMD").map({ String(cString: $0) }), !raw.isEmpty else { return }
        guard let variant = SIMDVariant(rawValue: raw.lowercased()) else {
            let names = SIMDVariant.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageError("EMBED_SIMD: unknown kernel variant '\(raw)' (one of \(names))")
        }
        do { try SIMDVariant.use(variant) } catch let e as SettingError {
            throw UsageError(e.message(naming: "EMBED_SIMD"))
        }
    }

    /// `avx2 kernels`, for summary lines.
    static func label(_ variant: SIMDVariant) -> String { "\(variant.rawValue) kernels" }
}
