extension FixedWidthInteger {
    /// Parses ASCII decimal digits with an optional leading sign, refusing overflow.
    init?<Bytes: Collection<UInt8>>(parsing raw: Bytes) {
        var index = raw.startIndex
        var negative = false
        if index < raw.endIndex, raw[index] == UInt8(ascii: "-") || raw[index] == UInt8(ascii: "+") {
            negative = raw[index] == UInt8(ascii: "-")
            index = raw.index(after: index)
        }
        guard index < raw.endIndex else { return nil }
        var value: Self = 0
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Self(byte - 0x30)
            let (scaled, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative
                ? scaled.subtractingReportingOverflow(digit)
                : scaled.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            value = next
            index = raw.index(after: index)
        }
        self = value
    }
}
