// The MySQLWire side of bench/run, the same work as bench/anchor.c does with libmariadb.
//
//   mysqlwire-bench decode SQL               stream every row, read every value
//   mysqlwire-bench connect N [tls|verify]   N × (connect, authenticate, SELECT 1, quit)
//
// tls is `required` (encrypted, nothing verified, no CA loaded); verify is verify-ca with the
// test CA (BC_TEST_DB_TLS_CA), the file bench/anchor.c gives libmariadb.
//
// The server comes from BC_TEST_DB_HOST/PORT/ADMIN_USER/ADMIN_PASSWORD (scripts/mariadb env).
import MySQLWire
import Transport
import Glibc

func fail(_ text: String, code: Int32) -> Never {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(code)
}

func environment(_ name: String) -> String {
    getenv(name).map { String(cString: $0) } ?? ""
}

func options(tls: String, database: String?) -> ConnectionOptions {
    ConnectionOptions(endpoint: .tcp(host: environment("BC_TEST_DB_HOST"), port: UInt16(environment("BC_TEST_DB_PORT")) ?? 3306),
                      username: environment("BC_TEST_DB_ADMIN_USER"), password: Secret(environment("BC_TEST_DB_ADMIN_PASSWORD")),
                      database: database, tlsMode: tls == "verify" ? .verifyCA : tls == "tls" ? .required : .disabled,
                      tlsCAFile: tls == "verify" ? environment("BC_TEST_DB_TLS_CA") : nil)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    fail("usage: mysqlwire-bench decode SQL | connect N [tls|verify]", code: 2)
}
do {
    switch arguments[1] {
    case "decode":
        let connection = try Connection(options: options(tls: "plain", database: "bc_bench"))
        var rows = 0
        var bytes = 0
        var checksum: UInt8 = 0
        try connection.forEachRow(arguments[2]) { (row: RowView) throws(MySQLError) in
            rows += 1
            for index in 0..<row.count {
                if let value = try row.bytes(index) {
                    bytes += value.count
                    if let first = value.first { checksum ^= first }
                }
            }
        }
        connection.close()
        print("rows \(rows) bytes \(bytes) checksum \(checksum)")
    case "connect":
        let count = Int(arguments[2]) ?? 1
        let tls = arguments.count > 3 ? arguments[3] : "plain"
        for _ in 0..<count {
            let connection = try Connection(options: options(tls: tls, database: nil))
            guard try connection.query("SELECT 1").rows.count == 1 else { exit(1) }
            connection.close()
        }
        print("connections \(count)")
    default:
        fail("unknown mode \(arguments[1])", code: 2)
    }
} catch {
    fail("mysqlwire-bench: \(error)", code: 1)
}
