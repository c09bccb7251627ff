import COpenSSL
import Foundation
import TestSupport

/// A man in the middle on loopback: it relays the real MariaDB's greeting and the client's
/// SSLRequest, then does TLS with the client under its own certificate and with the server as
/// a client, and relays what follows in both directions. It records every byte the client sent
/// after the TLS handshake: an authentication packet arriving here is a login handed over.
final class TLSRelay: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var clientBytesAfterTLS: [UInt8] = []
    private var handshakeDone = false
    private let finished = DispatchSemaphore(value: 0)

    init(to server: TestServer, presenting material: TLSMaterial) throws {
        signal(SIGPIPE, SIG_IGN)  // a client that refused the certificate and left must not kill the test process
        guard let (fd, port) = listenOnLoopback(backlog: 1) else { throw TestFailure("cannot listen") }
        listener = fd
        self.port = port
        Thread { [self] in
            relay(server: server, material: material)
            finished.signal()
        }.start()
    }

    /// What the client sent after the TLS handshake, once the conversation has ended.
    func bytesFromClientAfterTLS() -> (handshakeDone: Bool, bytes: [UInt8]) {
        _ = finished.wait(timeout: .now() + 15)
        lock.lock()
        defer { lock.unlock() }
        return (handshakeDone, clientBytesAfterTLS)
    }

    deinit { close(listener) }

    private func relay(server: TestServer, material: TLSMaterial) {
        let client = accept(listener, nil, nil)
        guard client >= 0, let upstream = PlainSocket.connect(port: server.port) else { return }
        defer {
            close(client)
            close(upstream)
        }
        for fd in [client, upstream] {
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        // The greeting, as the real server sent it (it offers TLS), and the client's SSLRequest.
        guard let greeting = PlainSocket.readPacket(upstream), PlainSocket.send(greeting, to: client),
              let request = PlainSocket.readPacket(client), request.count == 36, PlainSocket.send(request, to: upstream) else { return }
        // TLS with the client under the relay's certificate, and with the server as its client.
        guard let serverContext = SSL_CTX_new(TLS_server_method()), let clientContext = SSL_CTX_new(TLS_client_method()) else { return }
        defer {
            SSL_CTX_free(serverContext)
            SSL_CTX_free(clientContext)
        }
        guard SSL_CTX_use_certificate_file(serverContext, material.certificate, SSL_FILETYPE_PEM) == 1,
              SSL_CTX_use_PrivateKey_file(serverContext, material.key, SSL_FILETYPE_PEM) == 1,
              let toClient = SSL_new(serverContext), let toServer = SSL_new(clientContext) else { return }
        defer {
            SSL_free(toClient)
            SSL_free(toServer)
        }
        SSL_set_fd(toClient, client)
        SSL_set_fd(toServer, upstream)
        guard SSL_accept(toClient) == 1, SSL_connect(toServer) == 1 else {
            ERR_clear_error()
            return
        }
        lock.lock()
        handshakeDone = true
        lock.unlock()
        // Relay both ways until either side closes.
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: upstream, events: Int16(POLLIN), revents: 0)]
            if SSL_pending(toClient) == 0 && SSL_pending(toServer) == 0 {
                guard poll(&fds, 2, 10_000) > 0 else { return }
            }
            if SSL_pending(toClient) > 0 || fds[0].revents != 0 {
                let count = SSL_read(toClient, &buffer, Int32(buffer.count))
                guard count > 0 else { return }
                lock.lock()
                clientBytesAfterTLS += buffer[0..<Int(count)]
                lock.unlock()
                guard SSL_write(toServer, buffer, count) == count else { return }
            }
            if SSL_pending(toServer) > 0 || fds[1].revents != 0 {
                let count = SSL_read(toServer, &buffer, Int32(buffer.count))
                guard count > 0, SSL_write(toClient, buffer, count) == count else { return }
            }
        }
    }
}
