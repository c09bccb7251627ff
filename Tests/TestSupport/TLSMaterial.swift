import Foundation

/// A CA and a server certificate for 127.0.0.1 and localhost, made with the openssl command
/// for this run, and a second CA that signed nothing. `presenting(_:)` adds the certificates a
/// man in the middle would try (see `Impostor`).
package struct TLSMaterial: Sendable {
    package let directory: URL
    /// The file name (without ".pem") of the certificate a server presents, and of its key.
    package var leaf = "server"
    package var caFile: String { directory.appendingPathComponent("ca.pem").path }
    package var otherCAFile: String { directory.appendingPathComponent("other-ca.pem").path }
    package var certificate: String { directory.appendingPathComponent("\(leaf).pem").path }
    package var key: String { directory.appendingPathComponent("\(leaf)-key.pem").path }

    package init(directory: URL) {
        self.directory = directory
    }

    package static func make(in directory: URL, commonName: String = "127.0.0.1") throws -> TLSMaterial {
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

    /// A certificate that must not pass for the CA's server at 127.0.0.1, all three for the
    /// name `elsewhere.example`.
    package enum Impostor: String, CaseIterable, Sendable, CustomStringConvertible {
        /// Issuer name and authority key identifier copied from the trusted CA, signed by
        /// another key: only the signature gives it away.
        case forged
        /// Signed by the trusted CA, expired in 2020.
        case expired
        /// Signed by the trusted CA, valid, for another name: good enough for verify-ca only.
        case wrongName = "wrong-name"

        package var description: String { rawValue }
    }

    /// This material with `impostor`'s certificate as the one presented (made on first use).
    package func presenting(_ impostor: Impostor) throws -> TLSMaterial {
        var material = self
        material.leaf = impostor.rawValue
        if FileManager.default.fileExists(atPath: material.certificate) { return material }
        let name = impostor.rawValue
        var script = """
            set -e
            cd "\(directory.path)"
            openssl req -newkey rsa:2048 -nodes -subj "/CN=elsewhere.example" -keyout \(name)-key.pem -out \(name).csr
            printf 'subjectAltName=DNS:elsewhere.example\\nauthorityKeyIdentifier=keyid\\n' > \(name).ext

            """
        switch impostor {
        case .forged:
            // A CA of the same name and key identifier as the trusted one, with a key of its own.
            script += """
                ski=$(openssl x509 -in ca.pem -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' ')
                openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "$(openssl x509 -in ca.pem -noout -subject -nameopt compat | sed 's/^subject=//')" \\
                  -addext "subjectKeyIdentifier=$ski" -keyout forger-key.pem -out forger.pem
                openssl x509 -req -in forged.csr -CA forger.pem -CAkey forger-key.pem -CAcreateserial -days 1 -extfile forged.ext -out forged.pem
                """
        case .expired:
            script += """
                printf '[ca]\\ndefault_ca=old\\n[old]\\ndatabase=expired-index.txt\\nnew_certs_dir=.\\nserial=expired-serial\\ndefault_md=sha256\\npolicy=any\\n[any]\\ncommonName=supplied\\n' > expired.cnf
                : > expired-index.txt
                echo 01 > expired-serial
                openssl ca -batch -config expired.cnf -cert ca.pem -keyfile ca-key.pem -in expired.csr -out expired.pem -notext \\
                  -startdate 20200101000000Z -enddate 20200102000000Z -extfile expired.ext
                """
        case .wrongName:
            script += """
                openssl x509 -req -in wrong-name.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile wrong-name.ext -out wrong-name.pem
                """
        }
        guard try runProgram("/bin/sh", ["-c", script]).status == 0 else { throw TestFailure("openssl failed for \(name)") }
        return material
    }
}
