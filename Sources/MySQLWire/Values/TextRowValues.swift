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
        guard let value = Int64(parsing: raw) else { throw invalid(index, raw, .int64) }
        return value
    }

    /// An unsigned whole number (BIGINT UNSIGNED reaches 2^64 − 1), or nil for NULL.
    public func uint64(_ index: Int) throws(MySQLError) -> UInt64? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = UInt64(parsing: raw) else { throw invalid(index, raw, .uint64) }
        return value
    }

    /// A FLOAT, DOUBLE or DECIMAL value as a Double, or nil for NULL.
    public func double(_ index: Int) throws(MySQLError) -> Double? {
        guard let raw = try bytes(index) else { return nil }
        guard raw.count <= 400, let value = Double(String(decoding: raw, as: UTF8.self)) else {
            throw invalid(index, raw, .number)
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
            default: throw invalid(index, raw, .decimal)
            }
        }
        guard sawDigit else { throw invalid(index, raw, .decimal) }
        return String(decoding: raw, as: UTF8.self)
    }

    /// A DATE value, or nil for NULL.
    public func date(_ index: Int) throws(MySQLError) -> MySQLDate? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLDate(text: raw) else { throw invalid(index, raw, .date) }
        return value
    }

    /// A TIME value, or nil for NULL.
    public func time(_ index: Int) throws(MySQLError) -> MySQLTime? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLTime(text: raw) else { throw invalid(index, raw, .time) }
        return value
    }

    /// A DATETIME or TIMESTAMP value, or nil for NULL.
    public func dateTime(_ index: Int) throws(MySQLError) -> MySQLDateTime? {
        guard let raw = try bytes(index) else { return nil }
        guard let value = MySQLDateTime(text: raw) else { throw invalid(index, raw, .dateTime) }
        return value
    }

    private func invalid(_ index: Int, _ raw: ValueBytes, _ kind: ValueKind) -> MySQLError {
        let name = index < columns.count ? columns[index].name : "#\(index)"
        return .invalidValue(column: name, value: String(decoding: raw.prefix(40), as: UTF8.self), expected: kind)
    }
}
