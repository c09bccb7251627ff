import Testing
import TestSupport
import MySQLWire
import Transport

/// MySQLWire against the real MariaDB that scripts/test started.
@Suite("MySQLWire against MariaDB")
struct ConnectionTests {
    @Test("native-password login over TCP reports MariaDB and its version")
    func login() throws {
        let server = try TestServer.current()
        let connection = try Connection(options: server.options(user: server.user, password: server.password,
                                                                database: "backups"))
        defer { connection.close() }
        #expect(connection.isMariaDB)
        #expect(connection.serverVersion.contains("MariaDB"))
        #expect(!connection.serverVersion.hasPrefix("5.5.5-"))
        #expect(connection.authPlugin == "mysql_native_password")
        #expect(connection.capabilities.contains(.deprecateEOF))
        try connection.ping()
    }

    @Test("text results with NULLs and typed values, in both end-of-rows forms", arguments: [true, false])
    func typedResults(deprecateEOF: Bool) throws {
        let server = try TestServer.current()
        let connection = try Connection(options: server.options(deprecateEOF: deprecateEOF))
        defer { connection.close() }
        #expect(connection.capabilities.contains(.deprecateEOF) == deprecateEOF)
        let set = try connection.query("""
            SELECT 42 AS i, CAST(-7 AS SIGNED) AS neg, 18446744073709551615 AS big, 12.50 AS d, 0.25e0 AS f,
                   DATE '2024-10-18' AS day, TIME '-01:02:03.5' AS t, TIMESTAMP '2024-10-18 01:02:03' AS ts,
                   'zoë' AS s, NULL AS n
            UNION ALL
            SELECT 1, 2, 3, 4, 5, NULL, NULL, NULL, NULL, NULL
            """)
        #expect(set.columns.map(\.name) == ["i", "neg", "big", "d", "f", "day", "t", "ts", "s", "n"])
        #expect(set.rows.count == 2)
        let row = set.rows[0]
        #expect(try row.int64(0) == 42)
        #expect(try row.int64(1) == -7)
        #expect(try row.uint64(2) == UInt64.max)
        #expect(try row.decimalText(3) == "12.50")
        #expect(try row.double(4) == 0.25)
        #expect(try row.date(5) == MySQLDate(year: 2024, month: 10, day: 18))
        #expect(try row.time(6) == MySQLTime(isNegative: true, hours: 1, minutes: 2, seconds: 3, microseconds: 500_000))
        #expect(try row.dateTime(7)?.description == "2024-10-18 01:02:03")
        #expect(try row.string(8) == "zoë")
        #expect(try row.isNull(9))
        #expect(try set.rows[1].date(5) == nil)
    }

    @Test("statements without rows return OK with affected rows; COM_INIT_DB switches schema")
    func okResults() throws {
        let server = try TestServer.current()
        let connection = try server.admin()
        defer { connection.close() }
        _ = try connection.execute("CREATE DATABASE IF NOT EXISTS bc_it_scratch")
        defer { _ = try? connection.execute("DROP DATABASE bc_it_scratch") }
        try connection.selectDatabase("bc_it_scratch")
        _ = try connection.execute("CREATE TABLE t (a INT)")
        let results = try connection.execute("INSERT INTO t VALUES (1), (2), (3)")
        guard case let .ok(ok) = results.first else { Issue.record("expected OK"); return }
        #expect(ok.affectedRows == 3)
        #expect(ok.info.contains("Records: 3"))
        #expect(try connection.query("SELECT DATABASE()").rows.first?.string(0) == "bc_it_scratch")
    }

    @Test("an SQL error is a server error and the connection stays usable")
    func sqlError() throws {
        let server = try TestServer.current()
        let connection = try server.admin()
        defer { connection.close() }
        #expect {
            try connection.execute("SELECT * FROM mysql.no_such_table_4711")
        } throws: { error in
            guard case let .server(server) = error as? MySQLError else { return false }
            return server.errorCode == .noSuchTable && server.sqlState == "42S02"
        }
        #expect {
            try connection.execute("SELEC 1")
        } throws: { error in
            guard case let .server(server) = error as? MySQLError else { return false }
            return server.code == 1064 && server.sqlState == "42000"
        }
        #expect(try connection.query("SELECT 1").rows.first?.int64(0) == 1)
    }

    @Test("wrong password and unknown database are the server's errors 1045 and 1049")
    func loginErrors() throws {
        let server = try TestServer.current()
        #expect(throws: MySQLError.server(ServerError(code: 1045, sqlState: "28000",
            message: "Access denied for user '\(server.adminUser)'@'127.0.0.1' (using password: YES)"))) {
            try Connection(options: server.options(password: "not-the-password"))
        }
        #expect {
            try Connection(options: server.options(database: "no_such_db_4711"))
        } throws: { error in
            guard case let .server(server) = error as? MySQLError else { return false }
            return server.code == 1049 && server.message.contains("no_such_db_4711")
        }
    }

    @Test("a closed port is a transport error naming the endpoint")
    func refused() throws {
        #expect {
            try Connection(options: ConnectionOptions(endpoint: .tcp(host: "127.0.0.1", port: 1), username: "x", password: "y"))
        } throws: { error in
            guard case let .transport(.connect(endpoint, _)) = error as? MySQLError else { return false }
            return endpoint == "127.0.0.1:1"
        }
    }
}
