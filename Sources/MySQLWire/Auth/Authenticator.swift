import Transport

/// The authentication exchange after HandshakeResponse41: OK ends it, ERR fails it, an auth
/// switch restarts it with another plugin and nonce, auth-more-data (0x01) goes to the plugin.
/// Socket-free: it is handed the server's packets and says what to send.
/// https://mariadb.com/kb/en/connection/#authentication-phase
struct Authenticator {
    enum Step {
        /// Send these bytes as the next packet.
        case send([UInt8])
        /// Nothing to send; read the server's next packet.
        case wait
        /// The server accepted the login.
        case done(OKPacket)
    }

    private(set) var plugin: any AuthPlugin
    private(set) var nonce: [UInt8]
    let password: Secret
    let channel: AuthChannel
    let serverPublicKey: [UInt8]?
    /// Auth switches seen; a server that keeps switching is refused.
    private var switches = 0

    /// Starts with the server's proposed plugin when this client speaks it and it is a hashing
    /// one, otherwise mysql_native_password (the server then switches us if the account needs
    /// another). A cleartext plugin is never chosen unasked.
    init(proposed: String?, nonce: [UInt8], password: Secret, channel: AuthChannel, serverPublicKey: [UInt8]?) {
        var plugin: any AuthPlugin = NativePasswordAuth()
        if let proposed, proposed != ClearPasswordAuth.pluginName, let offered = try? AuthPlugins.make(proposed),
           channel != .awaitingFingerprint || offered.provesFingerprint {
            plugin = offered
        }
        self.plugin = plugin
        self.nonce = nonce
        self.password = password
        self.channel = channel
        self.serverPublicKey = serverPublicKey
    }

    var pluginName: String { plugin.name }

    private var context: AuthContext {
        AuthContext(password: password, nonce: nonce, channel: channel, serverPublicKey: serverPublicKey)
    }

    /// The auth data for HandshakeResponse41.
    mutating func initialResponse() throws(MySQLError) -> [UInt8] {
        try start()
    }

    /// Handles one server packet during authentication.
    mutating func handle(_ payload: [UInt8], capabilities: Capabilities) throws(MySQLError) -> Step {
        guard let first = payload.first else { throw .malformed(.emptyAuthPacket) }
        switch first {
        case 0x00:
            return .done(try OKPacket(decoding: payload, capabilities: capabilities))
        case 0xFF:
            throw .server(try ErrPacket(decoding: payload, capabilities: capabilities).error)
        case 0xFE:
            switches += 1
            guard switches <= 3 else { throw .malformed(.tooManyAuthSwitches) }
            let request = try AuthSwitchRequest(decoding: payload)
            plugin = try AuthPlugins.make(request.pluginName)
            nonce = request.pluginData
            return .send(try start())
        case 0x01:
            let context = self.context
            if let answer = try plugin.more(Array(payload.dropFirst()), context) { return .send(answer) }
            return .wait
        default:
            throw .malformed(.unexpectedAuthPacket(first))
        }
    }

    /// The current plugin's first answer; while the certificate awaits its fingerprint only a
    /// plugin that can prove it may answer at all.
    private mutating func start() throws(MySQLError) -> [UInt8] {
        if channel == .awaitingFingerprint && !plugin.provesFingerprint {
            throw .insecure(.unprovablePlugin(plugin.name))
        }
        return try plugin.start(context)
    }
}
