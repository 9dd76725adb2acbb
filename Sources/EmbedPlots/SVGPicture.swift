// Role: what every picture shares: it renders to an SVG string and writes itself atomically to a file.
import EmbedCore
import EmbedStreams

/// A picture that renders itself as an SVG document and can write it to a file atomically.
public protocol SVGPicture {
    /// The whole SVG document (UTF-8 text, XML-escaped labels).
    func svg() -> String
}

extension SVGPicture {
    /// Writes the SVG through AtomicOutput: temp file + rename, so a failed run leaves no partial picture
    /// (and a path ending in .zst is compressed). "-" writes to stdout. Throws `InputError` when the file cannot
    /// be written.
    public func write(to path: String) throws {
        let out = try AtomicOutput(path: path)
        do {
            try out.write(svg())
            try out.commit()
        } catch {
            out.abort()
            throw error
        }
    }
}

/// Colours used across pictures (colour-blind-safe Okabe-Ito hues, then greys).
enum Palette {
    static let series = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"]
    static let text = "#222222", muted = "#666666"
}
