// Role: axis ranges and tick marks at "nice" steps (1, 2 or 5 times a power of ten), with tick labels
// that show just enough decimals (k/M suffixes for large values, exponents for tiny ones).
import EmbedCore
import Foundation

/// An axis range and its tick step at "nice" values (1, 2 or 5 times a power of ten), with tick labels.
public struct NiceScale: Equatable {
    /// First tick: the lower end of the axis range, at or below the data.
    public let lower: Double
    /// Last tick: the upper end of the axis range, at or above the data.
    public let upper: Double
    /// Distance between ticks: 1, 2 or 5 x 10^k.
    public let step: Double

    /// A range enclosing [min, max] with about `maxTicks` ticks (at most `maxTicks`, at least 2).
    /// A degenerate range (min == max) is widened around the value.
    public init(min lo: Double, max hi: Double, maxTicks: Int = 6) {
        var lo = lo, hi = hi
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo > hi { swap(&lo, &hi) }
        if hi - lo <= Swift.max(abs(lo), abs(hi)) * 1e-12 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad; hi += pad
        }
        let intervals = Double(Swift.max(1, maxTicks - 1))
        var step = NiceScale.niceStep(atLeast: (hi - lo) / intervals)
        // Rounding the ends outwards can add an interval: take the next nice step while it does not fit.
        while ((hi / step).rounded(.up) - (lo / step).rounded(.down)) > intervals + 1e-9 {
            step = NiceScale.niceStep(atLeast: step * 1.0001)
        }
        self.step = step
        self.lower = (lo / step).rounded(.down) * step
        self.upper = (hi / step).rounded(.up) * step
    }

    /// Ticks every `step` over [lower, upper] (for axes that must share a step, like an equal-aspect map).
    public init(lower: Double, upper: Double, step: Double) {
        self.lower = (lower / step).rounded(.down) * step
        self.upper = (upper / step).rounded(.up) * step
        self.step = step
    }

    /// The smallest value 1, 2 or 5 x 10^k that is >= `raw` (raw > 0).
    public static func niceStep(atLeast raw: Double) -> Double {
        let exponent = floor(log10(raw))
        let power = pow(10, exponent)
        for m in [1.0, 2.0, 5.0, 10.0] where m * power >= raw * (1 - 1e-12) { return m * power }
        return 10 * power
    }

    /// Tick values from lower to upper (computed as multiples of step, so no drift).
    public var ticks: [Double] {
        let first = (lower / step).rounded(), last = (upper / step).rounded()
        return stride(from: first, through: last, by: 1).map { $0 * step }
    }

    /// A tick label: "0.25", "1500", "250k", "1.5M", "2e-05"; negative values use the minus sign U+2212.
    public func label(_ value: Double) -> String {
        let text = plainLabel(value)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    private func plainLabel(_ value: Double) -> String {
        if abs(value) < step * 1e-9 { return "0" }
        let magnitude = Swift.max(abs(lower), abs(upper))
        if step < 1e-4 {
            // Exponent form with as many mantissa digits as the step needs: 2e-05, 2.1e-05, -5.05e-04.
            let digits = Swift.max(0, Int(floor(log10(abs(value)) + 1e-9) - floor(log10(step) + 1e-9)))
            return String(format: "%.\(digits)e", value)
        }
        var divisor = 1.0, suffix = ""
        if magnitude >= 1e10 && step >= 1e8 { divisor = 1e9; suffix = "G" }
        else if magnitude >= 1e7 && step >= 1e5 { divisor = 1e6; suffix = "M" }
        else if magnitude >= 1e4 && step >= 100 { divisor = 1e3; suffix = "k" }
        let decimals = Swift.max(0, Int(-floor(log10(step / divisor) + 1e-9)))
        return String(format: "%.\(decimals)f", value / divisor) + suffix
    }
}
