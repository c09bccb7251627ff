import Testing
import TextRules

@Suite("Digits")
struct DigitsTests {
    @Test("decimal digits padded to a width, the sign first", arguments: [
        (7, 2, "07"), (2024, 4, "2024"), (12345, 2, "12345"), (0, 6, "000000"), (-5, 3, "-005"), (-123, 2, "-123"),
    ])
    func decimal(value: Int, width: Int, expected: String) {
        #expect(value.decimal(width: width) == expected)
    }

    @Test("the extremes of a width keep every digit")
    func extremes() {
        #expect(Int64.min.decimal(width: 1) == "-9223372036854775808")
        #expect(UInt64.max.decimal(width: 22) == "0018446744073709551615")
        #expect(Int8.min.hexadecimal(width: 4) == "0080")
    }

    @Test("hexadecimal digits of the magnitude, padded; lower case unless asked", arguments: [
        (0x0A, 2, false, "0a"), (0x0A, 2, true, "0A"), (0x202E, 4, false, "202e"), (0x1F600, 4, false, "1f600"),
        (0, 8, false, "00000000"),
    ])
    func hexadecimal(value: UInt32, width: Int, uppercase: Bool, expected: String) {
        #expect(value.hexadecimal(width: width, uppercase: uppercase) == expected)
    }

    @Test("seconds as a person writes them", arguments: [(5.0, "5"), (0.5, "0.5"), (0, "0"), (86400, "86400"), (1.25, "1.25")])
    func seconds(value: Double, expected: String) {
        #expect(formatSeconds(value) == expected)
    }
}
