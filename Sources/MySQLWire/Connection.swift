import Transport

/// A blocking connection to a MariaDB or MySQL server: connect, (TLS), authenticate, run text
/// queries, quit. Not for use from several threads at once.
public final class Connection {
    /// The server's greeting, as received.
    public let handshake: HandshakeV10
    /// The capabilities both sides agreed on.
    public let capabilities: Capabilities
    /// The authentication plugin that finally logged us in.
    public let authPlugin: String
    /// The TLS protocol and cipher, or nil when the connection is not encrypted.
    public let tls: (version: String, cipher: String)?
    /// How the server's certificate was trusted, for reports ("CA", "fingerprint", "not verified").
    public let certificateCheck: String?

    private let channel: PacketChannel
    private var isOpen = true

    /// The version string without MariaDB's "5.5.5-" prefix, e.g. "10.11.6-MariaDB-0+deb12u1".
    public var serverVersion: String { handshake.serverVersion }
    public var isMariaDB: Bool { handshake.isMariaDB }

    /// Connects, authenticates and selects `options.database`.
    public init(options: ConnectionOptions) throws(MySQLError) {
        try options.validate()
        let publicKey = try ConnectionOptions.readPublicKey(options.serverPublicKeyFile)
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
            let security = try TLSNegotiation(options: options, greeting: greeting, isUnixSocket: socket.isLocal)
            let agreed = Capabilities.negotiate(server: greeting.capabilities, options: options, tls: security.useTLS)
            let mariaDB = !greeting.capabilities.contains(.clientMySQL)

            var pendingCertificate: (certificate: [UInt8], reason: String)?
            var tlsInfo: (String, String)?
            if security.useTLS {
                var request = ByteWriter(capacity: 32)
                HandshakeResponse41(capabilities: agreed, username: "", authResponse: [], database: nil,
                                    authPluginName: nil, mariaDBExtended: mariaDB).encodedHeader(into: &request)
                try channel.writePayload(request.bytes)
                let stream: TLSStream
                do {
                    stream = try TLSStream(over: socket, configuration: security.configuration, timeouts: options.timeouts)
                } catch {
                    throw .transport(error)
                }
                try channel.replaceStream(stream)
                pendingCertificate = try security.judge(stream.trust, certificate: stream.peerCertificate,
                                                        greeting: greeting, password: options.password)
                tlsInfo = (stream.protocolVersion, stream.cipher)
            }

            var authenticator = Authenticator(
                proposed: greeting.authPluginName, nonce: greeting.scramble, password: options.password,
                cleartextAllowed: socket.isLocal || (security.useTLS && pendingCertificate == nil),
                serverPublicKey: publicKey)
            let response = HandshakeResponse41(
                capabilities: agreed, username: options.username, authResponse: try authenticator.initialResponse(),
                database: options.database, authPluginName: authenticator.pluginName,
                attributes: options.attributes, mariaDBExtended: mariaDB)
            try channel.writePayload(response.encoded())
            var ok: OKPacket?
            while ok == nil {
                switch try authenticator.handle(channel.readPayload(), capabilities: agreed) {
                case let .send(bytes): try channel.writePayload(bytes)
                case .wait: continue
                case let .done(packet): ok = packet
                }
            }
            if let pending = pendingCertificate {
                guard let hash = authenticator.plugin.passwordHash(options.password), let ok,
                      TLSFingerprint.matches(info: ok.info, passwordHash: hash, nonce: greeting.scramble,
                                             certificate: pending.certificate) else {
                    throw .insecure("the server's certificate is not trusted (\(pending.reason)) and the server did not prove it with the fingerprint MariaDB 11.4+ sends; set db_tls_ca to the CA that signed it")
                }
            }
            self.handshake = greeting
            self.capabilities = agreed
            self.authPlugin = authenticator.pluginName
            self.tls = tlsInfo
            self.certificateCheck = security.useTLS
                ? (pendingCertificate != nil ? "fingerprint" : (options.tlsMode.verifies ? "CA" : "not verified")) : nil
            self.channel = channel
        } catch {
            channel.stream.close()
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
            // An ERR packet ends the answer and leaves the connection usable; anything else
            // (framing, transport, malformed bytes) leaves the stream in an unknown state.
            if case .server = error { throw error }
            closeAfterFailure()
            throw error
        }
        return decoder.results
    }

    /// Runs a statement that returns rows and hands each row to `onRow` as it arrives, borrowed
    /// from the read buffer: memory stays flat however many rows there are. Returns the columns.
    @discardableResult
    public func stream(
        _ sql: String, onRow: (RowView) throws(MySQLError) -> Void
    ) throws(MySQLError) -> [ColumnDefinition] {
        try send(.query, argument: Array(sql.utf8))
        var decoder = TextResultDecoder(capabilities: capabilities)
        do throws(MySQLError) {
            // The header and the column definitions, through the ordinary decoder.
            while !decoder.isReadingRows {
                if try decoder.consume(channel.readPayload()) {
                    guard case let .rows(set) = decoder.results.last else {
                        throw .invalidArgument("the statement returned no rows")
                    }
                    return set.columns
                }
            }
            let columns = decoder.currentColumns
            let endLimit = capabilities.contains(.deprecateEOF) ? PacketChannel.maxFragment : 9
            let spans = UnsafeMutableBufferPointer<RowSpan>.allocate(capacity: max(columns.count, 1))
            defer { spans.deallocate() }
            try columns.withUnsafeBufferPointer { (columnView) throws(MySQLError) in
                let rowSpans = UnsafeBufferPointer(rebasing: spans[0..<columns.count])
                while true {
                    let payload = try channel.borrowPayload()
                    guard let first = payload.first else { throw .malformed("empty row packet") }
                    if first == 0xFE && payload.count < endLimit {
                        _ = try decoder.consume(Array(payload))
                        return
                    }
                    if first == 0xFF {
                        throw .server(try ErrPacket(decoding: Array(payload), capabilities: capabilities).error)
                    }
                    try TextRowScanner.scan(payload, columns: columns.count, into: spans)
                    try onRow(RowView(columns: columnView, payload: payload, spans: rowSpans))
                }
            }
            // A procedure's further results are read and dropped: the stream was for the first.
            while !decoder.isComplete { _ = try decoder.consume(channel.readPayload()) }
            return columns
        } catch {
            switch error {
            case .server, .invalidArgument, .invalidValue: throw error  // the connection is still in step
            default:
                closeAfterFailure()
                throw error
            }
        }
    }

    /// Runs a statement that returns rows and returns its result set.
    public func query(_ sql: String) throws(MySQLError) -> ResultSet {
        let results = try execute(sql)
        guard results.count == 1, case let .rows(set) = results[0] else {
            throw .invalidArgument("the statement did not return exactly one result set")
        }
        return set
    }

    /// Checks that the server still answers (COM_PING).
    public func ping() throws(MySQLError) {
        try send(.ping)
        try expectOK()
    }

    /// Makes `database` the default schema (COM_INIT_DB).
    public func selectDatabase(_ database: String) throws(MySQLError) {
        try send(.initDB, argument: Array(database.utf8))
        try expectOK()
    }

    /// Resets the session (variables, temporary tables, transactions) without logging in again
    /// (COM_RESET_CONNECTION).
    public func reset() throws(MySQLError) {
        try send(.resetConnection)
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
