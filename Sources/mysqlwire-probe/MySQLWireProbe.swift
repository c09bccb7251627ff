import ArgumentParser
import MySQLWire
import Transport
#if canImport(Glibc)
import Glibc
#endif

/// A small client for MySQLWire: connects, runs the given statements and prints a summary of
/// each result. scripts/record-fixture drives it through its recording proxy.
@main
struct MySQLWireProbe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mysqlwire-probe",
        abstract: "Connect with MySQLWire, run statements, print what came back.")

    @Option(help: "Server host name or address.") var host = "127.0.0.1"
    @Option(help: "Server port.") var port: UInt16 = 3306
    @Option(help: "Unix socket path (wins over host and port).") var socket: String?
    @Option(help: "User name.") var user: String
    @Option(name: .customLong("password-env"), help: "Name of the environment variable holding the password.")
    var passwordVariable = "MYSQL_PWD"
    @Option(help: "Schema to use on connect.") var database: String?
    @Option(help: "disabled, preferred, required, verify-ca or verify-identity.") var tls = "disabled"
    @Option(name: .customLong("tls-ca"), help: "CA file for verify-ca and verify-identity.") var tlsCA: String?
    @Flag(name: .customLong("classic-eof"), help: "Do not ask for CLIENT_DEPRECATE_EOF.") var classicEOF = false
    @Flag(help: "Send COM_PING first.") var ping = false
    @Option(name: .customLong("init-db"), help: "Send COM_INIT_DB with this schema after the ping.") var initDB: String?
    @Flag(help: "Send COM_RESET_CONNECTION before the queries.") var reset = false
    @Option(name: .customLong("query"), help: "A statement to run (repeatable).") var queries: [String] = []

    func run() throws {
        guard let mode = TLSMode(rawValue: tls) else { throw ValidationError("unknown TLS mode \(tls)") }
        let password = getenv(passwordVariable).map { String(cString: $0) } ?? ""
        let endpoint: Endpoint = socket.map { .unix(path: $0) } ?? .tcp(host: host, port: port)
        let options = ConnectionOptions(endpoint: endpoint, username: user, password: Secret(password),
                                        database: database, tlsMode: mode, tlsCAFile: tlsCA,
                                        deprecateEOF: !classicEOF, programName: "mysqlwire-probe")
        do {
            let connection = try Connection(options: options)
            print("connected to \(connection.serverVersion) with \(connection.authPlugin)"
                  + (connection.tls.map { ", \($0.version)" } ?? ""))
            do {
                if ping { try connection.ping(); print("ping: ok") }
                if let initDB { try connection.selectDatabase(initDB); print("init-db: ok") }
                if reset { try connection.reset(); print("reset: ok") }
            } catch {
                print("error: \(error)")
            }
            for sql in queries {
                do {
                    for result in try connection.execute(sql) {
                        switch result {
                        case let .rows(set): print("rows: \(set.rows.count) × \(set.columns.map(\.name))")
                        case let .ok(ok): print("ok: \(ok.affectedRows) affected")
                        }
                    }
                } catch {
                    print("error: \(error)")
                }
            }
            connection.close()
        } catch {
            print("error: \(error)")
            throw ExitCode(3)
        }
    }
}
