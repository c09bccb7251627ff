import Transport

/// Everything needed to open a connection. A value type so that a configuration can be built,
/// checked and printed (the password prints as "<redacted>") before anything touches the network.
public struct ConnectionOptions: Sendable {
    public var endpoint: Endpoint
    public var username: String
    public var password: Secret
    /// The schema to use on connect, or nil for none.
    public var database: String?
    /// Per-operation limits; `timeouts.connect` also bounds the whole login (connecting, TLS,
    /// authentication), however many packets it takes.
    public var timeouts: Timeouts
    /// Seconds a command may take from sending it to its last row, however the server paces
    /// its bytes; nil for no bound beyond the per-read timeout (for results that legitimately
    /// stream for a long time).
    public var commandTimeout: Double?
    /// Ask for CLIENT_DEPRECATE_EOF (an OK packet ends result sets). On by default; off only to
    /// exercise the classic EOF form.
    public var deprecateEOF: Bool
    /// The largest joined payload accepted from the server.
    public var maxPayload: Int
    /// Whether and how to use TLS; unix sockets never need it and never use it.
    public var tlsMode: TLSMode
    /// PEM file of CAs trusted for the server's certificate; nil for OpenSSL's default
    /// locations (and, on MariaDB 11.4+, the server's own fingerprint).
    public var tlsCAFile: String?
    /// PEM file of the CAs trusted when `tlsCAFile` is nil: a deployment's system bundle.
    /// Unlike `tlsCAFile` it leaves MariaDB's zero-configuration TLS possible.
    public var tlsDefaultCAFile: String?
    /// The name the certificate must carry under verify-identity; nil for the host connected to.
    public var tlsServerName: String?
    /// PEM file with the server's RSA public key, for caching_sha2_password and sha256_password
    /// full authentication without TLS; nil to ask the server for it.
    public var serverPublicKeyFile: String?
    /// Connection attributes sent when the server accepts them (visible in
    /// performance_schema.session_connect_attrs).
    public var attributes: [(String, String)]
    /// Receives every packet's direction, sequence id, length and kind (never its bytes).
    public var trace: PacketTracer?

    /// `programName`, when given, is sent as the `program_name` connection attribute.
    public init(endpoint: Endpoint, username: String, password: Secret, database: String? = nil,
                timeouts: Timeouts = Timeouts(), commandTimeout: Double? = nil, tlsMode: TLSMode = .preferred,
                tlsCAFile: String? = nil, tlsDefaultCAFile: String? = nil, tlsServerName: String? = nil, serverPublicKeyFile: String? = nil,
                deprecateEOF: Bool = true, maxPayload: Int = 256 << 20, programName: String? = nil,
                trace: PacketTracer? = nil) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.timeouts = timeouts
        self.commandTimeout = commandTimeout
        self.tlsMode = tlsMode
        self.tlsCAFile = tlsCAFile
        self.tlsDefaultCAFile = tlsDefaultCAFile
        self.tlsServerName = tlsServerName
        self.serverPublicKeyFile = serverPublicKeyFile
        self.deprecateEOF = deprecateEOF
        self.maxPayload = maxPayload
        self.trace = trace
        // No version of its own: the program that uses the library names itself.
        attributes = [("_client_name", "MySQLWire"), ("_os", "Linux")]
        if let programName { attributes.append(("program_name", programName)) }
    }

    /// The server's public key file, read and checked, or nil.
    func readPublicKey() throws(MySQLError) -> [UInt8]? {
        guard let path = serverPublicKeyFile else { return nil }
        do {
            return try LocalFile.read(path, limit: 64 << 10).bytes
        } catch {
            throw .invalidArgument("the server public key file \(path) \(error)")
        }
    }

    /// Rejects values that cannot travel in the handshake (NUL-terminated fields).
    func validate() throws(MySQLError) {
        if username.utf8.contains(0) { throw .invalidArgument("the user name contains a NUL byte") }
        if let database, database.utf8.contains(0) { throw .invalidArgument("the database name contains a NUL byte") }
        if password.utf8Bytes.contains(0) { throw .invalidArgument("the password contains a NUL byte") }
    }
}
