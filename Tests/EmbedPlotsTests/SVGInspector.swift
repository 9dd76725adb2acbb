// Role: test helper: parses an SVG document with Foundation's XMLParser (so a malformed document fails the
// test) and exposes its elements and the text of its <text> nodes.
import EmbedCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element { let name: String; let attributes: [String: String] }
    private(set) var elements: [Element] = []
    /// Content of each <text> element, in document order, with entities decoded by the parser.
    private(set) var texts: [String] = []
    private var inText = false
    private var current = ""

    /// Parses `svg`; records an XCTest failure (and returns nil) when it is not well-formed XML.
    static func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> SVGInspector? {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        guard parser.parse() else {
            XCTFail("SVG is not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")", file: file, line: line)
            return nil
        }
        return inspector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
        if name == "text" { inText = true; current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current); inText = false }
    }

    func count(_ name: String) -> Int { elements.filter { $0.name == name }.count }
}
