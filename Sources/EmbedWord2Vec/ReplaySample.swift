// Role: which lines of replayed old text a continued run trains on: each line kept with probability `fraction`,
// decided from its position by a fixed hash (the same lines every run, spread over the whole text).

/// Picks the lines of replayed text to keep, piece by piece (a long line arrives in several pieces).
public struct ReplaySample: Sendable {
    /// The share of lines kept, in (0, 1].
    public let fraction: Double
    private var line: UInt64 = 0
    private var keeping: Bool

    /// A sample keeping about `fraction` of the lines (1: all).
    public init(fraction: Double) {
        self.fraction = fraction
        keeping = ReplaySample.keeps(line: 0, fraction: fraction)
    }

    /// Whether line number `line` (0-based) is kept at `fraction`: SplitMix64 of the number, below fraction x 2^64.
    public static func keeps(line: UInt64, fraction: Double) -> Bool {
        if fraction >= 1 { return true }
        var z = line &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) < fraction * Double(1 << 53)
    }

    /// Whether the current piece's line is kept; `endsLine` moves on to the next line after it.
    public mutating func keepsPiece(endsLine: Bool) -> Bool {
        let kept = keeping
        if endsLine {
            line &+= 1
            keeping = ReplaySample.keeps(line: line, fraction: fraction)
        }
        return kept
    }
}
