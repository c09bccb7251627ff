import Testing
import TextRules

@Suite("White space")
struct WhitespaceTests {
    @Test("leading and trailing white space goes, as Python's strip(); inner space stays", arguments: [
        ("  a b  ", "a b"), ("\t\r\n x \n", "x"), ("\u{00A0}\u{2003}x\u{3000}", "x"), ("   ", ""), ("", ""),
        ("x", "x"), ("\u{2028}x\u{85}", "x"),
    ])
    func trimmed(text: String, expected: String) {
        #expect(text.trimmingWhitespace() == expected)
    }
}
