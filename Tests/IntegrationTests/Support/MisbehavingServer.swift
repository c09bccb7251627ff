import TestSupport
import Foundation
import MySQLWire

/// A MariaDB look-alike on loopback that plays a normal conversation for the checker's query
/// (greeting, OK, six column definitions, rows) and misbehaves at one chosen step.
final class MisbehavingServer: @unchecked Sendable {
    enum Step: String, CaseIterable, Sendable {
        case beforeGreeting, duringAuth, afterQuery, midRows, midPacket
    }

    enum Behavior: String, CaseIterable, Sendable {
        /// Close the connection.
        case close
        /// Say nothing more, past the client's read timeout.
        case stall
        /// Send 64 random bytes.
        case garbage
        /// Send a packet with a sequence id out of order.
        case wrongSequence
        /// Announce a payload of 16 MiB − 1 bytes, then send nothing.
        case hugeLength
        /// Send a length of 2^40: as the column count when one is due, as a value's length in a
        /// row otherwise (a 0xFE packet this short would be a valid end-of-rows OK).
        case hugeColumnCount
        /// Announce a long packet, then drip one byte every 200 ms: each read is answered well
        /// within its timeout, so only a deadline on the whole exchange ends it.
        case drip
    }

    /// The greeting recorded from MariaDB 10.11 (Tests/WireFixtures/mariadb-native-password.txt).
    static let greeting: [UInt8] = hex("""
        0a352e352e352d31302e31312e31392d4d6172696144422d302b64656231327531006500000026227340253829
        6400feff2d0200ff81150000000000001d0000003e482d486440525c58234265006d7973716c5f6e617469
        76655f70617373776f726400
        """)

    let port: UInt16
    private let listener: Int32
    private let step: Step
    private let behavior: Behavior
    private let done = DispatchSemaphore(value: 0)

    init(step: Step, behavior: Behavior) throws {
        signal(SIGPIPE, SIG_IGN)
        self.step = step
        self.behavior = behavior
        guard let (fd, port) = listenOnLoopback(backlog: 4) else { throw TestFailure("cannot listen") }
        listener = fd
        self.port = port
        Thread { [self] in
            serve()
            done.signal()
        }.start()
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        _ = done.wait(timeout: .now() + 10)
    }

    private func serve() {
        let fd = accept(listener, nil, nil)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        func send(_ bytes: [UInt8]) { _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        func packet(_ payload: [UInt8], _ sequence: UInt8) -> [UInt8] {
            [UInt8(payload.count & 0xFF), UInt8(payload.count >> 8 & 0xFF), UInt8(payload.count >> 16), sequence] + payload
        }
        func readPacket() -> Bool {
            var header = [UInt8](repeating: 0, count: 4)
            guard recv(fd, &header, 4, Int32(MSG_WAITALL)) == 4 else { return false }
            let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16
            var payload = [UInt8](repeating: 0, count: max(length, 1))
            return length == 0 || recv(fd, &payload, length, Int32(MSG_WAITALL)) == length
        }
        func misbehave(nextSequence: UInt8) {
            switch behavior {
            case .close:
                return
            case .stall:
                var byte: UInt8 = 0
                _ = recv(fd, &byte, 1, 0)  // until the client gives up and closes
            case .garbage:
                var generator = SystemRandomNumberGenerator()
                send((0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) })
                var byte: UInt8 = 0
                _ = recv(fd, &byte, 1, 0)
            case .wrongSequence:
                send(packet([0x00, 0, 0, 2, 0, 0, 0], nextSequence &+ 7))
            case .hugeLength:
                send([0xFF, 0xFF, 0xFF, nextSequence])
                var byte: UInt8 = 0
                _ = recv(fd, &byte, 1, 0)
            case .drip:
                send([0x00, 0x00, 0x01, nextSequence])  // a 64 KiB payload, announced
                var byte: UInt8 = 0
                var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                // One byte every 200 ms until the client closes the connection.
                while poll(&waiting, 1, 200) == 0 || recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) != 0 {
                    guard Glibc.send(fd, [0x61], 1, Int32(MSG_NOSIGNAL)) == 1 else { return }
                    waiting.revents = 0
                }
            case .hugeColumnCount:
                let claim: [UInt8] = [0xFE, 0, 0, 0, 0, 0, 0x01, 0, 0]  // 2^40
                send(packet(step == .midRows || step == .midPacket ? [1, 0x31] + claim : claim, nextSequence))
                var byte: UInt8 = 0
                _ = recv(fd, &byte, 1, 0)
            }
        }

        if step == .beforeGreeting { return misbehave(nextSequence: 0) }
        send(packet(Self.greeting, 0))
        guard readPacket() else { return }
        if step == .duringAuth { return misbehave(nextSequence: 2) }
        send(packet([0x00, 0, 0, 2, 0, 0, 0], 2))
        guard readPacket() else { return }
        if step == .afterQuery { return misbehave(nextSequence: 1) }
        var sequence: UInt8 = 1
        send(packet([6], sequence))
        for (name, type) in [("id", ColumnType.long), ("date", .date), ("target", .varString),
                             ("start_time", .time), ("end_time", .time), ("status", .varString)] {
            sequence += 1
            send(packet(ColumnDefinition(schema: "backups", table: "list", name: name, type: type).encoded(), sequence))
        }
        sequence += 1
        let row: [UInt8] = [1, 0x31, 10] + Array("2024-10-18".utf8) + [17] + Array("mail.example.test".utf8)
            + [8] + Array("01:01:00".utf8) + [0xFB, 7] + Array("success".utf8)
        send(packet(row, sequence))
        if step == .midRows { return misbehave(nextSequence: sequence + 1) }
        sequence += 1
        let framed = packet(row, sequence)
        send(Array(framed.prefix(framed.count / 2)))
        misbehave(nextSequence: sequence + 1)
    }
}

private func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8.filter { !$0.isWhitespaceByte })
    return stride(from: 0, to: digits.count - 1, by: 2).map { index in
        UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) ?? 0
    }
}

private extension UInt8 {
    var isWhitespaceByte: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
