import Notify
import TextRules

/// What the database holds is data, never markup or terminal control. A value that holds a
/// control character (C0, DEL, C1, U+2028/2029, a bidirectional override or isolate) is written
/// as the inside of Python's repr of it, without the quotes — `\n`, `\r`, `\t`, `\x1b`,
/// `\u202e`, and a backslash as `\\`, so that the text `\n` and a newline never look alike — so
/// no value can start a line, close the Zulip code fence, mention `@**all**` outside it, or
/// colour a terminal. Any other value, non-ASCII letters and backslashes included, is written
/// unchanged (as tabulate and the seed wrote it).
///
/// The one place every output writes outside text through: the report's lines, table and
/// grid (stdout, Zulip, every destination, the heartbeat body), stderr's log lines, and
/// metrics labels.
package enum DataText {
    package static func escaped(_ value: String) -> String {
        guard ControlCharacters.occur(in: value) else { return value }
        return String(PythonText.stringRepr(value).dropFirst().dropLast())
    }
}
