// Role: a stratified, seeded hold-out of an encoded training set, for early stopping when no dev set is
// given: each class gives round(fraction x its count) sentences (keeping at least one for training), chosen
// by a seeded shuffle of that class; the rest stays in training order.
import EmbedCore

/// Splits an encoded training set into training and held-out dev sentences, class by class.
public enum DevSplit {
    /// Sentences class `c` of `count` gives to the dev set: round(fraction x count), at most count - 1.
    public static func heldOut(count: Int, fraction: Double) -> Int {
        min(Int((fraction * Double(count)).rounded()), max(count - 1, 0))
    }

    /// (train, dev): per class, `heldOut` sentences drawn by a shuffle seeded with `seed` go to dev; both keep
    /// the original order. Throws `SettingError` unless 0 < fraction < 1.
    public static func split(_ set: EncodedSet, fraction: Double, seed: UInt64) throws -> (train: EncodedSet, dev: EncodedSet) {
        guard fraction > 0, fraction < 1 else { throw SettingError("devSplit", "must be in (0, 1)") }
        var byClass: [Int32: [Int]] = [:]
        for (i, label) in set.labels.enumerated() { byClass[label, default: []].append(i) }
        var random = FastRandom(seed: seed ^ 0xD5E7_5F11_7000_0001)
        var isDev = [Bool](repeating: false, count: set.count)
        for label in byClass.keys.sorted() {
            var members = byClass[label]!
            random.shuffle(&members)
            for i in members.prefix(heldOut(count: members.count, fraction: fraction)) { isDev[i] = true }
        }
        var train = EncodedSet(sequences: [], labels: []), dev = EncodedSet(sequences: [], labels: [])
        for i in 0..<set.count {
            if isDev[i] {
                dev.sequences.append(set.sequences[i]); dev.labels.append(set.labels[i])
            } else {
                train.sequences.append(set.sequences[i]); train.labels.append(set.labels[i])
            }
        }
        return (train, dev)
    }
}
