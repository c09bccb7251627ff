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

    public init(endpoint: Endpoint, username: String, password: Secret, database: String? = nil,
                timeouts: Timeouts = Timeouts(), deprecateEOF: Bool = true, maxPayload: Int = 256 << 20) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.database = database
        self.timeouts = timeouts
        self.deprecateEOF = deprecateEOF
        self.maxPayload = maxPayload
    }

    /// Rejects values that cannot travel in the handshake (NUL-terminated fields).
    func validate() throws(MySQLError) {
        if username.utf8.contains(0) { throw .invalidArgument("the user name contains a NUL byte") }
        if let database, database.utf8.contains(0) { throw .invalidArgument("the database name contains a NUL byte") }
        if password.value.utf8.contains(0) { throw .invalidArgument("the password contains a NUL byte") }
    }
}
