// Role: entities read from tags as conlleval reads them (hand-worked cases, including an I-X starting an
// entity, adjacent same-type entities in IOB1, type changes, IOBES singletons), scheme detection and the
// conversions between IOB1, IOB2 and IOBES.
@testable import EmbedTagger
import XCTest

final class SpanTests: XCTestCase {
    func tags(_ text: String) -> [ChunkTag] { text.split(separator: " ").map { ChunkTag($0)! } }
    func span(_ type: String, _ start: Int, _ end: Int) -> EntitySpan { EntitySpan(type: type, start: start, end: end) }

    func testIOB2Entities() {
        XCTAssertEqual(EntitySpans.spans(tags("B-PER I-PER O B-LOC")), [span("PER", 0, 2), span("LOC", 3, 4)])
        XCTAssertEqual(EntitySpans.spans(tags("B-PER B-PER I-PER")), [span("PER", 0, 1), span("PER", 1, 3)])
        XCTAssertEqual(EntitySpans.spans(tags("O O")), [])
    }

    /// conlleval: an I-X after O (or at the start, or after another type) starts an entity.
    func testIXStartsAnEntity() {
        XCTAssertEqual(EntitySpans.spans(tags("O I-PER I-PER O")), [span("PER", 1, 3)])
        XCTAssertEqual(EntitySpans.spans(tags("I-ORG O")), [span("ORG", 0, 1)])
        XCTAssertEqual(EntitySpans.spans(tags("B-PER I-LOC I-LOC")), [span("PER", 0, 1), span("LOC", 1, 3)])
    }

    /// IOB1: adjacent entities of the same type are separated by B-X.
    func testAdjacentSameTypeEntitiesInIOB1() {
        XCTAssertEqual(EntitySpans.spans(tags("I-PER I-PER B-PER O I-LOC")),
                       [span("PER", 0, 2), span("PER", 2, 3), span("LOC", 4, 5)])
        XCTAssertEqual(EntitySpans.spans(tags("I-PER I-PER I-PER")), [span("PER", 0, 3)])
    }

    func testIOBESEntities() {
        XCTAssertEqual(EntitySpans.spans(tags("S-PER S-PER B-LOC I-LOC E-LOC O")),
                       [span("PER", 0, 1), span("PER", 1, 2), span("LOC", 2, 5)])
        XCTAssertEqual(EntitySpans.spans(tags("B-X E-X B-X E-X")), [span("X", 0, 2), span("X", 2, 4)])
        XCTAssertEqual(EntitySpans.spans(tags("O E-X")), [span("X", 1, 2)], "E-X after O starts one")
        XCTAssertEqual(EntitySpans.spans(tags("B-X O")), [span("X", 0, 1)], "an unfinished entity still counts")
    }

    func testConversions() {
        let iob1 = tags("I-PER I-PER B-PER O I-LOC I-ORG")
        let iob2 = tags("B-PER I-PER B-PER O B-LOC B-ORG")
        let iobes = tags("B-PER E-PER S-PER O S-LOC S-ORG")
        XCTAssertEqual(EntitySpans.convert(iob1, to: .iob2), iob2)
        XCTAssertEqual(EntitySpans.convert(iob2, to: .iob1), iob1)
        XCTAssertEqual(EntitySpans.convert(iob2, to: .iobes), iobes)
        XCTAssertEqual(EntitySpans.convert(iobes, to: .iob2), iob2)
        XCTAssertEqual(EntitySpans.convert(iobes, to: .iob1), iob1)
        XCTAssertEqual(EntitySpans.convert(tags("B-X I-X I-X O"), to: .iobes), tags("B-X I-X E-X O"))
    }

    func testSchemeDetection() {
        XCTAssertEqual(TagScheme.detect([tags("O B-PER I-PER"), tags("B-LOC")]), .iob2)
        XCTAssertEqual(TagScheme.detect([tags("O I-PER I-PER B-PER"), tags("I-LOC")]), .iob1)
        XCTAssertEqual(TagScheme.detect([tags("O S-PER"), tags("B-LOC E-LOC")]), .iobes)
        XCTAssertEqual(TagScheme.detect([tags("O O")]), .iob2, "nothing tells: IOB2")
        XCTAssertEqual(TagScheme.detect([tags("I-PER B-PER")]), .iob1, "B only between same-type entities")
    }

    func testTagParsing() {
        XCTAssertEqual(ChunkTag("B-fromloc.city_name"), ChunkTag(kind: .begin, type: "fromloc.city_name"))
        XCTAssertEqual(ChunkTag("O"), .outside)
        for bad in ["X-PER", "B-", "B", "o", "BPER", "B_PER", "I"] { XCTAssertNil(ChunkTag(Substring(bad)), bad) }
    }

    func testTagSetEncodesEntities() {
        let set = TagSet(types: ["LOC", "PER"], encoding: .iobes)
        let ids = set.encode([span("PER", 0, 2), span("LOC", 3, 4), span("MISC", 4, 5)], length: 5)
        XCTAssertEqual(ids.map { set.tag(Int($0)).text }, ["B-PER", "E-PER", "O", "S-LOC", "O"], "unknown types are O")
        XCTAssertEqual(set.spans(ids), [span("PER", 0, 2), span("LOC", 3, 4)])
    }
}
