import Testing
import Transport
@testable import MySQLWire
#if canImport(Glibc)
import Glibc
#endif

@Suite("Timeouts")
struct TimeoutTests {
    /// A listening socket nobody accepts from: connects succeed (the kernel's backlog) and then
    /// nothing is ever said.
    final class SilentListener {
        private(set) var fd: Int32
        let port: UInt16

        init() throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var size = socklen_t(MemoryLayout<sockaddr_in>.size)
            let fd = self.fd
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
            }
            guard bound == 0, listen(fd, 4) == 0 else { throw FixtureError("cannot listen") }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) }
            }
            port = UInt16(bigEndian: address.sin_port)
        }

        /// Stops listening; later connections are refused.
        func stop() {
            if fd >= 0 { close(fd) }
            fd = -1
        }

        deinit { stop() }
    }

    static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    @Test("a server that never sends its greeting is a read timeout within the configured time")
    func silentServer() throws {
        let listener = try SilentListener()
        let options = ConnectionOptions(endpoint: .tcp(host: "127.0.0.1", port: listener.port), username: "u",
                                        password: "p", timeouts: Timeouts(connect: 2, read: 0.5, write: 2))
        let start = Self.monotonicSeconds()
        #expect {
            try Connection(options: options)
        } throws: { error in
            guard case let .transport(.timeout(step, seconds)) = error as? MySQLError else { return false }
            return seconds == 0.5 && step.contains("answer")
        }
        let elapsed = Self.monotonicSeconds() - start
        #expect(elapsed >= 0.45 && elapsed < 2.0, "took \(elapsed) s")
    }

    @Test("a port nobody listens on is refused at once")
    func refused() throws {
        let listener = try SilentListener()
        let port = listener.port
        listener.stop()
        #expect {
            try Socket(connectingTo: .tcp(host: "127.0.0.1", port: port), timeouts: Timeouts(connect: 5))
        } throws: { error in
            guard case .connect = error as? TransportError else { return false }
            return true
        }
    }
}
