import TestSupport
import COpenSSL
import Foundation
import Testing
import Transport

/// Plays the server side of a fixture on a loopback port: writes the server's packets, reads
/// the client's and compares them byte for byte with the recorded ones (`..` bytes excepted).
/// After an `@tls` line it upgrades to TLS with the fixture certificate, as a server would.
final class ReplayServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let fixture: Fixture
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var problems: [String] = []
    private var clientPacketsSeen = 0

    init(_ fixture: Fixture) throws {
        self.fixture = fixture
        guard let (listener, port) = listenOnLoopback(backlog: 1) else { throw FixtureError("cannot listen") }
        self.listener = listener
        self.port = port
        let thread = Thread { [self] in
            serve()
            done.signal()
        }
        thread.start()
    }

    /// Waits for the conversation to end and returns what did not match.
    func finish() -> (problems: [String], clientPackets: Int) {
        if done.wait(timeout: .now() + 30) == .timedOut { record("the replay did not finish") }
        Glibc.close(listener)
        lock.lock()
        defer { lock.unlock() }
        return (problems, clientPacketsSeen)
    }

    private func record(_ problem: String) {
        lock.lock()
        problems.append(problem)
        lock.unlock()
    }

    private func serve() {
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 10_000) == 1 else { return record("no client connected") }
        let fd = accept(listener, nil, nil)
        guard fd >= 0 else { return record("accept failed") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var io: ReplayIO = PlainIO(fd: fd)
        defer { io.close() }
        for (index, packet) in fixture.packets.enumerated() {
            switch packet.direction {
            case .server:
                let bytes = [UInt8(packet.pattern.count & 0xFF), UInt8(packet.pattern.count >> 8 & 0xFF),
                             UInt8(packet.pattern.count >> 16 & 0xFF), packet.sequence] + packet.bytes
                guard io.write(bytes) else { return record("packet \(index): the client went away") }
            case .client:
                guard let header = io.read(4) else {
                    return record("packet \(index): expected a client packet, the connection ended")
                }
                let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16
                guard let payload = io.read(length) else { return record("packet \(index): short client packet") }
                lock.lock()
                clientPacketsSeen += 1
                lock.unlock()
                if header[3] != packet.sequence {
                    record("packet \(index): sequence \(header[3]), expected \(packet.sequence)")
                }
                if let problem = compare(payload, packet.pattern) { record("packet \(index): \(problem)") }
            }
            if index == fixture.tlsAfter {
                guard let tls = TLSServerIO(fd: fd) else { return record("the TLS handshake failed") }
                io = tls
            }
        }
    }

    private func compare(_ payload: [UInt8], _ pattern: [UInt8?]) -> String? {
        if payload.count != pattern.count {
            return "client sent \(payload.count) bytes, expected \(pattern.count)"
        }
        for (offset, (byte, expected)) in zip(payload, pattern).enumerated() {
            if let expected, expected != byte {
                return "client byte \(offset) is \(String(byte, radix: 16)), expected \(String(expected, radix: 16))"
            }
        }
        return nil
    }
}

private protocol ReplayIO {
    func read(_ count: Int) -> [UInt8]?
    func write(_ bytes: [UInt8]) -> Bool
    func close()
}

private struct PlainIO: ReplayIO {
    let fd: Int32

    func read(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + offset, count - offset, 0) }
            guard got > 0 else { return nil }
            offset += got
        }
        return bytes
    }

    func write(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    func close() { Glibc.close(fd) }
}

/// The server side of TLS with the fixture certificate (Tests/WireFixtures/tls/).
private final class TLSServerIO: ReplayIO {
    private let fd: Int32
    private let context: OpaquePointer
    private let ssl: OpaquePointer

    init?(fd: Int32) {
        self.fd = fd
        guard let context = SSL_CTX_new(TLS_server_method()) else { return nil }
        self.context = context
        let directory = Fixture.directory + "/tls"
        guard SSL_CTX_use_certificate_file(context, directory + "/server.pem", SSL_FILETYPE_PEM) == 1,
              SSL_CTX_use_PrivateKey_file(context, directory + "/server-key.pem", SSL_FILETYPE_PEM) == 1,
              let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            return nil
        }
        self.ssl = ssl
        SSL_set_fd(ssl, fd)
        guard SSL_accept(ssl) == 1 else {
            SSL_free(ssl)
            SSL_CTX_free(context)
            return nil
        }
    }

    func read(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress! + offset, Int32(count - offset)) }
            guard got > 0 else { return nil }
            offset += Int(got)
        }
        return bytes
    }

    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) } == Int32(bytes.count)
    }

    func close() {
        SSL_shutdown(ssl)
        SSL_free(ssl)
        SSL_CTX_free(context)
        Glibc.close(fd)
    }
}
