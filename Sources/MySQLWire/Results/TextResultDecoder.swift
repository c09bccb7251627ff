/// Turns the packets that answer COM_QUERY into results: a state machine that is fed one
/// payload at a time and says when the answer is complete, so it is testable without a socket.
/// https://mariadb.com/kb/en/result-set-packets/
package struct TextResultDecoder {
    /// MySQL and MariaDB allow at most 4096 columns in a table or result.
    package static let maxColumns = 4096

    private enum State {
        case awaitingHeader
        case columns(expected: Int, received: [ColumnDefinition])
        case awaitingColumnsEOF([ColumnDefinition])
        case rows([ColumnDefinition], [Row])
        case done
    }

    private let capabilities: Capabilities
    private var state = State.awaitingHeader
    /// Results completed so far, one per statement.
    package private(set) var results: [QueryResult] = []

    package init(capabilities: Capabilities) {
        self.capabilities = capabilities
    }

    package var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// True once the column definitions are in and rows come next.
    var isReadingRows: Bool {
        if case .rows = state { return true }
        return false
    }

    /// The columns of the result set being read.
    var currentColumns: [ColumnDefinition] {
        switch state {
        case let .rows(columns, _), let .awaitingColumnsEOF(columns): return columns
        case let .columns(_, received): return received
        default: return []
        }
    }

    /// Consumes the next payload; returns true when the whole answer has arrived.
    package mutating func consume(_ payload: [UInt8]) throws(MySQLError) -> Bool {
        switch state {
        case .awaitingHeader:
            try consumeHeader(payload)
        case let .columns(expected, received):
            if ErrPacket.isErr(payload) { throw try serverError(payload) }
            var columns = received
            columns.append(try ColumnDefinition(decoding: payload))
            if columns.count < expected {
                state = .columns(expected: expected, received: columns)
            } else if capabilities.contains(.deprecateEOF) {
                state = .rows(columns, [])
            } else {
                state = .awaitingColumnsEOF(columns)
            }
        case let .awaitingColumnsEOF(columns):
            guard EOFPacket.isEOF(payload) else {
                if ErrPacket.isErr(payload) { throw try serverError(payload) }
                throw .malformed(.noEOFAfterColumns(columns.count))
            }
            state = .rows(columns, [])
        case .rows(let columns, var rows):
            state = .done  // release the array so appending does not copy it
            switch RowPacket(first: payload.first, count: payload.count, capabilities: capabilities) {
            case .error:
                throw try serverError(payload)
            case .end:
                let status: ServerStatus
                let warnings: UInt16
                if capabilities.contains(.deprecateEOF) {
                    let ok = try OKPacket(decoding: payload, capabilities: capabilities)
                    (status, warnings) = (ok.status, ok.warnings)
                } else {
                    let eof = try EOFPacket(decoding: payload)
                    (status, warnings) = (eof.status, eof.warnings)
                }
                results.append(.rows(ResultSet(columns: columns, rows: rows, status: status, warnings: warnings)))
                state = status.contains(.moreResultsExist) ? .awaitingHeader : .done
            case .row:
                rows.append(try Row(decoding: payload, columns: columns))
                state = .rows(columns, rows)
            }
        case .done:
            throw .malformed(.packetAfterResult)
        }
        return isComplete
    }

    private mutating func consumeHeader(_ payload: [UInt8]) throws(MySQLError) {
        guard let first = payload.first else { throw .malformed(.emptyResultPacket) }
        switch first {
        case 0x00:
            let ok = try OKPacket(decoding: payload, capabilities: capabilities)
            results.append(.ok(StatementOutcome(ok)))
            state = ok.status.contains(.moreResultsExist) ? .awaitingHeader : .done
        case 0xFF:
            throw try serverError(payload)
        case 0xFB:
            throw .unsupported("the server asked for a local file (LOAD DATA LOCAL INFILE), which this client never sends")
        default:
            var reader = ByteReader(payload, packet: .columnCount)
            let count = try reader.readLengthEncodedInteger()
            guard reader.isAtEnd else { throw .malformed(.columnCountLeftover(extra: reader.remaining)) }
            guard count > 0, count <= UInt64(TextResultDecoder.maxColumns) else {
                throw .malformed(.columnCount(count, limit: TextResultDecoder.maxColumns))
            }
            state = .columns(expected: Int(count), received: [])
        }
    }

    private func serverError(_ payload: [UInt8]) throws(MySQLError) -> MySQLError {
        .server(try ErrPacket(decoding: payload, capabilities: capabilities).error)
    }
}

/// What a packet among the rows of a result set is. The one place that tells a row from the
/// end of the rows and from an error, for the decoder and for rows read in place.
enum RowPacket {
    case row, end, error

    /// The end is EOF (0xFE, < 9 bytes) classically, or an OK with the 0xFE header under
    /// CLIENT_DEPRECATE_EOF. A row packet of 16 MiB − 1 bytes or more may also start with 0xFE
    /// (an 8-byte length), so length decides. An empty packet is a row, which the row scanner
    /// then refuses.
    init(first: UInt8?, count: Int, capabilities: Capabilities) {
        switch first {
        case 0xFF: self = .error
        case 0xFE where count < (capabilities.contains(.deprecateEOF) ? PacketChannel.maxFragment : 9): self = .end
        default: self = .row
        }
    }
}
