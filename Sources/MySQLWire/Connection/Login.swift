import Transport

/// Connecting through authentication: the greeting, TLS when chosen (with the certificate
/// judged before any authentication packet leaves), the auth exchange, and for MariaDB's
/// zero-configuration TLS the fingerprint check. The whole login is bounded by the connect
/// timeout, however the server paces its bytes.
/// https://mariadb.com/kb/en/connection/
struct Login {
    let handshake: HandshakeV10
    let capabilities: Capabilities
    let authPlugin: String
    let tls: TLSInfo?
    let channel: PacketChannel

    /// `sentNothing` stays true while the client has written no byte to the server: a failure
    /// then cannot have been a request the server took (see `Connection.connect`).
    init(options: ConnectionOptions, sentNothing: inout Bool) throws(MySQLError) {
        sentNothing = true
        try options.validate()
        let publicKey = try options.readPublicKey()
        let socket: Socket
        do {
            socket = try Socket(connectingTo: options.endpoint, timeouts: options.timeouts,
                                deadline: Deadline(secondsFromNow: options.timeouts.connect))
        } catch {
            throw .transport(error)
        }
        let channel = PacketChannel(stream: socket, maxPayload: options.maxPayload)
        channel.trace = options.trace
        do throws(MySQLError) {
            // The shared TLS context is made while the server composes its greeting, a few
            // hundred microseconds away: it is the costliest local step of a login. Wasted only
            // when `preferred` meets a server without TLS.
            let configuration = TLSNegotiation.configuration(for: options)
            if TLSNegotiation.mayUseTLS(options) {
                do { _ = try TLSContext.shared(for: configuration) } catch { throw .transport(error) }
            }
            let greeting = try HandshakeV10(decoding: channel.readPayload())
            guard greeting.capabilities.contains(.protocol41), greeting.capabilities.contains(.secureConnection) else {
                throw .unsupported("server \(greeting.serverVersion) does not speak protocol 4.1")
            }
            let negotiation = try TLSNegotiation(options: options, greeting: greeting)
            let agreed = Capabilities.negotiate(server: greeting.capabilities, options: options, tls: negotiation.useTLS)
            let mariaDB = !greeting.capabilities.contains(.clientMySQL)

            var authChannel = options.endpoint.isUnixSocket ? AuthChannel.protected : negotiation.plainChannel
            var tls: TLSInfo?
            var pendingFingerprint: (reason: String, certificate: [UInt8])?
            if negotiation.useTLS {
                var request = ByteWriter(capacity: 32)
                HandshakeResponse41(capabilities: agreed, username: "", authResponse: [], database: nil,
                                    authPluginName: nil, mariaDBExtended: mariaDB).encodedHeader(into: &request)
                sentNothing = false
                try channel.writePayload(request.bytes, kind: "SSLRequest")
                let stream: TLSStream
                do throws(TransportError) {
                    stream = try TLSStream(over: socket, configuration: configuration, timeouts: options.timeouts)
                } catch {
                    throw .transport(error)
                }
                try channel.replaceStream(stream)
                let check: CertificateCheck
                switch try negotiation.judge(stream.trust, greeting: greeting, options: options) {
                case let .proceed(how):
                    check = how
                    authChannel = .protected
                case let .awaitFingerprint(reason):
                    check = .fingerprint
                    authChannel = .awaitingFingerprint
                    pendingFingerprint = (reason, stream.peerCertificate)
                }
                tls = TLSInfo(version: stream.protocolVersion, cipher: stream.cipher, certificateCheck: check)
            }

            channel.phase = .authentication
            var authenticator = Authenticator(proposed: greeting.authPluginName, nonce: greeting.nonce,
                                              password: options.password, channel: authChannel, serverPublicKey: publicKey)
            let response = HandshakeResponse41(
                capabilities: agreed, username: options.username, authResponse: try authenticator.initialResponse(),
                database: options.database, authPluginName: authenticator.pluginName,
                attributes: options.attributes, mariaDBExtended: mariaDB)
            sentNothing = false
            try channel.writePayload(response.encoded(), kind: "handshake response")
            var ok: OKPacket?
            while ok == nil {
                switch try authenticator.handle(channel.readPayload(), capabilities: agreed) {
                case let .send(bytes): try channel.writePayload(bytes, kind: "auth data")
                case .wait: continue
                case let .done(packet): ok = packet
                }
            }
            if let pending = pendingFingerprint {
                let hash = try authenticator.plugin.passwordHash(options.password)
                guard let ok, try TLSFingerprint.matches(info: ok.info, passwordHash: hash, nonce: greeting.nonce,
                                                        certificate: pending.certificate) else {
                    throw .insecure(.fingerprintMismatch(pending.reason))
                }
            }
            channel.phase = .command
            channel.stream.deadline = nil
            handshake = greeting
            capabilities = agreed
            authPlugin = authenticator.pluginName
            self.tls = tls
            self.channel = channel
        } catch {
            channel.stream.close()
            throw error
        }
    }
}
