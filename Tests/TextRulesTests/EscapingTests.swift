import Testing
import TextRules

@Suite("Escaping")
struct EscapingTests {
    @Test("each character the table names is replaced, every other kept, in order, to the end")
    func table() {
        let doubled = { (scalar: Unicode.Scalar) -> String? in scalar == "a" ? "[a]" : scalar == "\u{1F600}" ? "<smile>" : nil }
        #expect("banana".escaped(by: doubled) == "b[a]n[a]n[a]")
        #expect("x\u{1F600}é\u{301}".escaped(by: doubled) == "x<smile>é\u{301}")
        #expect("".escaped(by: doubled) == "")
        let long = String(repeating: "b", count: 70_000) + "a"
        #expect(long.escaped(by: doubled) == String(repeating: "b", count: 70_000) + "[a]")
    }
}
