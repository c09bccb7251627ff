import Foundation

/// A CA and a server certificate for 127.0.0.1 and localhost, made with the openssl command
/// for this run, and a second CA that signed nothing.
public struct TLSMaterial: Sendable {
    public let directory: URL
    public var caFile: String { directory.appendingPathComponent("ca.pem").path }
    public var otherCAFile: String { directory.appendingPathComponent("other-ca.pem").path }
    public var certificate: String { directory.appendingPathComponent("server.pem").path }
    public var key: String { directory.appendingPathComponent("server-key.pem").path }

    public static func make(in directory: URL, commonName: String = "127.0.0.1") throws -> TLSMaterial {
        let script = """
            set -e
            cd "\(directory.path)"
            openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=test CA" -keyout ca-key.pem -out ca.pem
            openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=unrelated CA" -keyout other-ca-key.pem -out other-ca.pem
            openssl req -newkey rsa:2048 -nodes -subj "/CN=\(commonName)" -keyout server-key.pem -out server.csr
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile ext -out server.pem
            """
        guard try runProgram("/bin/sh", ["-c", script]).status == 0 else { throw TestFailure("openssl failed") }
        return TLSMaterial(directory: directory)
    }
}
