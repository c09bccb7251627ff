/// The one set of characters that act instead of showing: C0 controls (line feed, ESC, NUL,
/// tab…), DEL, C1 controls, the Unicode line and paragraph separators, and the bidirectional
/// embeddings, overrides and isolates (U+202A–202E, U+2066–2069) that reorder what a reader
/// sees. Every rule about control characters is this set: a setting, an expected-list line, an
/// HTTP header or a notify URL that holds one is refused; outside text (a database value, a
/// server's or a service's answer) that holds one is escaped or shown as `?`. A format that
/// needs a difference names it here (`tab`), rather than writing a table of its own.
package enum ControlCharacters {
    /// True for a character of the set.
    package static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The one difference a format may make: the tab, white space between the fields of a line
    /// (the expected list lets it through; settings and HTTP headers do not).
    package static let tab: Unicode.Scalar = "\t"

    /// True when `text` holds at least one character of the set other than `allowed`.
    package static func occur(in text: some StringProtocol, except allowed: Unicode.Scalar? = nil) -> Bool {
        text.unicodeScalars.contains { $0 != allowed && contains($0) }
    }
}
