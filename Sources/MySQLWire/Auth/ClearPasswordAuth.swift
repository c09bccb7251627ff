/// mysql_clear_password: the password itself, so only over TLS or a unix socket.
/// https://mariadb.com/kb/en/authentication-plugin-pam/#mysql_clear_password
struct ClearPasswordAuth: AuthPlugin {
    static let pluginName = "mysql_clear_password"
    var name: String { Self.pluginName }

    mutating func start(_ context: AuthContext) throws(MySQLError) -> [UInt8] {
        try context.cleartextPassword(plugin: name)
    }
}
