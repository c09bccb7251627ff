/// Command bytes of the text protocol.
/// https://mariadb.com/kb/en/2-text-protocol/
enum Command: UInt8 {
    case quit = 0x01
    case initDB = 0x02
    case query = 0x03
    case ping = 0x0E
    case resetConnection = 0x1F

    /// The command's name in the protocol documentation, e.g. "COM_QUERY".
    var name: String {
        switch self {
        case .quit: return "COM_QUIT"
        case .initDB: return "COM_INIT_DB"
        case .query: return "COM_QUERY"
        case .ping: return "COM_PING"
        case .resetConnection: return "COM_RESET_CONNECTION"
        }
    }

    /// A command packet: the command byte followed by its argument.
    func payload(_ argument: some Sequence<UInt8> = [UInt8]()) -> [UInt8] {
        var writer = ByteWriter(capacity: 1 + argument.underestimatedCount)
        writer.writeUInt8(rawValue)
        writer.writeBytes(argument)
        return writer.bytes
    }
}
