import Testing
@testable import MySQLWire

@Suite("Result packets")
struct ResultDecodingTests {
    static let columns = [
        ColumnDefinition(schema: "backups", table: "list", originalTable: "list", name: "id", originalName: "id",
                         characterSet: 63, length: 10, type: .long, flags: [.notNull, .primaryKey, .unsigned]),
        ColumnDefinition(schema: "backups", table: "list", originalTable: "list", name: "end_time",
                         originalName: "end_time", characterSet: 63, length: 10, type: .time),
    ]

    static func row(_ values: [String?]) -> [UInt8] {
        var writer = ByteWriter()
        for value in values {
            if let value { writer.writeLengthEncodedString(value) } else { writer.writeUInt8(0xFB) }
        }
        return writer.bytes
    }

    @Test("an ERR packet gives the code, SQLSTATE and message")
    func errPacket() throws {
        let payload: [UInt8] = [0xFF, 0x19, 0x04, UInt8(ascii: "#")] + Array("42000".utf8)
            + Array("Unknown database 'nope'".utf8)
        let error = try ErrPacket(decoding: payload, capabilities: [.protocol41]).error
        #expect(error == ServerError(code: 1049, sqlState: "42000", message: "Unknown database 'nope'"))
        #expect(error.description == "ERROR 1049 (42000): Unknown database 'nope'")
    }

    @Test("an ERR packet without SQLSTATE marker defaults to HY000; a truncated one is an error")
    func errPacketVariants() throws {
        let bare = try ErrPacket(decoding: [0xFF, 0x10, 0x04] + Array("Too many connections".utf8), capabilities: [])
        #expect(bare.error.sqlState == "HY000")
        #expect(bare.error.code == 1040)
        #expect(throws: MySQLError.malformed(.truncated(.errPacket, needs: 2, at: 1, of: 2))) {
            try ErrPacket(decoding: [0xFF, 0x10], capabilities: [])
        }
    }

    @Test("an OK packet gives affected rows, insert id, status, warnings and info")
    func okPacket() throws {
        var writer = ByteWriter()
        writer.writeUInt8(0)
        writer.writeLengthEncodedInteger(300)
        writer.writeLengthEncodedInteger(70_000)
        writer.writeUInt16(ServerStatus([.autocommit, .moreResultsExist]).rawValue)
        writer.writeUInt16(2)
        writer.writeBytes(Array("Rows matched: 1".utf8))
        let ok = try OKPacket(decoding: writer.bytes, capabilities: [.protocol41])
        #expect(ok == OKPacket(affectedRows: 300, lastInsertID: 70_000, status: [.autocommit, .moreResultsExist],
                               warnings: 2, info: "Rows matched: 1"))
        #expect(throws: MySQLError.malformed(.truncated(.okPacket, needs: 2, at: 2, of: 3))) {
            try OKPacket(decoding: [0, 0xFC, 1], capabilities: [.protocol41])
        }
        #expect(throws: MySQLError.malformed(.okHeader(0x07))) { try OKPacket(decoding: [7, 0, 0], capabilities: []) }
    }

    @Test("a column definition round-trips and a short one is an error")
    func columnDefinition() throws {
        let column = Self.columns[0]
        #expect(try ColumnDefinition(decoding: column.encoded()) == column)
        let encoded = column.encoded()
        for cut in [1, 5, encoded.count - 3] {
            #expect { try ColumnDefinition(decoding: Array(encoded.prefix(cut))) } throws: { isMalformed($0) }
        }
    }

    func decode(_ packets: [[UInt8]], capabilities: Capabilities) throws -> [QueryResult] {
        var decoder = TextResultDecoder(capabilities: capabilities)
        for (index, packet) in packets.enumerated() {
            let complete = try decoder.consume(packet)
            #expect(complete == (index == packets.count - 1))
        }
        return decoder.results
    }

    @Test("a result set ends with an OK (0xFE) under CLIENT_DEPRECATE_EOF")
    func deprecateEOFForm() throws {
        let packets: [[UInt8]] = [
            [0x02], Self.columns[0].encoded(), Self.columns[1].encoded(),
            Self.row(["139", "01:02:32"]), Self.row(["140", nil]),
            [0xFE, 0, 0, 0x02, 0, 0, 0],
        ]
        let results = try decode(packets, capabilities: [.protocol41, .deprecateEOF])
        guard case let .rows(set) = results.first else { Issue.record("no rows"); return }
        #expect(set.columns.map(\.name) == ["id", "end_time"])
        #expect(set.rows.count == 2)
        #expect(try set.rows[0].int64(0) == 139)
        #expect(try set.rows[0].time(1) == MySQLTime(hours: 1, minutes: 2, seconds: 32))
        #expect(try set.rows[1].isNull(1))
        #expect(try set.rows[1].time(1) == nil)
        #expect(set.status == [.autocommit])
    }

    @Test("a result set ends with classic EOF packets without CLIENT_DEPRECATE_EOF")
    func classicEOFForm() throws {
        let packets: [[UInt8]] = [
            [0x02], Self.columns[0].encoded(), Self.columns[1].encoded(), [0xFE, 0, 0, 0x02, 0],
            Self.row(["7", "-01:00:00.5"]),
            [0xFE, 1, 0, 0x02, 0],
        ]
        let results = try decode(packets, capabilities: [.protocol41])
        guard case let .rows(set) = results.first else { Issue.record("no rows"); return }
        #expect(set.rows.count == 1)
        #expect(set.warnings == 1)
        #expect(try set.rows[0].time(1) == MySQLTime(isNegative: true, hours: 1, minutes: 0, seconds: 0, microseconds: 500_000))
    }

    @Test("an ERR in the middle of the rows is the server's error")
    func errorAmongRows() throws {
        var decoder = TextResultDecoder(capabilities: [.protocol41, .deprecateEOF])
        _ = try decoder.consume([0x01])
        _ = try decoder.consume(Self.columns[0].encoded())
        _ = try decoder.consume(Self.row(["1"]))
        let err: [UInt8] = [0xFF, 0x35, 0x05, UInt8(ascii: "#")] + Array("70100Query execution was interrupted".utf8)
        #expect(throws: MySQLError.server(ServerError(code: 1333, sqlState: "70100", message: "Query execution was interrupted"))) {
            try decoder.consume(err)
        }
    }

    @Test("a row with more or fewer values than columns is an error")
    func columnCountMismatch() throws {
        #expect(throws: MySQLError.malformed(.rowEnds(at: 2, of: 2, values: 2))) {
            try Row(decoding: Self.row(["1"]), columns: Self.columns)
        }
        #expect(throws: MySQLError.malformed(.rowLeftover(bytes: 6, columns: 2))) {
            try Row(decoding: Self.row(["1", "01:00:00", "extra"]), columns: Self.columns)
        }
    }

    @Test("a column count of 0 or beyond 4096 is refused before anything is allocated")
    func absurdColumnCount() throws {
        for (payload, count) in [([0xFC, 0x01, 0x10], 4097), ([0xFE, 0, 0, 0, 0, 0x01, 0, 0, 0], 1 << 32)] as [([UInt8], UInt64)] {
            var decoder = TextResultDecoder(capabilities: [.protocol41])
            #expect(throws: MySQLError.malformed(.columnCount(count, limit: 4096))) { try decoder.consume(payload) }
        }
    }

    @Test("typed accessors read integers, decimals, doubles and dates and refuse garbage")
    func typedAccessors() throws {
        let columns = [
            ColumnDefinition(name: "big", type: .longlong, flags: [.unsigned]),
            ColumnDefinition(name: "price", type: .newdecimal),
            ColumnDefinition(name: "ratio", type: .double),
            ColumnDefinition(name: "day", type: .date),
            ColumnDefinition(name: "at", type: .datetime),
            ColumnDefinition(name: "name", type: .varString),
        ]
        let row = try Row(decoding: Self.row(["18446744073709551615", "-12.50", "2.5e-3", "2024-10-18",
                                              "2024-10-18 01:02:03.000450", "zoë"]), columns: columns)
        #expect(try row.uint64(0) == UInt64.max)
        #expect(throws: MySQLError.invalidValue(column: "big", value: "18446744073709551615", expected: .int64)) { try row.int64(0) }
        #expect(try row.decimalText(1) == "-12.50")
        #expect(try row.double(2) == 0.0025)
        #expect(try row.date(3) == MySQLDate(year: 2024, month: 10, day: 18))
        #expect(try row.dateTime(4) == MySQLDateTime(date: MySQLDate(year: 2024, month: 10, day: 18),
                                                     hour: 1, minute: 2, second: 3, microsecond: 450))
        #expect(try row.string(5) == "zoë")
        #expect(throws: MySQLError.invalidValue(column: "name", value: "zoë", expected: .date)) { try row.date(5) }
        #expect(throws: MySQLError.invalidValue(column: "name", value: "zoë", expected: .time)) { try row.time(5) }
        #expect(MySQLError.invalidValue(column: "name", value: "zoë", expected: .time).description == "column name: \"zoë\" is not a TIME")
        #expect(throws: MySQLError.invalidArgument("column index 6 is out of range 0..<6")) { try row.string(6) }
        #expect(row.index(of: "day") == 3)
    }
}
