import Transport

/// Everything needed to open a connection. A value type so that a configuration can be built,
/// checked and printed (the password prints as "<redacted>") before anything touches the network.
public struct ConnectionOptions: Sendable {
    public var endpoint: Endpoint
    public var username: String
    public var password: Secret
    /// The schema to use on connect, or nil for none.
    public var database: String?
    public var timeouts: Timeouts
    /// Ask for CLIENT_DEPRECATE_EOF (an OK packet ends result sets). On by default; off only to
    /// exercise the classic EOF form.
    public var deprecateEOF: Bool
    /// The largest joined payload accepted from the server.
    public var maxPayload: Int
    /// Whether and how to use TLS; unix sockets never need it and never use it.
    public var tlsMode: TLSMode
    /// PEM file of CAs trusted for the server's certificate; nil for the system's.
    public var tlsCAFile: String?
    /// The name the certificate must carry under verify-identity; nil for the host connected to.
    public var tlsServerName: String?
    /// PEM file with the server's RSA public key, for caching_sha2_password and sha256_password
    /// full authentication without TLS; nil to ask the server for it.
    public var serverPublicKeyFile: String?
    /// Connection attributes sent when the server accepts them (visible in
    /// performance_schema.session_connect_attrs).
    public var attributes: [(String, String)]

    public init(endpoint: Endpoint, username: String, password: Secret, database: String? = nil,
                timeouts: Timeouts = Timeouts(), tlsMode: TLSMode = .preferred, tlsCAFile: String? = nil,
                tlsServerName: String? = nil, serverPublicKeyFile: String? = nil, deprecateEOF: Bool = true,
                maxPayload: Int = 256 << 20, programName: String = "backup-checker") {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.timeouts = timeouts
        self.tlsMode = tlsMode
        self.tlsCAFile = tlsCAFile
        self.tlsServerName = tlsServerName
        self.serverPublicKeyFile = serverPublicKeyFile
        self.deprecateEOF = deprecateEOF
        self.maxPayload = maxPayload
        self.attributes = [
            ("_client_name", MySQLWireInfo.clientName), ("_client_version", MySQLWireInfo.version),
            ("_os", "Linux"), ("program_name", programName),
        ]
    }

    /// The server's public key file, read and checked, or nil.
    static func readPublicKey(_ path: String?) throws(MySQLError) -> [UInt8]? {
        guard let path else { return nil }
        guard let bytes = FileBytes.read(path, limit: 64 << 10) else {
            throw .invalidArgument("cannot read the server public key file \(path)")
        }
        return bytes
    }

    /// Rejects values that cannot travel in the handshake (NUL-terminated fields).
    func validate() throws(MySQLError) {
        if username.utf8.contains(0) { throw .invalidArgument("the user name contains a NUL byte") }
        if let database, database.utf8.contains(0) { throw .invalidArgument("the database name contains a NUL byte") }
        if password.value.utf8.contains(0) { throw .invalidArgument("the password contains a NUL byte") }
    }
}
