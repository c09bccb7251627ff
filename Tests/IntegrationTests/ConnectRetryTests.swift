import Foundation
import Testing
import Transport
import MySQLWire

/// A MariaDB restarting at the check's minute: a connection that failed before the client wrote
/// anything is tried once more (go-sql-driver's errBadConnNoWrite); one that had sent its login
/// is not.
@Suite("Connecting to a restarting server")
struct ConnectRetryTests {
    static func options(_ server: TestServer, port: UInt16) -> ConnectionOptions {
        server.options(endpoint: .tcp(host: "127.0.0.1", port: port))
    }

    @Test("dropped before its greeting: connect tries once more and logs in; init alone fails as closed")
    func droppedBeforeGreeting() throws {
        let server = try TestServer.current()
        let restarting = try RestartingServer(relayingTo: server, drops: 1, drop: .beforeGreeting)
        let connection = try Connection.connect(options: Self.options(server, port: restarting.port), retryDelay: 0)
        defer { connection.close() }
        #expect(try connection.query("SELECT 1").rows.count == 1)
        #expect(restarting.accepted == 2)

        let again = try RestartingServer(relayingTo: server, drops: 1, drop: .beforeGreeting)
        #expect {
            try Connection(options: Self.options(server, port: again.port))
        } throws: { error in
            guard let error = error as? MySQLError, case .transport(.closed) = error else { return false }
            return true
        }
        #expect(again.accepted == 1)
    }

    @Test("dropped twice before its greeting: tried once more only, the second failure is the error")
    func droppedTwice() throws {
        let server = try TestServer.current()
        let restarting = try RestartingServer(relayingTo: server, drops: 2, drop: .beforeGreeting)
        #expect {
            try Connection.connect(options: Self.options(server, port: restarting.port), retryDelay: 0)
        } throws: { error in
            guard let error = error as? MySQLError, case .transport(.closed) = error else { return false }
            return true
        }
        #expect(restarting.accepted == 2)
    }

    @Test("dropped after the client sent its login: not tried again")
    func droppedAfterLogin() throws {
        let server = try TestServer.current()
        let restarting = try RestartingServer(relayingTo: server, drops: 1, drop: .afterClientWrote)
        #expect {
            try Connection.connect(options: Self.options(server, port: restarting.port), retryDelay: 0)
        } throws: { error in
            guard let error = error as? MySQLError, case .transport = error else { return false }
            return true
        }
        #expect(restarting.accepted == 1)
    }
}

/// The check as a process against a MariaDB that drops the first connection before its greeting.
@Suite("The check against a restarting server")
struct RestartingCheckTests {
    @Test("the database dropping the first connection before its greeting is exit 0, not 3")
    func checkSurvivesRestart() throws {
        let setup = try CheckerSetup(list: "mail.example.test\n")
        try setup.database.insert([("2024-10-18", "mail.example.test", "01:01:00", "01:02:32", "success")])
        let restarting = try RestartingServer(relayingTo: setup.server, drops: 1, drop: .beforeGreeting)
        let result = try CheckerProcess.run(["--dry-run", "--date", "2024-10-18"],
                                            environment: setup.environment(["db_host": "127.0.0.1", "db_port": String(restarting.port)]))
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix("everything is a-ok\n"))
        #expect(restarting.accepted == 2)
    }
}
