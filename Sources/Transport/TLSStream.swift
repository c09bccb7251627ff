import COpenSSL
import Glibc

/// A TLS session through OpenSSL over a connected socket, with the socket's timeouts and
/// deadline. No OpenSSL state exists until the first TLSContext is made.
package final class TLSStream: ByteStream {
    private let socket: Socket
    private var ssl: OpaquePointer?
    private let timeouts: Timeouts

    /// The verification result of the server's certificate.
    package let trust: CertificateTrust
    /// The server's leaf certificate, DER-encoded.
    package let peerCertificate: [UInt8]
    /// The negotiated protocol, e.g. "TLSv1.3".
    package let protocolVersion: String
    /// The negotiated cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    package let cipher: String

    package var deadline: Deadline? {
        get { socket.deadline }
        set { socket.deadline = newValue }
    }

    /// The endpoint of the socket underneath.
    package var endpoint: Endpoint { socket.endpoint }

    /// Runs the TLS handshake over `socket` (which this stream then owns), within the connect
    /// timeout and the socket's deadline. An untrusted certificate does not fail the handshake:
    /// `trust` says what verification found, and the caller decides before sending anything.
    /// The context is the process's shared one for the configuration's trust settings.
    package convenience init(over socket: Socket, configuration: TLSConfiguration, timeouts: Timeouts) throws(TransportError) {
        try self.init(over: socket, context: TLSContext.shared(for: configuration), serverName: configuration.serverName,
                      checkName: configuration.checkName, timeouts: timeouts)
    }

    /// The same handshake from a context obtained beforehand (see `TLSContext`); `serverName`
    /// is sent as SNI and, with `checkName`, checked against the certificate (a DNS name or an
    /// IP address) once the whole chain has verified.
    package init(over socket: Socket, context: TLSContext, serverName: String?, checkName: Bool = true,
                timeouts: Timeouts) throws(TransportError) {
        self.socket = socket
        self.timeouts = timeouts
        ssl = try TLSStream.makeSession(context: context, serverName: serverName, socket: socket)
        guard let ssl else { throw .tlsSetup("no session") }

        let step = TransportStep.tlsHandshake(socket.endpoint.description)
        let limit = socket.limit(timeouts.connect)
        while true {
            let result = SSL_connect(ssl)
            if result == 1 { break }
            do throws(TransportError) {
                try TLSStream.waitFor(SSL_get_error(ssl, result), socket: socket, until: limit, step: step)
            } catch {
                SSL_free(ssl)
                self.ssl = nil
                throw error
            }
        }

        trust = TLSStream.trust(ssl, verify: context.verify, expectedName: checkName ? serverName ?? "" : nil)
        peerCertificate = TLSStream.peerCertificate(ssl)
        protocolVersion = String(cString: SSL_get_version(ssl))
        cipher = SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? "unknown"
    }

    deinit { close() }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        guard let ssl else { throw .closed }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let step = TransportStep.waitingForAnswer(socket.endpoint.description)
        try socket.checkDeadline(step)
        let limit = socket.limit(timeouts.read)
        while true {
            let count = SSL_read(ssl, base, Int32(clamping: buffer.count))
            if count > 0 { return Int(count) }
            let code = SSL_get_error(ssl, count)
            if code == SSL_ERROR_ZERO_RETURN { return 0 }
            if code == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 { return 0 }
            try TLSStream.waitFor(code, socket: socket, until: limit, step: step)
        }
    }

    package func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard let ssl else { throw .closed }
        guard let base = bytes.baseAddress else { return }
        let step = TransportStep.sending(socket.endpoint.description)
        try socket.checkDeadline(step)
        let limit = socket.limit(timeouts.write)
        var offset = 0
        while offset < bytes.count {
            let count = SSL_write(ssl, base + offset, Int32(clamping: bytes.count - offset))
            if count > 0 {
                offset += Int(count)
                continue
            }
            try TLSStream.waitFor(SSL_get_error(ssl, count), socket: socket, until: limit, step: step)
        }
    }

    package func close() {
        if let ssl {
            _ = SSL_shutdown(ssl)
            SSL_free(ssl)
            self.ssl = nil
        }
        socket.close()
    }

    // MARK: - Setting up

    /// A client session from `context` over the socket, through the SIGPIPE-free BIO, with the
    /// server name as SNI. The name is never put in the verification parameters: OpenSSL
    /// checks such a name before the signatures and stops at the first error, so a wrong name
    /// would hide a forged or expired certificate. `trust` checks it after the chain.
    private static func makeSession(context: TLSContext, serverName: String?, socket: Socket) throws(TransportError) -> OpaquePointer {
        // The session takes its own reference to the context.
        guard let ssl = SSL_new(context.pointer) else { throw .tlsSetup(lastError()) }
        if let name = serverName, !name.isEmpty, !Endpoint.isIPAddress(name) {
            _ = bc_SSL_set_sni(ssl, name)
        }
        guard let bio = SocketBIO.make(descriptor: socket.fileDescriptor) else {
            SSL_free(ssl)
            throw .tlsSetup(lastError())
        }
        SSL_set_bio(ssl, bio, bio)
        return ssl
    }

    /// The chain first, whole; then, when `expectedName` is given (identity asked for), the
    /// name on the leaf, as Connector/C does (X509_check_host / X509_check_ip_asc), so that
    /// `.wrongName` only ever describes a certificate whose chain verified.
    private static func trust(_ ssl: OpaquePointer, verify: Bool, expectedName: String?) -> CertificateTrust {
        guard verify else { return .notVerified }
        guard let certificate = SSL_get0_peer_certificate(ssl) else { return .untrusted("the server sent no certificate") }
        let result = SSL_get_verify_result(ssl)
        guard result == X509_V_OK else { return .untrusted(String(cString: X509_verify_cert_error_string(result))) }
        guard let name = expectedName else { return .trusted }
        guard !name.isEmpty else { return .wrongName("there is no host name to check the certificate against") }
        let matches = Endpoint.isIPAddress(name)
            ? X509_check_ip_asc(certificate, name, 0) == 1
            : X509_check_host(certificate, name, name.utf8.count, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS), nil) == 1
        return matches ? .trusted : .wrongName("the certificate is not for \(name)")
    }

    private static func peerCertificate(_ ssl: OpaquePointer) -> [UInt8] {
        guard let certificate = SSL_get0_peer_certificate(ssl) else { return [] }
        let length = i2d_X509(certificate, nil)
        guard length > 0 else { return [] }
        var der = [UInt8](repeating: 0, count: Int(length))
        der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            _ = i2d_X509(certificate, &cursor)
        }
        return der
    }

    /// Waits for what OpenSSL asked for, or turns its error into a TransportError.
    private static func waitFor(_ code: Int32, socket: Socket, until limit: Deadline,
                                step: TransportStep) throws(TransportError) {
        switch code {
        case SSL_ERROR_WANT_READ:
            try Socket.wait(fd: socket.fileDescriptor, for: Int16(POLLIN), until: limit, step: step)
        case SSL_ERROR_WANT_WRITE:
            try Socket.wait(fd: socket.fileDescriptor, for: Int16(POLLOUT), until: limit, step: step)
        case SSL_ERROR_ZERO_RETURN:
            throw .closed
        case SSL_ERROR_SYSCALL:
            let codes = errorCodes()
            throw codes.isEmpty ? .closed : .io(step, .openSSL(codes))
        default:
            throw .io(step, .openSSL(errorCodes()))
        }
    }

    /// OpenSSL's queued error codes, oldest first; the queue is emptied.
    static func errorCodes() -> [UInt] {
        var codes: [UInt] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            codes.append(code)
        }
        return codes
    }

    /// OpenSSL's queued errors as text, oldest first; the queue is emptied.
    static func lastError() -> String { TransportCause.openSSL(errorCodes()).description }
}
