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
                    throw .malformed(.truncated(.row, needs: value, at: offset, of: end))
                }
                length = Int(value)
            default:
                throw .malformed(.rowLength(at: offset - 1))
            }
            guard length <= end - offset else {
                throw .malformed(.truncated(.row, needs: UInt64(length), at: offset, of: end))
            }
            spans[column] = RowSpan(start: Int32(offset), length: Int32(length))
            offset += length
        }
        guard offset == end else {
            throw .malformed(.rowLeftover(bytes: end - offset, columns: columns))
        }
    }

    private static func truncated(_ offset: Int, _ end: Int, _ columns: Int) -> MySQLError {
        .malformed(.rowEnds(at: offset, of: end, values: columns))
    }
}
