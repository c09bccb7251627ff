import Foundation
import Testing
import MySQLWire
import Transport

/// The MariaDB server that scripts/mariadb started, as scripts/test describes it in BC_TEST_DB_*.
/// A missing server is a test failure, never a skip.
struct TestServer {
    let host: String
    let port: UInt16
    let socket: String
    let adminUser: String
    let adminPassword: String
    let user: String
    let password: String
    let ed25519User: String
    let ed25519Password: String
    /// The CA that signed the server's certificate, and one that signed nothing.
    let tlsCA: String
    let otherCA: String

    static func current() throws -> TestServer {
        let env = ProcessInfo.processInfo.environment
        let port = try #require(env["BC_TEST_DB_PORT"].flatMap(UInt16.init),
                                "BC_TEST_DB_PORT is not set: run the tests with scripts/test, which starts MariaDB")
        return TestServer(host: env["BC_TEST_DB_HOST"] ?? "127.0.0.1", port: port,
                          socket: env["BC_TEST_DB_SOCKET"] ?? "",
                          adminUser: env["BC_TEST_DB_ADMIN_USER"] ?? "bc_admin",
                          adminPassword: env["BC_TEST_DB_ADMIN_PASSWORD"] ?? "",
                          user: env["BC_TEST_DB_USER"] ?? "checker", password: env["BC_TEST_DB_PASSWORD"] ?? "",
                          ed25519User: env["BC_TEST_DB_ED25519_USER"] ?? "",
                          ed25519Password: env["BC_TEST_DB_ED25519_PASSWORD"] ?? "",
                          tlsCA: env["BC_TEST_DB_TLS_CA"] ?? "", otherCA: env["BC_TEST_DB_OTHER_CA"] ?? "")
    }

    func options(user: String? = nil, password: String? = nil, database: String? = nil,
                 deprecateEOF: Bool = true, tls: TLSMode = .disabled, ca: String? = nil,
                 serverName: String? = nil, endpoint: Endpoint? = nil) -> ConnectionOptions {
        ConnectionOptions(endpoint: endpoint ?? .tcp(host: host, port: port), username: user ?? adminUser,
                          password: Secret(password ?? adminPassword), database: database,
                          timeouts: Timeouts(connect: 5, read: 30, write: 30), tlsMode: tls, tlsCAFile: ca,
                          tlsServerName: serverName, deprecateEOF: deprecateEOF)
    }

    func admin(database: String? = nil) throws -> Connection {
        try Connection(options: options(database: database))
    }
}

/// A database of its own for one test, with the backups table of deploy/schema.sql, readable by
/// the checker user; dropped at the end.
final class ScratchDatabase {
    let server: TestServer
    let name: String
    private let connection: Connection

    init(server: TestServer) throws {
        self.server = server
        name = "bc_it_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let admin = try server.admin()
        _ = try admin.execute("CREATE DATABASE `\(name)`")
        _ = try admin.execute("GRANT SELECT ON `\(name)`.* TO '\(server.user)'@'%'")
        try admin.selectDatabase(name)
        _ = try admin.execute(try ScratchDatabase.schema())
        connection = admin
    }

    deinit {
        _ = try? connection.execute("DROP DATABASE `\(name)`")
        connection.close()
    }

    static func schema() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("deploy/schema.sql"), encoding: .utf8)
    }

    /// Inserts (date, target, start, end, status) rows.
    func insert(_ rows: [(String, String, String, String?, String)]) throws {
        for (date, target, start, end, status) in rows {
            let endValue = end.map { "'\($0)'" } ?? "NULL"
            _ = try connection.execute("""
                INSERT INTO `list` (`date`, `target`, `start_time`, `end_time`, `status`)
                VALUES ('\(date)', '\(target)', '\(start)', \(endValue), '\(status)')
                """)
        }
    }

    func execute(_ sql: String) throws -> [QueryResult] { try connection.execute(sql) }
}
