// Role: estimates how wide a label renders (no font access when writing SVG), so layouts can leave room
// for it: per character class widths in em for a DejaVu/Helvetica-like sans, wide for CJK and emoji.
import EmbedCore

enum TextMetrics {
    /// Estimated advance width of `text` at `size` px, slightly generous so boxes do not touch.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for ch in text { em += width(of: ch) }
        return em * size * (bold ? 1.07 : 1.0)
    }

    private static func width(of ch: Character) -> Double {
        guard let u = ch.unicodeScalars.first else { return 0 }
        let v = u.value
        if v < 0x80 {
            switch u {
            case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!", "`": return 0.32
            case "f", "r", "t", "(", ")", "[", "]", "{", "}", "\"", " ", "-", "/", "\\": return 0.42
            case "m", "w", "M", "W", "@", "%": return 0.92
            case "A"..."Z", "&", "#": return 0.72
            case "0"..."9": return 0.64
            default: return 0.62
            }
        }
        if isWide(v) || ch.unicodeScalars.count > 1 && ch.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) {
            return 1.05
        }
        return 0.68
    }

    /// East Asian wide/fullwidth blocks and the emoji planes.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x2600...0x27BF, 0x1F000...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
