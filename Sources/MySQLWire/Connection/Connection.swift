import Transport

/// A blocking connection to a MariaDB or MySQL server: connect, (TLS), authenticate, run text
/// queries, quit. Not for use from several threads at once.
public final class Connection {
    /// The server's greeting, as received.
    package let handshake: HandshakeV10
    /// The capabilities both sides agreed on.
    package let capabilities: Capabilities
    /// The authentication plugin that finally logged us in.
    public let authPlugin: String
    /// The TLS session, or nil when the connection is not encrypted.
    public let tls: TLSInfo?

    let channel: PacketChannel
    private let commandTimeout: Double?
    private(set) var isOpen = true

    /// The version string without MariaDB's "5.5.5-" prefix, e.g. "10.11.6-MariaDB-0+deb12u1".
    public var serverVersion: String { handshake.serverVersion }
    public var isMariaDB: Bool { handshake.isMariaDB }

    /// Connects, authenticates and selects `options.database`, within `options.timeouts.connect`.
    public convenience init(options: ConnectionOptions) throws(MySQLError) {
        var sentNothing = true
        try self.init(options: options, sentNothing: &sentNothing)
    }

    /// Connects as `init(options:)` does and, when that failed before this client wrote a
    /// byte — the server refused the connection, or closed or reset it before its greeting, as
    /// a server that is restarting does — tries once more after `retryDelay` seconds
    /// (go-sql-driver's errBadConnNoWrite). A login that sent anything, a timeout (it has spent
    /// its time already) and an answer the server gave are never tried again.
    public static func connect(options: ConnectionOptions, retryDelay: Double = 1) throws(MySQLError) -> Connection {
        var sentNothing = true
        do {
            return try Connection(options: options, sentNothing: &sentNothing)
        } catch {
            guard sentNothing, isRefusedOrDropped(error) else { throw error }
        }
        Pause.sleep(seconds: retryDelay)
        return try Connection(options: options)
    }

    /// A connection refused, or closed or reset by the peer: what a server that is going down
    /// or coming up does.
    private static func isRefusedOrDropped(_ error: MySQLError) -> Bool {
        switch error {
        case .transport(.connect), .transport(.closed), .transport(.io(.waitingForAnswer, _)): return true
        default: return false
        }
    }

    private init(options: ConnectionOptions, sentNothing: inout Bool) throws(MySQLError) {
        let login: Login
        do { login = try Login(options: options, sentNothing: &sentNothing) } catch { throw error.during(.login) }
        handshake = login.handshake
        capabilities = login.capabilities
        authPlugin = login.authPlugin
        tls = login.tls
        channel = login.channel
        commandTimeout = options.commandTimeout
    }

    deinit {
        if isOpen { channel.stream.close() }
    }

    /// Runs one or more statements and returns every result they produced.
    public func execute(_ sql: String) throws(MySQLError) -> [QueryResult] {
        do { return try executing(sql) } catch { throw error.during(.query) }
    }

    private func executing(_ sql: String) throws(MySQLError) -> [QueryResult] {
        try send(.query, argument: Array(sql.utf8))
        var decoder = TextResultDecoder(capabilities: capabilities)
        do {
            while try !decoder.consume(channel.readPayload()) {}
        } catch {
            // An ERR packet ends the answer and leaves the connection usable; anything else
            // (framing, transport, malformed bytes) leaves the stream in an unknown state.
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
            throw .unexpectedResult("the statement did not return exactly one result set")
        }
        return set
    }

    /// Checks that the server still answers (COM_PING).
    public func ping() throws(MySQLError) {
        try simpleCommand(.ping)
    }

    /// Makes `database` the default schema (COM_INIT_DB).
    public func selectDatabase(_ database: String) throws(MySQLError) {
        try simpleCommand(.initDB, argument: Array(database.utf8))
    }

    /// Resets the session (variables, temporary tables, transactions) without logging in again
    /// (COM_RESET_CONNECTION).
    public func reset() throws(MySQLError) {
        try simpleCommand(.resetConnection)
    }

    /// Says goodbye (COM_QUIT) and closes the socket. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        channel.resetSequence()
        channel.stream.deadline = nil
        try? channel.writePayload(Command.quit.payload(), kind: Command.quit.name)
        channel.stream.close()
        isOpen = false
    }

    /// Starts a command: sequence 0, and the command's deadline from now to its last packet.
    func send(_ command: Command, argument: [UInt8] = []) throws(MySQLError) {
        guard isOpen else { throw .connectionClosed }
        channel.resetSequence()
        channel.stream.deadline = commandTimeout.map { Deadline(secondsFromNow: $0) }
        do {
            try channel.writePayload(command.payload(argument), kind: command.name)
        } catch {
            closeAfterFailure()
            throw error
        }
    }

    /// Sends a command answered by OK, a timeout named by the command.
    private func simpleCommand(_ command: Command, argument: [UInt8] = []) throws(MySQLError) {
        do {
            try send(command, argument: argument)
            try readOK()
        } catch {
            throw error.during(.command(command.name))
        }
    }

    private func readOK() throws(MySQLError) {
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
    func closeAfterFailure() {
        channel.stream.close()
        isOpen = false
    }
}
