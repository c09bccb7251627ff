import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How to set up TLS on a connection.
public struct TLSConfiguration: Sendable, Equatable {
    /// PEM file of trusted CAs; nil for the system's CA certificates.
    public var caFile: String?
    /// The name sent as SNI and checked against the certificate (a DNS name or an IP address).
    public var serverName: String?
    /// Whether the certificate is checked at all. Without it no CA store is loaded, which
    /// saves most of a handshake's client-side cost; `trust` is then `.untrusted`.
    public var verify: Bool

    public init(caFile: String? = nil, serverName: String? = nil, verify: Bool = true) {
        self.caFile = caFile
        self.serverName = serverName
        self.verify = verify
    }
}

/// What certificate verification found. The handshake itself never fails on an untrusted
/// certificate: the caller decides, because MariaDB can vouch for a self-signed certificate
/// after authentication (zero-configuration TLS).
public enum CertificateTrust: Sendable, Equatable {
    /// The chain leads to a trusted CA and the certificate names `serverName`.
    case trusted
    /// The chain is trusted but the certificate is for another name.
    case wrongName(String)
    /// The chain does not lead to a trusted CA (self-signed, expired, unknown issuer).
    case untrusted(String)
}

/// A TLS session through OpenSSL over a connected socket, with the socket's timeouts.
public final class TLSStream: ByteStream {
    private let socket: Socket
    private var ssl: OpaquePointer?
    private var context: OpaquePointer?
    private let timeouts: Timeouts

    /// The verification result of the server's certificate.
    public let trust: CertificateTrust
    /// The server's leaf certificate, DER-encoded.
    public let peerCertificate: [UInt8]
    /// The negotiated protocol, e.g. "TLSv1.3".
    public let protocolVersion: String
    /// The negotiated cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    public let cipher: String

    /// Runs the TLS handshake over `socket` (which this stream then owns).
    public init(over socket: Socket, configuration: TLSConfiguration, timeouts: Timeouts) throws(TransportError) {
        self.socket = socket
        self.timeouts = timeouts
        TLSStream.ignoreBrokenPipes()
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw .io(step: "setting up TLS", reason: TLSStream.lastError())
        }
        self.context = context
        _ = bc_SSL_CTX_set_min_tls12(context)
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        if !configuration.verify {
            // Encryption only: no trust anchors needed.
        } else if let caFile = configuration.caFile {
            guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                SSL_CTX_free(context)
                throw .invalidArgument("cannot load the CA file \(caFile): \(TLSStream.lastError())")
            }
        } else {
            SSL_CTX_set_default_verify_paths(context)
            // A slim image has the Debian bundle but not OpenSSL's own directory.
            for bundle in ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"]
            where access(bundle, R_OK) == 0 {
                SSL_CTX_load_verify_locations(context, bundle, nil)
            }
            ERR_clear_error()
        }
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw .io(step: "setting up TLS", reason: TLSStream.lastError())
        }
        self.ssl = ssl
        if let name = configuration.serverName, !name.isEmpty {
            let isAddress = TLSStream.isIPAddress(name)
            if isAddress {
                X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name)
            } else {
                _ = bc_SSL_set_sni(ssl, name)
                SSL_set1_host(ssl, name)
            }
        }
        SSL_set_fd(ssl, socket.fileDescriptor)

        let deadline = Deadline(secondsFromNow: timeouts.connect)
        while true {
            let result = SSL_connect(ssl)
            if result == 1 { break }
            let code = SSL_get_error(ssl, result)
            do throws(TransportError) {
                try TLSStream.waitFor(code, ssl: ssl, socket: socket, deadline: deadline,
                                      step: "the TLS handshake with \(socket.endpoint)", seconds: timeouts.connect)
            } catch {
                SSL_free(ssl)
                SSL_CTX_free(context)
                self.ssl = nil
                self.context = nil
                throw error
            }
        }

        let verify = SSL_get_verify_result(ssl)
        if !configuration.verify {
            trust = .untrusted("not verified")
        } else if verify == X509_V_OK {
            trust = .trusted
        } else if verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH {
            trust = .wrongName("the certificate is not for \(configuration.serverName ?? "")")
        } else {
            trust = .untrusted(String(cString: X509_verify_cert_error_string(verify)))
        }
        var der: [UInt8] = []
        if let certificate = SSL_get1_peer_certificate(ssl) {
            let length = i2d_X509(certificate, nil)
            if length > 0 {
                der = [UInt8](repeating: 0, count: Int(length))
                der.withUnsafeMutableBufferPointer { buffer in
                    var cursor = buffer.baseAddress
                    _ = i2d_X509(certificate, &cursor)
                }
            }
            X509_free(certificate)
        }
        peerCertificate = der
        protocolVersion = String(cString: SSL_get_version(ssl))
        cipher = SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? "unknown"
    }

    deinit { close() }

    public var endpoint: Endpoint { socket.endpoint }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> Int {
        guard let ssl else { throw .closed }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let deadline = Deadline(secondsFromNow: timeouts.read)
        while true {
            let count = SSL_read(ssl, base, Int32(clamping: buffer.count))
            if count > 0 { return Int(count) }
            let code = SSL_get_error(ssl, count)
            if code == SSL_ERROR_ZERO_RETURN { return 0 }
            if code == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 { return 0 }
            try TLSStream.waitFor(code, ssl: ssl, socket: socket, deadline: deadline,
                                  step: "waiting for the server at \(socket.endpoint) to answer", seconds: timeouts.read)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
        guard let ssl else { throw .closed }
        guard let base = bytes.baseAddress else { return }
        let deadline = Deadline(secondsFromNow: timeouts.write)
        var offset = 0
        while offset < bytes.count {
            let count = SSL_write(ssl, base + offset, Int32(clamping: bytes.count - offset))
            if count > 0 {
                offset += Int(count)
                continue
            }
            let code = SSL_get_error(ssl, count)
            try TLSStream.waitFor(code, ssl: ssl, socket: socket, deadline: deadline,
                                  step: "sending to \(socket.endpoint)", seconds: timeouts.write)
        }
    }

    public func close() {
        if let ssl {
            _ = SSL_shutdown(ssl)
            SSL_free(ssl)
            self.ssl = nil
        }
        if let context {
            SSL_CTX_free(context)
            self.context = nil
        }
        socket.close()
    }

    /// Waits for what OpenSSL asked for, or turns its error into a TransportError.
    private static func waitFor(_ code: Int32, ssl: OpaquePointer, socket: Socket, deadline: Deadline,
                                step: String, seconds: Double) throws(TransportError) {
        switch code {
        case SSL_ERROR_WANT_READ:
            try Socket.wait(fd: socket.fileDescriptor, for: Int16(POLLIN), deadline: deadline, step: step, seconds: seconds)
        case SSL_ERROR_WANT_WRITE:
            try Socket.wait(fd: socket.fileDescriptor, for: Int16(POLLOUT), deadline: deadline, step: step, seconds: seconds)
        case SSL_ERROR_ZERO_RETURN:
            throw .closed
        case SSL_ERROR_SYSCALL:
            let detail = lastError()
            throw detail.isEmpty ? .closed : .io(step: step, reason: detail)
        default:
            throw .io(step: step, reason: lastError())
        }
    }

    /// OpenSSL's queued errors as text, oldest first; the queue is emptied.
    static func lastError() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.joined(separator: "; ")
    }

    /// OpenSSL writes with write(2), which raises SIGPIPE when the peer has gone; that would kill
    /// the process instead of giving an error. Plain sockets use MSG_NOSIGNAL; for TLS the signal
    /// is ignored process-wide, once, as libcurl and most TLS clients do.
    private static func ignoreBrokenPipes() {
        _ = ignoreSIGPIPE
    }

    private static let ignoreSIGPIPE: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    static func isIPAddress(_ name: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, name, &v4) == 1 || inet_pton(AF_INET6, name, &v6) == 1
    }
}
