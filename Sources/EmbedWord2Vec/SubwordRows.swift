// Role: the input rows of every vocabulary word in a subword model (fastText's getSubwords), computed once:
// the word's own row, then one row per character n-gram (vocabulary size + bucket), packed in one array with
// offsets so the training loop reads them through raw pointers.
import EmbedCore
import EmbedVectors

/// Each vocabulary word's input rows: its own row, then `words + bucket` for each n-gram, in fastText's order.
final class SubwordRows: @unchecked Sendable {
    /// Row lists of word i: rows[offsets[i] ..< offsets[i + 1]].
    let offsets: UnsafeMutablePointer<Int32>
    let rows: UnsafeMutablePointer<Int32>
    let words: Int
    /// The most rows any word has.
    let longest: Int
    /// The rows of the 2w words with the most rows, for the window buffers of CBOW (indexed by w).
    private let largestSums: [Int]

    /// Row lists for `words` with `ngrams`; throws SettingError when they would not fit in 32-bit offsets.
    init(words: [String], ngrams: CharacterNgrams) throws {
        self.words = words.count
        var counts = [Int](repeating: 1, count: words.count)
        var total = 0
        for (i, word) in words.enumerated() {
            var word = word
            word.withUTF8 { bytes in ngrams.forEach(in: bytes) { _, _ in counts[i] += 1 } }
            total += counts[i]
        }
        guard total < Int(Int32.max) else {
            throw SettingError("maxn", "gives \(total) n-grams over the vocabulary, more than 2^31: lower it or the vocabulary")
        }
        try MemoryCheck.require(Double(total) * 4 + Double(counts.max() ?? 1) * 8 * 64, setting: "maxn",
                                value: ngrams.maxn, for: "for the n-gram lists of \(MemoryCheck.grouped(words.count)) words")
        let offsets = UnsafeMutablePointer<Int32>.allocate(capacity: words.count + 1)
        let rows = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, total))
        let base = Int32(words.count)
        var at = 0
        for (i, word) in words.enumerated() {
            offsets[i] = Int32(at)
            rows[at] = Int32(i); at += 1
            var word = word
            word.withUTF8 { bytes in ngrams.forEach(in: bytes) { bucket, _ in rows[at] = base + Int32(bucket); at += 1 } }
        }
        offsets[words.count] = Int32(at)
        self.offsets = offsets
        self.rows = rows
        longest = counts.max() ?? 1
        var sums = [0]
        for c in counts.sorted(by: >).prefix(1 << 12) { sums.append(sums.last! + c) }
        largestSums = sums
    }

    deinit { offsets.deallocate(); rows.deallocate() }

    /// The most rows `n` words can have together (the CBOW buffer for a window of n context words).
    func mostRows(ofWords n: Int) -> Int {
        n < largestSums.count ? largestSums[n] : largestSums.last! + (n - largestSums.count + 1) * longest
    }
}
