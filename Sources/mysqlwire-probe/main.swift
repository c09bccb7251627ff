import Glibc
import MySQLWire
import Transport

// A small client for MySQLWire: connects, runs the given statements and prints a summary of
// each result. scripts/record-fixture drives it through its recording proxy.
//
//   mysqlwire-probe --user U [--host H] [--port P] [--socket PATH] [--password-env VAR]
//                   [--database D] [--tls MODE] [--tls-ca FILE] [--classic-eof] [--ping]
//                   [--init-db D] [--reset] [--query SQL]...

/// Says why the command line is wrong, on stderr, and exits 2.
func usage(_ text: String) -> Never {
    let line = "mysqlwire-probe: \(text)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

var options: [String: String] = ["host": "127.0.0.1", "port": "3306", "password-env": "MYSQL_PWD", "tls": "disabled"]
var switches = Set<String>()
var queries: [String] = []
var arguments = CommandLine.arguments.dropFirst()
let valued: Set = ["host", "port", "socket", "user", "password-env", "database", "tls", "tls-ca", "init-db", "query"]
while let argument = arguments.popFirst() {
    let name = String(argument.dropFirst(2))
    if ["classic-eof", "ping", "reset"].contains(name) {
        switches.insert(name)
    } else if valued.contains(name), let value = arguments.popFirst() {
        if name == "query" { queries.append(value) } else { options[name] = value }
    } else {
        usage("unknown or incomplete option \(argument)")
    }
}
guard let user = options["user"], let mode = TLSMode(rawValue: options["tls"] ?? ""),
      let port = UInt16(options["port"] ?? "") else {
    usage("--user is required; --tls must be a TLS mode and --port a port")
}
let password = getenv(options["password-env"] ?? "").map { String(cString: $0) } ?? ""
let endpoint: Endpoint = options["socket"].map { .unix(path: $0) } ?? .tcp(host: options["host"] ?? "127.0.0.1", port: port)
let connectionOptions = ConnectionOptions(endpoint: endpoint, username: user, password: Secret(password),
                                          database: options["database"], tlsMode: mode, tlsCAFile: options["tls-ca"],
                                          deprecateEOF: !switches.contains("classic-eof"), programName: "mysqlwire-probe")
do {
    let connection = try Connection(options: connectionOptions)
    print("connected to \(connection.serverVersion) with \(connection.authPlugin)"
          + (connection.tls.map { ", \($0.version)" } ?? ""))
    do {
        if switches.contains("ping") { try connection.ping(); print("ping: ok") }
        if let database = options["init-db"] { try connection.selectDatabase(database); print("init-db: ok") }
        if switches.contains("reset") { try connection.reset(); print("reset: ok") }
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
    exit(3)
}
