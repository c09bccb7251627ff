import Transport

/// A blocking connection to a MariaDB or MySQL server: connect, authenticate, run text
/// queries, quit. Not for use from several threads at once.
public final class Connection {
    /// The server's greeting, as received.
    public let handshake: HandshakeV10
    /// The capabilities both sides agreed on.
    public let capabilities: Capabilities
    /// The authentication plugin that finally logged us in.
    public let authPlugin: String

    private let channel: PacketChannel
    private var isOpen = true

    /// The version string without MariaDB's "5.5.5-" prefix, e.g. "10.11.6-MariaDB-0+deb12u1".
    public var serverVersion: String { handshake.serverVersion }
    public var isMariaDB: Bool { handshake.isMariaDB }

    /// Connects, authenticates and selects `options.database`.
    public init(options: ConnectionOptions) throws(MySQLError) {
        try options.validate()
        let socket: Socket
        do {
            socket = try Socket(connectingTo: options.endpoint, timeouts: options.timeouts)
        } catch {
            throw .transport(error)
        }
        let channel = PacketChannel(stream: socket, maxPayload: options.maxPayload)
        do throws(MySQLError) {
            let greeting = try HandshakeV10(decoding: channel.readPayload())
            guard greeting.capabilities.contains(.protocol41), greeting.capabilities.contains(.secureConnection) else {
                throw .unsupported("server \(greeting.serverVersion) does not speak protocol 4.1")
            }
            let agreed = Capabilities.negotiate(server: greeting.capabilities, options: options)
            let plugin = Authenticator.initialPlugin(proposed: greeting.authPluginName)
            var authenticator = Authenticator(password: options.password, pluginName: plugin, nonce: greeting.scramble)
            let response = HandshakeResponse41(
                capabilities: agreed, username: options.username, authResponse: try authenticator.response(),
                database: options.database, authPluginName: plugin,
                mariaDBExtended: !greeting.capabilities.contains(.clientMySQL))
            try channel.writePayload(response.encoded())
            while let next = try authenticator.handle(channel.readPayload(), capabilities: agreed) {
                try channel.writePayload(next)
            }
            self.handshake = greeting
            self.capabilities = agreed
            self.authPlugin = authenticator.pluginName
            self.channel = channel
        } catch {
            socket.close()
            throw error
        }
    }

    deinit {
        if isOpen { channel.stream.close() }
    }

    /// Runs one or more statements and returns every result they produced.
    public func execute(_ sql: String) throws(MySQLError) -> [QueryResult] {
        try send(.query, argument: Array(sql.utf8))
        var decoder = TextResultDecoder(capabilities: capabilities)
        do {
            while try !decoder.consume(channel.readPayload()) {}
        } catch {
            if case .server = error { throw error }
            closeAfterFailure()
            throw error
        }
        return decoder.results
    }

    /// Runs a statement that returns rows and returns its result set.
    public func query(_ sql: String) throws(MySQLError) -> ResultSet {
        let results = try execute(sql)
        guard results.count == 1, case let .rows(set) = results[0] else {
            throw .invalidArgument("the statement did not return exactly one result set")
        }
        return set
    }

    /// Checks that the server still answers.
    public func ping() throws(MySQLError) {
        try send(.ping)
        try expectOK()
    }

    /// Makes `database` the default schema.
    public func selectDatabase(_ database: String) throws(MySQLError) {
        try send(.initDB, argument: Array(database.utf8))
        try expectOK()
    }

    /// Says goodbye (COM_QUIT) and closes the socket. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        channel.resetSequence()
        try? channel.writePayload(Command.quit.payload())
        channel.stream.close()
        isOpen = false
    }

    private func send(_ command: Command, argument: [UInt8] = []) throws(MySQLError) {
        guard isOpen else { throw .connectionClosed }
        channel.resetSequence()
        do {
            try channel.writePayload(command.payload(argument))
        } catch {
            closeAfterFailure()
            throw error
        }
    }

    private func expectOK() throws(MySQLError) {
        let payload: [UInt8]
        do {
            payload = try channel.readPayload()
        } catch {
            closeAfterFailure()
            throw error
        }
        if ErrPacket.isErr(payload) {
            throw .server(try ErrPacket(decoding: payload, capabilities: capabilities).error)
        }
        _ = try OKPacket(decoding: payload, capabilities: capabilities)
    }

    /// After a framing or transport error the stream cannot be trusted: drop it.
    private func closeAfterFailure() {
        channel.stream.close()
        isOpen = false
    }
}
