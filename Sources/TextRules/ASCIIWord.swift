extension StringProtocol {
    /// True when the text is not empty and every byte is an ASCII letter, a digit, or one of
    /// `others`: the one check behind every "plain name" rule (variable names, table names,
    /// zone names, host-name labels, URL label values).
    package func isASCIIWord(allowing others: String = "") -> Bool {
        let extra = Array(others.utf8)
        return !isEmpty && utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || extra.contains(byte)
        }
    }
}
