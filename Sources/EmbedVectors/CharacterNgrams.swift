// Role: the character n-grams of a word as fastText's computeSubwords makes them: the UTF-8 characters of
// `<word>` (boundary markers added), every run of minn...maxn characters, in order of start then length,
// except the two one-character runs `<` and `>`; each hashed (FastTextHash) into one of `buckets` rows.
// Walks the bytes in place: no String, no array per n-gram.

/// The n-gram settings of a subword model and the n-grams (as bucket numbers or as text) of any word.
public struct CharacterNgrams: Equatable, Sendable {
    /// Shortest n-gram, in characters.
    public let minn: Int
    /// Longest n-gram, in characters (0: no n-grams, a word-only model).
    public let maxn: Int
    /// Hash buckets: an n-gram's bucket is `hash % buckets` (0: no n-grams).
    public let buckets: Int

    /// N-grams of `minn...maxn` characters hashed into `buckets` rows (fastText's -minn, -maxn, -bucket).
    public init(minn: Int, maxn: Int, buckets: Int) {
        precondition(minn >= 0 && maxn >= 0 && buckets >= 0 && buckets <= Int(UInt32.max))
        self.minn = minn
        self.maxn = maxn
        self.buckets = buckets
    }

    /// True when no word has an n-gram (maxn 0, no buckets, or minn above maxn).
    public var isEmpty: Bool { maxn <= 0 || buckets == 0 || minn > maxn }

    /// Calls `body` with the bucket and the byte range (in `<word>`, `<` at offset 0) of each n-gram of
    /// `word`'s UTF-8 bytes, in fastText's order: by first character, then by length.
    @inline(__always)
    public func forEach(in word: UnsafeBufferPointer<UInt8>, _ body: (_ bucket: Int, _ bytes: Range<Int>) -> Void) {
        guard !isEmpty else { return }
        let count = word.count + 2
        let divisor = UInt32(buckets)
        @inline(__always) func byte(_ k: Int) -> UInt8 { k == 0 ? 0x3C : k == count - 1 ? 0x3E : word[k - 1] }
        var i = 0
        while i < count {
            if byte(i) & 0xC0 == 0x80 { i += 1; continue }   // inside a character
            var h = FastTextHash.offsetBasis
            var j = i, length = 1
            while j < count && length <= maxn {
                h = FastTextHash.step(h, byte(j)); j += 1
                while j < count && byte(j) & 0xC0 == 0x80 { h = FastTextHash.step(h, byte(j)); j += 1 }
                if length >= minn && !(length == 1 && (i == 0 || j == count)) {
                    body(Int(h % divisor), i..<j)
                }
                length += 1
            }
            i += 1
        }
    }

    /// The buckets of `word`'s n-grams, in fastText's order (without the vocabulary offset of model rows).
    public func buckets(of word: String) -> [Int] {
        var word = word
        var out: [Int] = []
        word.withUTF8 { bytes in forEach(in: bytes) { bucket, _ in out.append(bucket) } }
        return out
    }

    /// The n-grams of `word` as text (`<wh`, `whe`, ...), in the same order as `buckets(of:)`.
    public func substrings(of word: String) -> [String] {
        let marked = Array(("<" + word + ">").utf8)
        var word = word
        var out: [String] = []
        word.withUTF8 { bytes in
            forEach(in: bytes) { _, range in out.append(String(decoding: marked[range], as: UTF8.self)) }
        }
        return out
    }
}
