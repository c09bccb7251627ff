/// The server asking the client to authenticate again with another plugin and nonce.
/// https://mariadb.com/kb/en/connection/#authentication-switch-request
struct AuthSwitchRequest: Equatable {
    var pluginName: String
    var pluginData: [UInt8]

    init(decoding payload: [UInt8]) throws(MySQLError) {
        var reader = ByteReader(payload, packet: .authSwitchRequest)
        _ = try reader.readUInt8()
        guard !reader.isAtEnd else {
            throw .unsupported("the server asked for the pre-4.1 password hash (mysql_old_password)")
        }
        pluginName = try reader.readNullTerminatedString()
        guard !pluginName.isEmpty else { throw .malformed(.authSwitchWithoutPlugin) }
        var data = Array(reader.readRest())
        if data.last == 0 { data.removeLast() }
        pluginData = data
    }
}
