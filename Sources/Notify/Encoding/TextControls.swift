/// The characters that act instead of showing: C0 controls (line feed, ESC, NUL…), DEL, C1
/// controls, the Unicode line and paragraph separators, and the bidirectional embeddings,
/// overrides and isolates (U+202A–202E, U+2066–2069) that reorder what a reader sees. Text
/// from outside (a database value, a service's answer) that holds one of them is escaped
/// before it reaches a terminal, a log line, a chat message or a JSON document.
package enum TextControls {
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// True when `text` holds at least one such character.
    package static func occur(in text: String) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }
}
