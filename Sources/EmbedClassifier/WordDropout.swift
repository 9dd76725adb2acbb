// Role: word dropout for training: each token of a sentence is replaced by the `<UNK>` row with probability
// p (the sentence keeps its length, so masking is unchanged).
import EmbedCore

/// Replaces tokens by the unknown word while training.
public enum WordDropout {
    /// `sequence` with each token replaced by `unknown` with probability `rate`, drawn from `random`.
    @inlinable
    public static func apply(_ sequence: [Int32], rate: Double, unknown: Int32, random: inout FastRandom) -> [Int32] {
        guard rate > 0 else { return sequence }
        let threshold = Float(rate)
        var out = sequence
        for i in out.indices where random.nextFloat() < threshold { out[i] = unknown }
        return out
    }
}
