import Testing
import TextRules

@Suite("Control characters")
struct ControlCharactersTests {
    @Test("the set: C0, DEL, C1, the line and paragraph separators, bidi embeddings, overrides and isolates",
          arguments: [0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0x2028, 0x2029, 0x202A, 0x202E,
                      0x2066, 0x2069] as [UInt32])
    func inTheSet(value: UInt32) throws {
        #expect(ControlCharacters.contains(try #require(Unicode.Scalar(value))))
    }

    @Test("its edges stay out: space, tilde, NBSP, U+2027, U+202F, U+2065, U+206A, ZWJ, U+FFFD",
          arguments: [0x20, 0x7E, 0xA0, 0x2027, 0x202F, 0x2065, 0x206A, 0x200D, 0xFFFD] as [UInt32])
    func outOfTheSet(value: UInt32) throws {
        #expect(!ControlCharacters.contains(try #require(Unicode.Scalar(value))))
    }

    @Test("occur finds one anywhere; the named difference lets only the tab through")
    func occur() {
        #expect(ControlCharacters.occur(in: "a\u{202E}b"))
        #expect(!ControlCharacters.occur(in: "müller 日本"))
        #expect(ControlCharacters.occur(in: "a\tb"))
        #expect(!ControlCharacters.occur(in: "a\tb", except: ControlCharacters.tab))
        #expect(ControlCharacters.occur(in: "a\tb\r", except: ControlCharacters.tab))
        #expect(ControlCharacters.occur(in: Substring("xx\u{0}").dropFirst()))
    }
}
