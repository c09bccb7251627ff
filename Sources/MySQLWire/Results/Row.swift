/// One row of a text result set, owned: it keeps the packet it arrived in and where each value
/// lies; a value is decoded only when an accessor (see `TextRowValues`) asks for it.
/// https://mariadb.com/kb/en/resultset-row/
public struct Row: TextRowValues, Sendable {
    /// The result set's columns, shared by all its rows.
    public let columns: [ColumnDefinition]
    private let payload: [UInt8]
    private let spans: [RowSpan]

    /// Splits a row packet into its values. The packet must hold exactly one value per column.
    package init(decoding payload: [UInt8], columns: [ColumnDefinition]) throws(MySQLError) {
        var spans = [RowSpan](repeating: RowSpan(start: 0, length: -1), count: columns.count)
        var failure: MySQLError?
        payload.withUnsafeBytes { raw in
            spans.withUnsafeMutableBufferPointer { room in
                do throws(MySQLError) {
                    try TextRowScanner.scan(raw, columns: columns.count, into: room)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
        self.columns = columns
        self.payload = payload
        self.spans = spans
    }

    /// Number of values, equal to the number of columns.
    public var count: Int { spans.count }

    /// The raw bytes of a value, or nil for NULL.
    public func bytes(_ index: Int) throws(MySQLError) -> ArraySlice<UInt8>? {
        guard index >= 0, index < spans.count else {
            throw .invalidArgument("column index \(index) is out of range 0..<\(spans.count)")
        }
        let span = spans[index]
        guard span.length >= 0 else { return nil }
        let start = Int(span.start)
        return payload[start..<(start + Int(span.length))]
    }
}
