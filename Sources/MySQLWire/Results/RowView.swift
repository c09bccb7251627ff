/// A row borrowed from the connection's read buffer while rows stream (`Connection.forEachRow`):
/// no copy and no allocation per row. Valid only inside the callback that receives it; copy
/// what you need to keep (`string(_:)`, `int64(_:)`, … return owned values).
public struct RowView: TextRowValues {
    /// The result set's columns, borrowed like the row.
    public let columns: UnsafeBufferPointer<ColumnDefinition>
    @usableFromInline let payload: UnsafeRawBufferPointer
    @usableFromInline let spans: UnsafeBufferPointer<RowSpan>

    init(columns: UnsafeBufferPointer<ColumnDefinition>, payload: UnsafeRawBufferPointer,
         spans: UnsafeBufferPointer<RowSpan>) {
        self.columns = columns
        self.payload = payload
        self.spans = spans
    }

    /// Number of values, equal to the number of columns.
    @inlinable public var count: Int { spans.count }

    /// The raw bytes of a value, or nil for NULL. Borrowed like the row itself.
    @inlinable
    public func bytes(_ index: Int) throws(MySQLError) -> UnsafeRawBufferPointer? {
        guard index >= 0, index < spans.count else {
            throw .invalidArgument("column index \(index) is out of range 0..<\(spans.count)")
        }
        let span = spans[index]
        guard span.length >= 0 else { return nil }
        return UnsafeRawBufferPointer(rebasing: payload[Int(span.start)..<(Int(span.start) + Int(span.length))])
    }
}
