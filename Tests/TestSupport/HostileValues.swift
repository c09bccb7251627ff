/// Values a hostile account could write into the backups table, each meant to break out of
/// an output: start a line, close the Zulip code fence and mention everyone, colour or rewrite
/// a terminal, reorder what a reader sees, cut a C string, or simply be long.
package enum HostileValues {
    /// The fence breakout of the issue: a newline, a closing fence, a mention and a live link.
    package static let fenceBreakout = "x\n```\n@**all** [click](https://evil.example)\n```"

    /// (name, value), each short enough for a VARCHAR(255) target.
    package static let short: [(name: String, value: String)] = [
        ("fence breakout", fenceBreakout),
        ("carriage return", "ok.example.test\rforged line"),
        ("escape sequence", "\u{1b}[31mred\u{1b}[0m.example.test"),
        ("title and clear", "\u{1b}]0;owned\u{07}\u{1b}[2Jcleared"),
        ("bidi override", "evil\u{202e}tset.elpmaxe.doog"),
        ("bidi isolate", "a\u{2066}b\u{2069}c"),
        ("NUL", "before\u{0}after"),
        ("line separator", "one\u{2028}two\u{2029}three"),
        ("C1 and DEL", "next\u{85}line\u{7f}del\u{9b}31m"),
        ("backslashes and a tab", "back\\slash\\n\tand 'both' \"quotes\""),
    ]

    /// A value of 64 KiB whose control characters sit at both ends, so that escaping is seen
    /// to reach the end of a long value.
    package static let long = "\u{1b}[1m" + String(repeating: "A", count: 64 * 1024 - 16) + "\n```\n@**all**"

    /// Values without any control character: written unchanged everywhere.
    package static let plain: [String] = ["müller-backup.example.test", "back\\slash.example.test", "@**all**", "```",
                                         "it's \"quoted\"", "日本語.example.test"]
}
