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
                    if drop == .afterClientWrote, let upstream = RestartingServer.connect(port: upstreamPort) {
                        // The greeting through, the client's first packet read, then both closed.
                        if let greeting = RestartingServer.readPacket(upstream) { _ = RestartingServer.send(greeting, client) }
                        _ = RestartingServer.readPacket(client)
                        close(upstream)
                    }
                    close(client)
                    continue
                }
                guard let upstream = RestartingServer.connect(port: upstreamPort) else {
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
                guard count > 0, send(Array(buffer[..<count]), target) else { break }
            }
            shutdown(source, Int32(SHUT_RDWR))
            shutdown(target, Int32(SHUT_RDWR))
        }.start()
    }

    private static func connect(port: UInt16) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// One whole packet, header included.
    private static func readPacket(_ fd: Int32) -> [UInt8]? {
        var header = [UInt8](repeating: 0, count: 4)
        guard recv(fd, &header, 4, Int32(MSG_WAITALL)) == 4 else { return nil }
        let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16
        var payload = [UInt8](repeating: 0, count: length)
        guard length == 0 || recv(fd, &payload, length, Int32(MSG_WAITALL)) == length else { return nil }
        return header + payload
    }

    private static func send(_ bytes: [UInt8], _ fd: Int32) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }
}
