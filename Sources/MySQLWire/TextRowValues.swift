/// Where each value of a text row lies: start and length in the row packet, length −1 for NULL.
@usableFromInline
struct RowSpan: Sendable {
    @usableFromInline var start: Int32
    @usableFromInline var length: Int32

    @usableFromInline init(start: Int32, length: Int32) {
        self.start = start
        self.length = length
    }
}

/// Splits a text row packet into its values: one length-encoded string or 0xFB (NULL) per
/// column, bounds-checked, nothing left over. Shared by `Row` and `RowView`.
/// https://mariadb.com/kb/en/resultset-row/#text-resultset-row
enum TextRowScanner {
    /// Fills `spans` (which must hold `columns` entries) with where each value lies.
    static func scan(_ bytes: UnsafeRawBufferPointer, columns: Int,
                     into spans: UnsafeMutableBufferPointer<RowSpan>) throws(MySQLError) {
        guard bytes.count <= Int(Int32.max) else { throw .packetTooLarge(size: bytes.count, limit: Int(Int32.max)) }
        guard spans.count >= columns else { throw .invalidArgument("row: room for \(spans.count) of \(columns) values") }
        let end = bytes.count
        var offset = 0
        for column in 0..<columns {
            guard offset < end else { throw truncated(offset, end, columns) }
            let first = bytes[offset]
            offset += 1
            var length: Int
            switch first {
            case 0..<0xFB:
                length = Int(first)
            case 0xFB:
                spans[column] = RowSpan(start: Int32(offset), length: -1)
                continue
            case 0xFC, 0xFD, 0xFE:
                let width = first == 0xFC ? 2 : first == 0xFD ? 3 : 8
                guard end - offset >= width else { throw truncated(offset, end, columns) }
                var value: UInt64 = 0
                for index in 0..<width { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
                offset += width
                guard value <= UInt64(end - offset) else {
                    throw .malformed("row: needs \(value) more byte(s) at byte \(offset) of \(end)")
                }
                length = Int(value)
            default:
                throw .malformed("row: 0xFF is not a length at byte \(offset - 1)")
            }
            guard length <= end - offset else {
                throw .malformed("row: needs \(length) more byte(s) at byte \(offset) of \(end)")
            }
            spans[column] = RowSpan(start: Int32(offset), length: Int32(length))
            offset += length
        }
        guard offset == end else {
            throw .malformed("row: \(end - offset) byte(s) left after \(columns) column(s)")
        }
    }

    private static func truncated(_ offset: Int, _ end: Int, _ columns: Int) -> MySQLError {
        .malformed("row: ends at byte \(offset) of \(end) before its \(columns) value(s)")
    }
}

/// The typed accessors of a text row, shared by `Row` (owned) and `RowView` (borrowed). Values
/// arrive as text; each accessor decodes on demand and throws when the text is not of its type.
public protocol TextRowValues {
    associatedtype ValueBytes: Collection<UInt8> where ValueBytes.Index == Int
    associatedtype Columns: RandomAccessCollection<ColumnDefinition> where Columns.Index == Int
    /// The columns of the result set.
    var columns: Columns { get }
    /// The raw bytes of value `index`, or nil for NULL.
    func bytes(_ index: Int) throws(MySQLError) -> ValueBytes?
}

extension TextRowValues {
    /// The index of the column named `name`, if there is one.
    public func index(of name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    public func isNull(_ index: Int) throws(MySQLError) -> Bool {
        try bytes(index) == nil
    }

    /// The value as text (UTF-8, invalid sequences replaced), or nil for NULL.
    public func string(_ index: Int) throws(MySQLError) -> String? {
        guard let raw = try bytes(index) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    /// A whole number (integer columns, YEAR, or any text that is one), or nil for NULL.
    public func int64(_ index: Int) throws(MySQLError) -> Int64? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = Int64(parsing: raw) else { throw invalid(index, raw, "a 64-bit integer") }
        return value
    }

    /// An unsigned whole number (BIGINT UNSIGNED reaches 2^64 − 1), or nil for NULL.
    public func uint64(_ index: Int) throws(MySQLError) -> UInt64? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = UInt64(parsing: raw) else { throw invalid(index, raw, "an unsigned 64-bit integer") }
        return value
    }

    /// A FLOAT, DOUBLE or DECIMAL value as a Double, or nil for NULL.
    public func double(_ index: Int) throws(MySQLError) -> Double? {
        guard let raw = try bytes(index) else { return nil }
        guard raw.count <= 400, let value = Double(String(decoding: raw, as: UTF8.self)) else {
            throw invalid(index, raw, "a number")
        }
        return value
    }

    /// A DECIMAL value exactly as the server wrote it (a Double would round it), or nil.
    public func decimalText(_ index: Int) throws(MySQLError) -> String? {
        guard let raw = try bytes(index) else { return nil }
        var sawDigit = false
        var sawPoint = false
        for (position, byte) in raw.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-") where position == 0: continue
            case UInt8(ascii: ".") where !sawPoint: sawPoint = true
            default: throw invalid(index, raw, "a decimal")
            }
        }
        guard sawDigit else { throw invalid(index, raw, "a decimal") }
        return String(decoding: raw, as: UTF8.self)
    }

    /// A DATE value, or nil for NULL.
    public func date(_ index: Int) throws(MySQLError) -> MySQLDate? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLDate(text: raw) else { throw invalid(index, raw, "a DATE") }
        return value
    }

    /// A TIME value, or nil for NULL.
    public func time(_ index: Int) throws(MySQLError) -> MySQLTime? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLTime(text: raw) else { throw invalid(index, raw, "a TIME") }
        return value
    }

    /// A DATETIME or TIMESTAMP value, or nil for NULL.
    public func dateTime(_ index: Int) throws(MySQLError) -> MySQLDateTime? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLDateTime(text: raw) else { throw invalid(index, raw, "a DATETIME") }
        return value
    }

    private func invalid(_ index: Int, _ raw: ValueBytes, _ kind: String) -> MySQLError {
        let name = index < columns.count ? columns[index].name : "#\(index)"
        return .invalidValue(column: name, reason: "\"\(String(decoding: raw.prefix(40), as: UTF8.self))\" is not \(kind)")
    }
}

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
