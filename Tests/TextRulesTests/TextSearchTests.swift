import Testing
import TextRules

@Suite("Text search")
struct TextSearchTests {
    @Test("includes compares UTF-8 bytes: anywhere, at either end, never past the end", arguments: [
        ("5.5.5-10.11.6-MariaDB-log", "MariaDB", true), ("MariaDB", "MariaDB", true), ("Maria", "MariaDB", false),
        ("abc", "", true), ("", "", true), ("", "a", false), ("müller", "ll", true), ("mu\u{308}ller", "ü", false),
        ("ababac", "abac", true),
    ])
    func includes(text: String, needle: String, expected: Bool) {
        #expect(text.includes(needle) == expected)
    }

    @Test("after gives the text following the first occurrence, nil when there is none")
    func after() {
        #expect("key=value=more".after("=") == "value=more")
        #expect("Bearer token".after("Bearer ") == "token")
        #expect("no marker".after("#") == nil)
        #expect("ends with:".after(":") == "")
        #expect("日本語: text".after("語: ") == "text")
        #expect(Substring("a;b;c").dropFirst(2).after(";") == "c")
    }
}
