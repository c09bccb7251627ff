import Foundation
import TestSupport

/// A MariaDB that is restarting, in front of the test server: the first `drops` connections are
/// dropped — at once, before any greeting (nothing was written by the client), or after the
/// client wrote its first packet — and every later one is relayed to the test server byte for
/// byte.
final class RestartingServer: @unchecked Sendable {
    enum Drop: Sendable { case beforeGreeting, afterClientWrote }

    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var acceptedCount = 0

    /// How many connections the client opened.
    var accepted: Int { lock.withLock { acceptedCount } }

    init(relayingTo server: TestServer, drops: Int, drop: Drop) throws {
        signal(SIGPIPE, SIG_IGN)
        guard let (fd, port) = listenOnLoopback(backlog: 8) else { throw TestFailure("cannot listen") }
        listener = fd
        self.port = port
        let upstreamPort = server.port
        Thread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                let number = lock.withLock { acceptedCount += 1; return acceptedCount }
                if number <= drops {
                    if drop == .afterClientWrote, let upstream = PlainSocket.connect(port: upstreamPort) {
                        // The greeting through, the client's first packet read, then both closed.
                        if let greeting = PlainSocket.readPacket(upstream) { _ = PlainSocket.send(greeting, to: client) }
                        _ = PlainSocket.readPacket(client)
                        close(upstream)
                    }
                    close(client)
                    continue
                }
                guard let upstream = PlainSocket.connect(port: upstreamPort) else {
                    close(client)
                    continue
                }
                RestartingServer.pump(from: client, to: upstream)
                RestartingServer.pump(from: upstream, to: client)
            }
        }.start()
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Copies bytes until either side closes, then shuts both down.
    private static func pump(from source: Int32, to target: Int32) {
        Thread {
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = recv(source, &buffer, buffer.count, 0)
                guard count > 0, PlainSocket.send(Array(buffer[..<count]), to: target) else { break }
            }
            shutdown(source, Int32(SHUT_RDWR))
            shutdown(target, Int32(SHUT_RDWR))
        }.start()
    }
}
