// Role: makes arbitrary text (words may hold &, <, quotes, control bytes) safe inside SVG/XML text and attributes.
import EmbedCore

enum XMLText {
    /// Escapes the five XML specials and replaces characters XML 1.0 forbids (C0 controls other than
    /// tab/newline/return, U+FFFE, U+FFFF) by U+FFFD. Everything else (emoji, CJK) passes through as UTF-8.
    static func escape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            default:
                let v = u.value
                let allowed = v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
                out.append(allowed ? u : "\u{FFFD}")
            }
        }
        return String(out)
    }
}
