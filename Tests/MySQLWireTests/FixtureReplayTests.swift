import Testing
import Transport
@testable import MySQLWire

/// One fixture and what the client does and must see while it is replayed.
struct Scenario: CustomTestStringConvertible, Sendable {
    var fixture: String
    var user: String
    var password: String
    var database: String? = nil
    var tls: TLSMode = .disabled
    var classicEOF = false
    var publicKeyFile: String? = nil
    /// For a conversation that must fail: the check on the error.
    var failure: (@Sendable (MySQLError) -> Bool)? = nil
    /// What the client does once connected; it checks what it got with #expect.
    var actions: @Sendable (Connection) throws -> Void = { _ in }

    var testDescription: String { fixture }
}

/// Replays every fixture of Tests/WireFixtures against MySQLWire: the client must send exactly
/// the recorded (or documented) bytes and make sense of every server packet.
@Suite("Fixture replay")
struct FixtureReplayTests {
    static let admin = (user: "bc_admin", password: "admin-Secret-4711")

    static let recorded: [Scenario] = [
        Scenario(fixture: "mariadb-native-password", user: "checker", password: "checker-Secret-4711",
                 database: "backups", actions: { (connection: Connection) throws in
            #expect(connection.serverVersion == "10.11.19-MariaDB-0+deb12u1")
            #expect(try connection.query("SELECT 1 AS one").rows.first?.int64(0) == 1)
        }),
        Scenario(fixture: "mariadb-ed25519-auth-switch", user: "bc_ed25519", password: "ed25519-Secret-4711", actions: { (connection: Connection) throws in
            #expect(connection.authPlugin == "client_ed25519")
            #expect(try connection.query("SELECT CURRENT_USER() AS u").rows.first?.string(0) == "bc_ed25519@%")
        }),
        Scenario(fixture: "mariadb-wrong-password", user: "checker", password: "wrong-password", database: "backups",
                 failure: { error in
                     guard case let .server(server) = error else { return false }
                     return server.code == 1045 && server.sqlState == "28000"
                 }),
        Scenario(fixture: "mariadb-unknown-database", user: admin.user, password: admin.password,
                 database: "no_such_database", failure: { error in
                     guard case let .server(server) = error else { return false }
                     return server.code == 1049 && server.message == "Unknown database 'no_such_database'"
                 }),
        Scenario(fixture: "mariadb-column-types", user: admin.user, password: admin.password,
                 database: "bc_fixture", actions: { (connection: Connection) throws in
            let set = try connection.query("SELECT * FROM types ORDER BY id")
            try #require(set.rows.count == 2)
            let row = set.rows[0]
            func at(_ name: String) throws -> Int {
                guard let index = row.index(of: name) else { throw FixtureError("no column \(name)") }
                return index
            }
            #expect(try row.int64(at("tiny")) == -128)
            #expect(try row.int64(at("small")) == 32767)
            #expect(try row.int64(at("medium")) == -8_388_608)
            #expect(try row.uint64(at("big")) == UInt64.max)
            #expect(try row.decimalText(at("dec_col")) == "-12.50")
            #expect(try row.double(at("float_col")) == 1.5)
            #expect(try row.double(at("double_col")) == 0.1)
            #expect(try row.bytes(at("bit_col")).map(Array.init) == [5])
            #expect(try row.int64(at("year_col")) == 2024)
            #expect(try row.date(at("date_col")) == MySQLDate(year: 2024, month: 10, day: 18))
            #expect(try row.time(at("time_col")) == MySQLTime(isNegative: true, hours: 838, minutes: 59, seconds: 58, microseconds: 500_000))
            #expect(try row.dateTime(at("datetime_col"))?.description == "2024-10-18 01:02:03.250000")
            #expect(try row.dateTime(at("timestamp_col"))?.description == "2024-10-18 01:02:03")
            #expect(try row.string(at("char_col")) == "abc")
            #expect(try row.string(at("varchar_col")) == "zoë")
            #expect(try row.bytes(at("binary_col")).map(Array.init) == [0x00, 0xFF, 0x10])
            #expect(try row.string(at("text_col")) == "text")
            #expect(try row.bytes(at("blob_col")).map(Array.init) == [0xDE, 0xAD, 0xBE, 0xEF])
            #expect(try row.string(at("enum_col")) == "b")
            #expect(try row.string(at("set_col")) == "x,y")
            #expect(try row.string(at("json_col")) == "{\"a\": 1}")
            let blob = try at("blob_col"), text = try at("text_col")
            #expect(set.columns[blob].isBinary)
            #expect(!set.columns[text].isBinary)
            for index in 1..<set.columns.count {
                #expect(try set.rows[1].isNull(index))
            }
        }),
        Scenario(fixture: "mariadb-classic-eof", user: admin.user, password: admin.password, classicEOF: true, actions: { (connection: Connection) throws in
            #expect(!connection.capabilities.contains(.deprecateEOF))
            let set = try connection.query("SELECT 1 AS a, NULL AS b, 'x' AS c UNION ALL SELECT 2, 'y', NULL")
            #expect(set.rows.count == 2)
            #expect(try set.rows[1].string(1) == "y")
            #expect(try set.rows[1].isNull(2))
        }),
        Scenario(fixture: "mariadb-empty-result", user: admin.user, password: admin.password, database: "backups", actions: { (connection: Connection) throws in
            let set = try connection.query("SELECT * FROM list WHERE 1 = 0")
            #expect(set.rows.isEmpty)
            #expect(set.columns.map(\.name) == ["id", "date", "target", "start_time", "end_time", "status"])
        }),
        Scenario(fixture: "mariadb-multiple-results", user: admin.user, password: admin.password,
                 database: "bc_fixture", actions: { (connection: Connection) throws in
            let results = try connection.execute("CALL two_results()")
            try #require(results.count == 3)
            guard case let .rows(first) = results[0], case let .rows(second) = results[1], case .ok = results[2] else {
                Issue.record("expected rows, rows, OK")
                return
            }
            #expect(try first.rows.first?.int64(0) == 1)
            #expect(try second.rows.first?.string(0) == "x")
        }),
        Scenario(fixture: "mariadb-17mib-row", user: admin.user, password: admin.password, actions: { (connection: Connection) throws in
            let set = try connection.query("SELECT REPEAT('a', 17825792) AS big")
            let value = try #require(try set.rows.first?.bytes(0))
            #expect(value.count == 17_825_792)
            #expect(value.allSatisfy { $0 == UInt8(ascii: "a") })
        }),
        Scenario(fixture: "mariadb-tls-request", user: admin.user, password: admin.password, tls: .required,
                 failure: { error in
                     // The replay stops after the SSLRequest, so the TLS handshake cannot complete.
                     if case .transport = error { return true }
                     return false
                 }),
        Scenario(fixture: "mariadb-ping-reset-initdb", user: admin.user, password: admin.password, actions: { (connection: Connection) throws in
            try connection.ping()
            try connection.selectDatabase("backups")
            try connection.reset()
            #expect { try connection.execute("SELEC 1") } throws: { error in
                guard case let .server(server) = error as? MySQLError else { return false }
                return server.code == 1064
            }
            #expect(try connection.query("SELECT DATABASE() AS d").rows.first?.string(0) == "backups")
        }),
    ]

    @Test("recorded MariaDB conversations replay byte for byte", arguments: recorded)
    func replayRecorded(scenario: Scenario) throws {
        let fixture = try Fixture.load(scenario.fixture + ".txt")
        #expect(fixture.sources.first?.hasPrefix("recorded from MariaDB") == true)
        try Self.replay(scenario, fixture: fixture)
    }

    static func replay(_ scenario: Scenario, fixture: Fixture) throws {
        let server = try ReplayServer(fixture)
        let options = ConnectionOptions(
            endpoint: .tcp(host: "127.0.0.1", port: server.port), username: scenario.user,
            password: Secret(scenario.password), database: scenario.database,
            timeouts: Timeouts(connect: 5, read: 10, write: 10), tlsMode: scenario.tls,
            serverPublicKeyFile: scenario.publicKeyFile, deprecateEOF: !scenario.classicEOF,
            programName: "mysqlwire-probe")
        do {
            let connection = try Connection(options: options)
            try scenario.actions(connection)
            connection.close()
            #expect(scenario.failure == nil, "the conversation should have failed")
        } catch let error as MySQLError {
            if let failure = scenario.failure {
                #expect(failure(error), "unexpected error: \(error)")
            } else {
                Issue.record("unexpected error: \(error)")
            }
        }
        let result = server.finish()
        #expect(result.problems.isEmpty, "\(result.problems)")
        let expectedClientPackets = fixture.packets.filter { $0.direction == .client }.count
        #expect(result.clientPackets == expectedClientPackets)
    }
}

/// The conversations written from the documentation: MySQL 8 and MariaDB 11.4 behaviour that the
/// local MariaDB 10.11 cannot show.
@Suite("Fixture replay: documented conversations")
struct DocumentedFixtureTests {
    static let mysql = (user: "app", password: "mysql8-Secret-4711")
    static let mariadb = (user: "app", password: "mariadb-Secret-4711")

    static let documented: [Scenario] = [
        Scenario(fixture: "mysql8-caching-sha2-fast-path", user: mysql.user, password: mysql.password,
                 actions: { (connection: Connection) throws in
            #expect(!connection.isMariaDB)
            #expect(connection.authPlugin == "caching_sha2_password")
            #expect(try connection.query("SELECT 1 AS one").rows.first?.int64(0) == 1)
        }),
        Scenario(fixture: "mysql8-caching-sha2-full-auth-tls", user: mysql.user, password: mysql.password,
                 tls: .required, actions: { (connection: Connection) throws in
            #expect(connection.tls != nil)
        }),
        Scenario(fixture: "mysql8-caching-sha2-full-auth-rsa", user: mysql.user, password: mysql.password),
        Scenario(fixture: "mysql8-caching-sha2-rsa-key-file", user: mysql.user, password: mysql.password,
                 publicKeyFile: Fixture.directory + "/tls/rsa-public.pem"),
        Scenario(fixture: "mysql8-sha256-password-rsa", user: mysql.user, password: mysql.password,
                 actions: { (connection: Connection) throws in
            #expect(connection.authPlugin == "sha256_password")
        }),
        Scenario(fixture: "mysql8-sha256-password-tls", user: mysql.user, password: mysql.password, tls: .required),
        Scenario(fixture: "mysql8-auth-switch", user: mysql.user, password: mysql.password,
                 actions: { (connection: Connection) throws in
            #expect(connection.authPlugin == "mysql_native_password")
        }),
        Scenario(fixture: "mysql8-idle-timeout", user: mysql.user, password: mysql.password,
                 actions: { (connection: Connection) throws in
            #expect {
                try connection.query("SELECT 1")
            } throws: { error in
                guard case let .closedByServer(server) = error as? MySQLError else { return false }
                return server.code == 4031 && server.message.contains("inactivity")
            }
            #expect(throws: MySQLError.connectionClosed) { try connection.query("SELECT 1") }
        }),
        Scenario(fixture: "mariadb-11.4-fingerprint", user: mariadb.user, password: mariadb.password,
                 tls: .verifyCA, actions: { (connection: Connection) throws in
            #expect(connection.serverVersion == "11.4.4-MariaDB")
            #expect(connection.isMariaDB)
            #expect(connection.tls?.certificateCheck == .fingerprint)
        }),
        Scenario(fixture: "mariadb-11.4-fingerprint-mismatch", user: mariadb.user, password: mariadb.password,
                 tls: .verifyCA, failure: { error in
                     guard case .insecure(.fingerprintMismatch) = error else { return false }
                     return !error.description.contains(mariadb.password)
                 }),
        Scenario(fixture: "mariadb-clear-password-refused", user: mariadb.user, password: mariadb.password,
                 failure: { error in
                     error == .insecure(.cleartextUnencrypted(plugin: "mysql_clear_password", serverOffersTLS: false))
                 }),
    ]

    @Test("documented conversations replay byte for byte", arguments: documented)
    func replayDocumented(scenario: Scenario) throws {
        let fixture = try Fixture.load(scenario.fixture + ".txt")
        #expect(fixture.sources.first?.hasPrefix("written from the protocol documentation") == true)
        try FixtureReplayTests.replay(scenario, fixture: fixture)
    }

    @Test("every fixture file is replayed by a test")
    func everyFixtureCovered() throws {
        let names = Set((FixtureReplayTests.recorded + Self.documented).map(\.fixture))
        let listing = try #require(readText(Fixture.directory + "/README.md"))
        #expect(!listing.isEmpty)
        for name in Fixture.allFixtureNames() where !name.hasPrefix("greeting-") {
            #expect(names.contains(name), "\(name).txt is not replayed")
        }
    }
}
