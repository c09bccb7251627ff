/// Integers written with a fixed number of digits, for every module above that formats
/// numbers without Foundation: dates ("2024-01-05"), hex dumps, escapes ("\u000a", "%0A").
extension FixedWidthInteger {
    /// Decimal digits, left-padded with zeros to at least `width` ("7" → "07"); a minus
    /// sign comes first.
    package func decimal(width: Int) -> String {
        let digits = String(magnitude)
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return self < 0 ? "-" + padded : padded
    }

    /// Hexadecimal digits of the magnitude, left-padded with zeros to at least `width`.
    package func hexadecimal(width: Int, uppercase: Bool = false) -> String {
        let digits = String(magnitude, radix: 16, uppercase: uppercase)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
