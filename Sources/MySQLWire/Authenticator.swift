/// The authentication exchange after HandshakeResponse41: OK ends it, ERR fails it, an auth
/// switch restarts it with another plugin and nonce.
/// https://mariadb.com/kb/en/connection/#authentication-phase
struct Authenticator {
    let password: Secret
    /// The plugin in use, as finally agreed.
    private(set) var pluginName: String
    private(set) var nonce: [UInt8]

    init(password: Secret, pluginName: String, nonce: [UInt8]) {
        self.password = password
        self.pluginName = pluginName
        self.nonce = nonce
    }

    /// Plugins this client can answer.
    static let supported: Set<String> = [NativePasswordAuth.name]

    /// The plugin to name in HandshakeResponse41: the server's proposal when supported,
    /// otherwise mysql_native_password (the server then switches us if it must).
    static func initialPlugin(proposed: String?) -> String {
        if let proposed, supported.contains(proposed) { return proposed }
        return NativePasswordAuth.name
    }

    /// The auth data for the current plugin and nonce.
    func response() throws(MySQLError) -> [UInt8] {
        switch pluginName {
        case NativePasswordAuth.name:
            return NativePasswordAuth.scramble(password: password.utf8Bytes, nonce: nonce)
        default:
            throw .unsupported("authentication plugin \(pluginName)")
        }
    }

    /// Handles one server packet during authentication. Returns the bytes to send next, or
    /// nil when the server accepted the login.
    mutating func handle(_ payload: [UInt8], capabilities: Capabilities) throws(MySQLError) -> [UInt8]? {
        guard let first = payload.first else { throw .malformed("empty packet during authentication") }
        switch first {
        case 0x00:
            _ = try OKPacket(decoding: payload, capabilities: capabilities)
            return nil
        case 0xFF:
            throw .server(try ErrPacket(decoding: payload, capabilities: capabilities).error)
        case 0xFE:
            let request = try AuthSwitchRequest(decoding: payload)
            pluginName = request.pluginName
            nonce = request.pluginData
            return try response()
        case 0x01:
            throw .unsupported("more authentication data for plugin \(pluginName)")
        default:
            throw .malformed("unexpected packet 0x\(String(first, radix: 16)) during authentication")
        }
    }
}
