import Glibc

/// The process's environment, read once here and handed down as a dictionary: nothing below
/// the executable reads it.
enum ProcessEnvironment {
    static func read() -> [String: String] {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let pair = String(cString: entry)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            cursor += 1
        }
        return result
    }

    /// The CA bundle this deployment trusts: SSL_CERT_FILE when set (OpenSSL reads it too),
    /// else the first bundle the common distributions install, nil when there is none.
    static func caBundle(_ environment: [String: String]) -> String? {
        if let file = environment["SSL_CERT_FILE"], !file.isEmpty { return file }
        let bundles = [
            "/etc/ssl/certs/ca-certificates.crt",  // Debian, Ubuntu, Alpine, and this image
            "/etc/pki/tls/certs/ca-bundle.crt",  // Fedora, RHEL
            "/etc/ssl/ca-bundle.pem",  // openSUSE
            "/etc/ssl/cert.pem",  // Alpine, BSDs
        ]
        return bundles.first { access($0, R_OK) == 0 }
    }
}
