import Testing
import TextRules

@Suite("Plain words")
struct PlainWordTests {
    @Test("letters and digits of ASCII, and only the others named, make a word", arguments: [
        ("backups", "", true), ("list_2024", "_", true), ("Europe/Berlin", "/_-+", true), ("a.b", "", false),
        ("", "_", false), ("müller", "", false), ("a b", "", false), ("a\u{0}b", "", false), ("٣", "", false),
    ])
    func word(text: String, others: String, expected: Bool) {
        #expect(text.isASCIIWord(allowing: others) == expected)
        #expect(Substring(text).isASCIIWord(allowing: others) == expected)
    }
}
