// Role: how a pair at distance d is weighted (harmonic 1/d or flat 1), as exact integer units:
// weight(d) = units[d] / scale, so every sum of weights is exact and independent of summation order.
import EmbedCore

/// How a pair of words d positions apart is weighted in X: by 1/d or by 1.
public enum CooccurrenceWeighting: String, CaseIterable, Sendable {
    /// 1/d, as Stanford's GloVe counts (the default).
    case harmonic
    /// 1 for every distance within the window.
    case flat
}

/// Integer weights: weight(d) = units[d] / scale. For harmonic weights the scale is lcm(1...window), which makes
/// 1/d exact for windows up to 18; beyond that scale is 2^26 and 1/d is rounded to within 2^-27 relative.
struct FixedPointWeights {
    let scale: UInt64
    /// Index d = 0...window (units[0] is unused).
    let units: [UInt32]
    /// True when every weight is represented exactly.
    let exact: Bool

    static let maxScale: UInt64 = 1 << 26

    init(window: Int, weighting: CooccurrenceWeighting) {
        precondition(window >= 1)
        switch weighting {
        case .flat:
            scale = 1
            units = [0] + Array(repeating: 1, count: window)
            exact = true
        case .harmonic:
            var l: UInt64 = 1
            var fits = true
            for d in 1...UInt64(window) where fits {
                l = l / FixedPointWeights.gcd(l, d) * d
                if l > FixedPointWeights.maxScale { fits = false }
            }
            let s = fits ? l : FixedPointWeights.maxScale
            scale = s
            exact = fits
            units = (0...window).map { d in
                d == 0 ? 0 : UInt32((Double(s) / Double(d)).rounded())
            }
        }
    }

    /// The real value of `value` units.
    @inline(__always)
    func real(_ value: UInt64) -> Double { Double(value) / Double(scale) }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
