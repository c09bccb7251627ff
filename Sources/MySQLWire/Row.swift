/// One row of a text result set. It keeps the packet it arrived in and the position of each
/// value; a value is decoded only when one of the accessors asks for it.
/// https://mariadb.com/kb/en/resultset-row/
public struct Row: Sendable {
    /// The result set's columns, shared by all its rows.
    public let columns: [ColumnDefinition]
    private let payload: [UInt8]
    /// Start and length of each value in `payload`; length −1 marks NULL.
    private let spans: [Span]

    struct Span: Sendable {
        var start: Int32
        var length: Int32
    }

    /// Splits a row packet into its values. The packet must hold exactly one value per column.
    public init(decoding payload: [UInt8], columns: [ColumnDefinition]) throws(MySQLError) {
        guard payload.count <= Int(Int32.max) else {
            throw .packetTooLarge(size: payload.count, limit: Int(Int32.max))
        }
        var reader = ByteReader(payload, context: "row")
        var spans: [Span] = []
        spans.reserveCapacity(columns.count)
        for _ in 0..<columns.count {
            if let length = try reader.readLengthEncodedIntegerOrNull() {
                let range = try reader.skipRange(length)
                spans.append(Span(start: Int32(range.lowerBound), length: Int32(range.count)))
            } else {
                spans.append(Span(start: Int32(reader.offset), length: -1))
            }
        }
        guard reader.isAtEnd else {
            throw .malformed("row: \(reader.remaining) byte(s) left after \(columns.count) column(s)")
        }
        self.columns = columns
        self.payload = payload
        self.spans = spans
    }

    /// Number of values, equal to the number of columns.
    public var count: Int { spans.count }

    /// The index of the column named `name`, if there is one.
    public func index(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    public func isNull(_ index: Int) throws(MySQLError) -> Bool {
        try span(index).length < 0
    }

    /// The raw bytes of a value, or nil for NULL.
    public func bytes(_ index: Int) throws(MySQLError) -> ArraySlice<UInt8>? {
        let span = try span(index)
        guard span.length >= 0 else { return nil }
        let start = Int(span.start)
        return payload[start..<(start + Int(span.length))]
    }

    /// The value as text (UTF-8, invalid sequences replaced), or nil for NULL.
    public func string(_ index: Int) throws(MySQLError) -> String? {
        guard let raw = try bytes(index) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    /// A whole number (integer columns, YEAR, or any text that is one), or nil for NULL.
    public func int64(_ index: Int) throws(MySQLError) -> Int64? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = Int64(parsing: raw) else { throw invalid(index, "\"\(text(raw))\" is not a 64-bit integer") }
        return value
    }

    /// An unsigned whole number (BIGINT UNSIGNED reaches 2^64 − 1), or nil for NULL.
    public func uint64(_ index: Int) throws(MySQLError) -> UInt64? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = UInt64(parsing: raw) else { throw invalid(index, "\"\(text(raw))\" is not an unsigned 64-bit integer") }
        return value
    }

    /// A FLOAT, DOUBLE or DECIMAL value as a Double, or nil for NULL.
    public func double(_ index: Int) throws(MySQLError) -> Double? {
        guard let raw = try bytes(index) else { return nil }
        guard raw.count <= 400, let value = Double(text(raw)) else {
            throw invalid(index, "\"\(text(raw.prefix(40)))\" is not a number")
        }
        return value
    }

    /// A DECIMAL value exactly as the server wrote it (a Double would round it), or nil.
    public func decimalText(_ index: Int) throws(MySQLError) -> String? {
        guard let raw = try bytes(index) else { return nil }
        var scanner = raw.makeIterator()
        var sawDigit = false
        var index0 = 0
        while let byte = scanner.next() {
            defer { index0 += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-") where index0 == 0, UInt8(ascii: "."): continue
            default: throw invalid(index, "\"\(text(raw.prefix(40)))\" is not a decimal")
            }
        }
        guard sawDigit else { throw invalid(index, "empty decimal") }
        return text(raw)
    }

    /// A DATE value, or nil for NULL.
    public func date(_ index: Int) throws(MySQLError) -> MySQLDate? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLDate(text: raw) else { throw invalid(index, "\"\(text(raw.prefix(40)))\" is not a DATE") }
        return value
    }

    /// A TIME value, or nil for NULL.
    public func time(_ index: Int) throws(MySQLError) -> MySQLTime? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLTime(text: raw) else { throw invalid(index, "\"\(text(raw.prefix(40)))\" is not a TIME") }
        return value
    }

    /// A DATETIME or TIMESTAMP value, or nil for NULL.
    public func dateTime(_ index: Int) throws(MySQLError) -> MySQLDateTime? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLDateTime(text: raw) else {
            throw invalid(index, "\"\(text(raw.prefix(40)))\" is not a DATETIME")
        }
        return value
    }

    private func span(_ index: Int) throws(MySQLError) -> Span {
        guard index >= 0, index < spans.count else {
            throw .invalidArgument("column index \(index) is out of range 0..<\(spans.count)")
        }
        return spans[index]
    }

    private func invalid(_ index: Int, _ reason: String) -> MySQLError {
        .invalidValue(column: columns[index].name, reason: reason)
    }

    private func text(_ raw: ArraySlice<UInt8>) -> String { String(decoding: raw, as: UTF8.self) }
}

extension FixedWidthInteger {
    /// Parses ASCII decimal digits with an optional leading sign, refusing overflow.
    init?(parsing raw: ArraySlice<UInt8>) {
        var index = raw.startIndex
        var negative = false
        if index < raw.endIndex, raw[index] == UInt8(ascii: "-") || raw[index] == UInt8(ascii: "+") {
            negative = raw[index] == UInt8(ascii: "-")
            index += 1
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
            index += 1
        }
        self = value
    }
}
