/// Rows read in place, one at a time, from the connection's read buffer.
extension Connection {
    /// Runs a statement that returns rows and hands each row to `body` as it arrives, borrowed
    /// from the read buffer: memory stays flat however many rows there are. Returns the columns.
    ///
    /// When `body` throws, the rows still on the wire are read and dropped, so the connection
    /// stays in step for the next command, and then the error is rethrown.
    @discardableResult
    public func forEachRow(
        _ sql: String, _ body: (RowView) throws(MySQLError) -> Void
    ) throws(MySQLError) -> [ColumnDefinition] {
        do { return try streamingRows(sql, body) } catch { throw error.during(.query) }
    }

    private func streamingRows(
        _ sql: String, _ body: (RowView) throws(MySQLError) -> Void
    ) throws(MySQLError) -> [ColumnDefinition] {
        try send(.query, argument: Array(sql.utf8))
        var bodyError: MySQLError?
        let columns: [ColumnDefinition]
        do throws(MySQLError) {
            columns = try readRows { (row) throws(MySQLError) in
                do throws(MySQLError) { try body(row) } catch {
                    bodyError = error
                    return false
                }
                return true
            }
        } catch {
            switch error {
            case .server, .unexpectedResult: break  // the answer ended as the protocol says
            default: closeAfterFailure()
            }
            throw error
        }
        if let bodyError { throw bodyError }
        return columns
    }

    /// Reads the answer to a query, handing rows to `onRow` until it returns false, then
    /// reading the rest without looking at it.
    private func readRows(_ onRow: (RowView) throws(MySQLError) -> Bool) throws(MySQLError) -> [ColumnDefinition] {
        var decoder = TextResultDecoder(capabilities: capabilities)
        // The header and the column definitions, through the ordinary decoder.
        while !decoder.isReadingRows {
            if try decoder.consume(channel.readPayload()) {
                throw .unexpectedResult("the statement returned no rows")
            }
        }
        let columns = decoder.currentColumns
        let spans = UnsafeMutableBufferPointer<RowSpan>.allocate(capacity: max(columns.count, 1))
        defer { spans.deallocate() }
        var wanted = true
        try columns.withUnsafeBufferPointer { (columnView) throws(MySQLError) in
            let rowSpans = UnsafeBufferPointer(rebasing: spans[0..<columns.count])
            while true {
                let payload = try channel.borrowPayload()
                switch RowPacket(first: payload.first, count: payload.count, capabilities: capabilities) {
                case .end:
                    _ = try decoder.consume(Array(payload))
                    return
                case .error:
                    throw .server(try ErrPacket(decoding: Array(payload), capabilities: capabilities).error)
                case .row:
                    guard wanted else { continue }
                    try TextRowScanner.scan(payload, columns: columns.count, into: spans)
                    wanted = try onRow(RowView(columns: columnView, payload: payload, spans: rowSpans))
                }
            }
        }
        // A procedure's further results are read and dropped: the rows were of the first.
        while !decoder.isComplete { _ = try decoder.consume(channel.readPayload()) }
        return columns
    }
}
