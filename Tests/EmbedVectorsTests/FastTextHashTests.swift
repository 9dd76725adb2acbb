// Role: fastText's hash and character n-grams against numbers computed without this code: the 32-bit
// hashes by hand from the algorithm (FNV-1a with signed bytes, in Python), the buckets and n-gram lists from
// the real fastText 0.9.2 (`get_subwords` on a model with 2,000,000 buckets, minn 1, maxn 6; see
// Fixtures/fasttext/make_fixture.py, which prints them).
import EmbedTestSupport
import XCTest
@testable import EmbedVectors

final class FastTextHashTests: XCTestCase {
    /// (text, fastText's hash). The second column for non-ASCII text is what plain FNV-1a (unsigned bytes)
    /// gives instead: the sign extension changes it.
    static let hashes: [(String, UInt32, UInt32?)] = [
        ("", 2_166_136_261, nil), ("a", 3_826_002_220, nil), ("<a", 1_761_008_750, nil), ("<a>", 2_359_087_600, nil),
        ("the", 3_020_861_980, nil), ("<the>", 4_243_648_960, nil),
        ("café", 1_970_454_601, 2_821_410_889), ("é", 1_023_043_777, 513_665_217), ("<é", 672_036_627, 1_990_897_939),
        ("中文", 1_907_909_189, 3_297_308_741), ("🙂", 570_329_163, 1_470_331_467), ("naïve>", 4_028_156_687, 3_799_693_583),
    ]

    func testHashOfASCIIAndNonASCIIText() {
        for (text, expected, unsigned) in Self.hashes {
            XCTAssertEqual(FastTextHash.hash(text), expected, text)
            if let unsigned {
                var plain: UInt32 = 2_166_136_261
                for b in text.utf8 { plain = (plain ^ UInt32(b)) &* 16_777_619 }
                XCTAssertEqual(plain, unsigned, "plain FNV-1a of \(text)")
                XCTAssertNotEqual(FastTextHash.hash(text), plain, "bytes >= 128 are sign-extended")
            }
        }
    }

    /// Buckets fastText 0.9.2 reported (id minus nwords) for 2,000,000 buckets: hash % 2,000,000.
    func testBucketsAgreeWithFastText() {
        let fastText: [(String, Int)] = [("a", 2220), ("<a", 1_008_750), ("<a>", 1_087_600), ("the", 861_980),
                                         ("<the>", 1_648_960), ("café", 454_601), ("é", 1_043_777), ("<é", 36627),
                                         ("中文", 1_909_189), ("🙂", 329_163), ("naïve>", 156_687)]
        for (text, bucket) in fastText { XCTAssertEqual(Int(FastTextHash.hash(text) % 2_000_000), bucket, text) }
    }

    func testNgramListsAsFastTextMakesThem() {
        let all = CharacterNgrams(minn: 1, maxn: 6, buckets: 2_000_000)
        // `<` and `>` alone are never n-grams; `<a>`, the whole marked word, is one.
        XCTAssertEqual(all.substrings(of: "a"), ["<a", "<a>", "a", "a>"])
        XCTAssertEqual(all.buckets(of: "a"), [1_008_750, 1_087_600, 2220, 1_614_806])
        XCTAssertEqual(all.substrings(of: "ab"), ["<a", "<ab", "<ab>", "a", "ab", "ab>", "b", "b>"])
        XCTAssertEqual(all.buckets(of: "ab"), [1_008_750, 209_508, 621_742, 2220, 271_946, 1_241_756, 335_077, 1_146_561])
        // Lengths count characters, not bytes: é is two bytes, 中 three, 🙂 four.
        XCTAssertEqual(all.substrings(of: "é"), ["<é", "<é>", "é", "é>"])
        XCTAssertEqual(all.buckets(of: "é"), [36627, 806_231, 1_043_777, 1_996_781])
        XCTAssertEqual(all.substrings(of: "中文"), ["<中", "<中文", "<中文>", "中", "中文", "中文>", "文", "文>"])
        XCTAssertEqual(all.buckets(of: "中文"), [752_166, 759_167, 1_688_531, 512_628, 1_909_189, 1_876_513, 262_894, 1_895_024])
        XCTAssertEqual(all.substrings(of: "🙂"), ["<🙂", "<🙂>", "🙂", "🙂>"])
        XCTAssertEqual(all.buckets(of: "🙂"), [342_961, 1_851_421, 329_163, 337_199])
        XCTAssertEqual(all.substrings(of: "café"), ["<c", "<ca", "<caf", "<café", "<café>", "c", "ca", "caf", "café",
                                                    "café>", "a", "af", "afé", "afé>", "f", "fé", "fé>", "é", "é>"])
        XCTAssertEqual(all.buckets(of: "café"), [1_453_512, 916_747, 1_991_831, 794_639, 17187, 1_557_458, 1_119_945,
                                                 369_661, 454_601, 761_685, 2220, 1_161_470, 960_362, 1_966_012,
                                                 1_224_601, 1_193_989, 1_609_697, 1_043_777, 1_996_781])
        // maxn 6 stops `<naïve>` (7 characters) from being an n-gram, though `<naïve` and `naïve>` are.
        XCTAssertEqual(all.buckets(of: "naïve"), [1_120_655, 1_806_890, 1_907_692, 878_190, 933_201, 1_445_553, 848_112,
                                                  1_590_546, 1_719_404, 832_043, 156_687, 2220, 657_750, 356_832,
                                                  1_223_007, 1_505_331, 599_015, 302_403, 1_711_570, 1_788_548,
                                                  1_666_505, 796_612, 1_088_654, 891_744, 458_490])
    }

    func testDefaultLengthsAndEdgeCases() {
        let ngrams = CharacterNgrams(minn: 3, maxn: 6, buckets: 2_000_000)
        XCTAssertEqual(ngrams.substrings(of: "café"), ["<ca", "<caf", "<café", "<café>", "caf", "café", "café>",
                                                       "afé", "afé>", "fé>"])
        XCTAssertEqual(ngrams.substrings(of: "a"), ["<a>"])
        XCTAssertEqual(ngrams.substrings(of: "where"), ["<wh", "<whe", "<wher", "<where", "whe", "wher", "where",
                                                        "where>", "her", "here", "here>", "ere", "ere>", "re>"])
        XCTAssertEqual(ngrams.buckets(of: "café"), ngrams.substrings(of: "café").map { Int(FastTextHash.hash($0) % 2_000_000) })
        XCTAssertEqual(CharacterNgrams(minn: 3, maxn: 3, buckets: 10).substrings(of: "中文"), ["<中文", "中文>"])
        XCTAssertTrue(CharacterNgrams(minn: 0, maxn: 0, buckets: 10).buckets(of: "word").isEmpty, "maxn 0: word-only")
        XCTAssertTrue(CharacterNgrams(minn: 3, maxn: 6, buckets: 0).buckets(of: "word").isEmpty, "no buckets")
        XCTAssertTrue(CharacterNgrams(minn: 7, maxn: 6, buckets: 10).isEmpty)
        XCTAssertEqual(CharacterNgrams(minn: 3, maxn: 6, buckets: 7).buckets(of: "where").allSatisfy { (0..<7).contains($0) }, true)
    }
}
