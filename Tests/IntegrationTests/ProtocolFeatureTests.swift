import Testing
import TestSupport
import MySQLWire
import Transport

/// Authentication plugins, TLS, sockets and large packets against the real MariaDB.
@Suite("MySQLWire protocol features against MariaDB")
struct ProtocolFeatureTests {
    @Test("an ed25519 account logs in through an auth switch to client_ed25519")
    func ed25519Login() throws {
        let server = try TestServer.current()
        let connection = try Connection(options: server.options(user: server.ed25519User, password: server.ed25519Password))
        defer { connection.close() }
        #expect(connection.authPlugin == "client_ed25519")
        #expect(try connection.query("SELECT CURRENT_USER()").rows.first?.string(0) == "\(server.ed25519User)@%")
    }

    @Test("a wrong ed25519 password is access denied")
    func ed25519WrongPassword() throws {
        let server = try TestServer.current()
        #expect {
            try Connection(options: server.options(user: server.ed25519User, password: "wrong-password"))
        } throws: { error in
            guard case let .server(server) = error as? MySQLError else { return false }
            return server.code == 1045
        }
    }

    @Test("TLS required encrypts the connection, and the server sees it encrypted")
    func tlsRequired() throws {
        let server = try TestServer.current()
        let connection = try Connection(options: server.options(tls: .required))
        defer { connection.close() }
        let tls = try #require(connection.tls)
        #expect(tls.version.hasPrefix("TLSv1."))
        #expect(tls.certificateCheck == .notVerified)
        let cipher = try connection.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'").rows.first?.string(1)
        #expect(cipher == tls.cipher)
    }

    @Test("preferred uses TLS whenever the server offers it; disabled never does")
    func preferredAndDisabled() throws {
        let server = try TestServer.current()
        let preferred = try Connection(options: server.options(tls: .preferred))
        #expect(preferred.tls != nil)
        preferred.close()
        let disabled = try Connection(options: server.options(tls: .disabled))
        #expect(disabled.tls == nil)
        #expect(try disabled.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'").rows.first?.string(1) == "")
        disabled.close()
    }

    @Test("verify-identity accepts the certificate signed by the test CA for 127.0.0.1 and localhost")
    func verifyIdentity() throws {
        let server = try TestServer.current()
        let byAddress = try Connection(options: server.options(tls: .verifyIdentity, ca: server.tlsCA))
        #expect(byAddress.tls?.certificateCheck == .authority)
        byAddress.close()
        let byName = try Connection(options: server.options(tls: .verifyIdentity, ca: server.tlsCA, serverName: "localhost"))
        #expect(byName.tls != nil)
        byName.close()
    }

    @Test("verify-ca refuses a certificate that the given CA did not sign")
    func wrongCA() throws {
        let server = try TestServer.current()
        #expect {
            try Connection(options: server.options(tls: .verifyCA, ca: server.otherCA))
        } throws: { error in
            guard case let .insecure(.untrustedCertificate(reason)) = error as? MySQLError else { return false }
            return reason.contains("certificate") && !"\(error)".contains(server.adminPassword)
        }
    }

    @Test("verify-identity refuses a certificate for another host name")
    func wrongHostName() throws {
        let server = try TestServer.current()
        #expect {
            try Connection(options: server.options(tls: .verifyIdentity, ca: server.tlsCA, serverName: "db.example.test"))
        } throws: { error in
            guard case let .insecure(.wrongHostName(reason)) = error as? MySQLError else { return false }
            return reason.contains("db.example.test")
        }
        // verify-ca does not check the name.
        let connection = try Connection(options: server.options(tls: .verifyCA, ca: server.tlsCA, serverName: "db.example.test"))
        connection.close()
    }

    @Test("host names resolve, and IPv6 addresses connect")
    func hostNamesAndIPv6() throws {
        let server = try TestServer.current()
        let v6 = try Connection(options: server.options(endpoint: .tcp(host: "::1", port: server.port)))
        #expect(try v6.query("SELECT USER()").rows.first?.string(0) == "\(server.adminUser)@::1")
        v6.close()
        let named = try Connection(options: server.options(tls: .verifyIdentity, ca: server.tlsCA,
                                                           endpoint: .tcp(host: "localhost", port: server.port)))
        #expect(named.tls?.certificateCheck == .authority)
        named.close()
        #expect {
            try Connection(options: server.options(endpoint: .tcp(host: "no-such-host.invalid", port: server.port)))
        } throws: { error in
            // Refused by the rule for .invalid names, without asking a resolver (no network beyond loopback).
            (error as? MySQLError) == .transport(.resolve(host: "no-such-host.invalid", .reservedName))
        }
    }

    @Test("a unix socket connection works without TLS")
    func unixSocket() throws {
        let server = try TestServer.current()
        let connection = try Connection(options: server.options(tls: .required, endpoint: .unix(path: server.socket)))
        defer { connection.close() }
        #expect(connection.tls == nil)
        #expect(try connection.query("SELECT 1").rows.count == 1)
    }

    @Test("a 17 MiB value travels to the server and back, split into 16 MiB packets")
    func seventeenMebibytes() throws {
        let server = try TestServer.current()
        let connection = try Connection(options: server.options(tls: .required))
        defer { connection.close() }
        let size = 17 << 20
        let literal = String(repeating: "ab", count: size / 2)
        let set = try connection.query("SELECT '\(literal)' AS v, LENGTH('\(literal)') AS n")
        #expect(try set.rows.first?.int64(1) == Int64(size))
        let value = try #require(try set.rows.first?.bytes(0))
        #expect(value.count == size)
        #expect(value.first == UInt8(ascii: "a") && value.last == UInt8(ascii: "b"))
        #expect(try connection.query("SELECT 1").rows.count == 1)
    }

    @Test("a procedure's several result sets all arrive, then its OK")
    func multipleResults() throws {
        let server = try TestServer.current()
        let connection = try server.admin()
        defer { connection.close() }
        _ = try connection.execute("CREATE DATABASE IF NOT EXISTS bc_it_procs")
        defer { _ = try? connection.execute("DROP DATABASE bc_it_procs") }
        try connection.selectDatabase("bc_it_procs")
        _ = try connection.execute("CREATE PROCEDURE two() BEGIN SELECT 1 AS a; SELECT 'x' AS b, 2 AS c; END")
        let results = try connection.execute("CALL two()")
        #expect(results.count == 3)
        guard case let .rows(first) = results[0], case let .rows(second) = results[1], case .ok = results[2] else {
            Issue.record("expected rows, rows, OK")
            return
        }
        #expect(first.columns.map(\.name) == ["a"])
        #expect(second.columns.map(\.name) == ["b", "c"])
        #expect(try second.rows.first?.string(0) == "x")
        #expect(try connection.query("SELECT 3").rows.first?.int64(0) == 3)
    }

    @Test("ping answers, and reset clears session state")
    func pingAndReset() throws {
        let server = try TestServer.current()
        let connection = try server.admin()
        defer { connection.close() }
        try connection.ping()
        _ = try connection.execute("SET @marker = 42")
        #expect(try connection.query("SELECT @marker").rows.first?.int64(0) == 42)
        try connection.reset()
        #expect(try connection.query("SELECT @marker").rows.first?.isNull(0) == true)
    }

    @Test("a connection the server killed fails with a clear error and stays closed")
    func killedConnection() throws {
        let server = try TestServer.current()
        let victim = try server.admin()
        let id = try #require(try victim.query("SELECT CONNECTION_ID()").rows.first?.int64(0))
        let admin = try server.admin()
        _ = try admin.execute("KILL \(id)")
        admin.close()
        #expect {
            try victim.query("SELECT 1")
        } throws: { error in
            switch error as? MySQLError {
            case .closedByServer?, .transport(.closed)?: return true
            default: return false
            }
        }
        #expect(throws: MySQLError.connectionClosed) { try victim.query("SELECT 1") }
    }
}

/// Streaming rows straight from the read buffer.
@Suite("Streaming rows")
struct StreamingTests {
    @Test("streamed rows equal the buffered ones, in both end-of-rows forms", arguments: [true, false])
    func sameAsBuffered(deprecateEOF: Bool) throws {
        let server = try TestServer.current()
        let connection = try Connection(options: server.options(database: "backups", deprecateEOF: deprecateEOF, tls: .required))
        defer { connection.close() }
        let sql = "SELECT seq, CONCAT('target-', seq, '.example.test'), IF(seq % 7 = 0, NULL, SEC_TO_TIME(seq)) FROM seq_1_to_20000"
        let buffered = try connection.query(sql).rows
        var count = 0
        var mismatches = 0
        let columns = try connection.forEachRow(sql) { (row: RowView) throws(MySQLError) in
            let expected = buffered[count]
            let same = try row.int64(0) == expected.int64(0)
            let sameText = try row.string(1) == expected.string(1)
            let sameTime = try row.time(2) == expected.time(2)
            if !(same && sameText && sameTime) { mismatches += 1 }
            count += 1
        }
        #expect(columns.count == 3)
        #expect(count == 20_000)
        #expect(mismatches == 0)
        #expect(try connection.query("SELECT 1").rows.count == 1)
    }

    @Test("a row larger than the read buffer streams through the joining path")
    func largeRow() throws {
        let server = try TestServer.current()
        let connection = try server.admin()
        defer { connection.close() }
        var lengths: [Int] = []
        try connection.forEachRow("SELECT REPEAT('x', 17825792) UNION ALL SELECT 'short'") { (row: RowView) throws(MySQLError) in
            lengths.append(try row.bytes(0)?.count ?? -1)
        }
        #expect(lengths == [17_825_792, 5])
    }

    @Test("an error in the middle of the rows ends the stream with the server's error")
    func errorMidStream() throws {
        let server = try TestServer.current()
        let connection = try server.admin(database: "backups")
        defer { connection.close() }
        var seen = 0
        #expect {
            // The subquery fails only on the row that reaches it, after rows have been sent.
            try connection.forEachRow("SELECT seq, IF(seq = 5000, (SELECT 1 UNION SELECT 2), seq) FROM seq_1_to_10000") {
                (_: RowView) throws(MySQLError) in seen += 1
            }
        } throws: { error in
            guard case let .server(server) = error as? MySQLError else { return false }
            return server.code == 1242
        }
        #expect(seen < 10_000)
        #expect(try connection.query("SELECT 2").rows.first?.int64(0) == 2)
    }

    @Test("when the row handler throws, the rest of the rows are read, so a later query works and close is clean")
    func handlerThrows() throws {
        let server = try TestServer.current()
        let connection = try server.admin(database: "backups")
        var seen = 0
        #expect(throws: MySQLError.invalidArgument("the handler stops at row 10")) {
            try connection.forEachRow("SELECT seq, 'stop' FROM seq_1_to_50000") { (_: RowView) throws(MySQLError) in
                seen += 1
                if seen == 10 { throw .invalidArgument("the handler stops at row 10") }
            }
        }
        #expect(seen == 10)
        // The 49,990 rows left on the wire were read: the next answer is the next query's.
        #expect(try connection.query("SELECT 'after'").rows.first?.string(0) == "after")
        try connection.ping()
        connection.close()
        #expect(throws: MySQLError.connectionClosed) { try connection.ping() }
    }

    @Test("a query is bounded from sending it to its last row, however fast the rows come")
    func commandDeadline() throws {
        let server = try TestServer.current()
        var options = server.options()
        options.commandTimeout = 0.5
        let connection = try Connection(options: options)
        defer { connection.close() }
        // SLEEP(2) answers after two seconds: past the command's half second.
        #expect {
            try connection.query("SELECT SLEEP(2)")
        } throws: { error in
            guard case let .timedOut(.query, .waitingForAnswer, seconds) = error as? MySQLError else { return false }
            return seconds == 0.5
        }
    }
}
