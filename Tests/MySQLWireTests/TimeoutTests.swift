import TestSupport
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
            guard let (fd, port) = listenOnLoopback(backlog: 4) else { throw FixtureError("cannot listen") }
            self.fd = fd
            self.port = port
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

    @Test("a server that never sends its greeting is a read timeout during login, within the configured time")
    func silentServer() throws {
        let listener = try SilentListener()
        let options = ConnectionOptions(endpoint: .tcp(host: "127.0.0.1", port: listener.port), username: "u",
                                        password: "p", timeouts: Timeouts(connect: 2, read: 0.5, write: 2))
        let start = Self.monotonicSeconds()
        #expect {
            try Connection(options: options)
        } throws: { error in
            error as? MySQLError == .timedOut(.login, .waitingForAnswer("127.0.0.1:\(listener.port)"), seconds: 0.5)
        }
        let elapsed = Self.monotonicSeconds() - start
        #expect(elapsed >= 0.45 && elapsed < 2.0, "took \(elapsed) s")
    }

    @Test("a timeout says the step it happened in: during login, or waiting for the rows of the query")
    func timeoutWording() {
        #expect(MySQLError.timedOut(.login, .waitingForAnswer("db:3306"), seconds: 10).description
            == "timed out after 10 s during login: waiting for db:3306 to answer")
        #expect(MySQLError.timedOut(.login, .connecting("db:3306"), seconds: 2).description
            == "timed out after 2 s during login: connecting to db:3306")
        #expect(MySQLError.timedOut(.query, .waitingForAnswer("db:3306"), seconds: 30).description
            == "timed out after 30 s waiting for the rows of the query from db:3306")
        #expect(MySQLError.timedOut(.query, .sending("db:3306"), seconds: 0.5).description
            == "timed out after 0.5 s sending the query to db:3306")
        #expect(MySQLError.timedOut(.command("COM_PING"), .waitingForAnswer("db:3306"), seconds: 30).description
            == "timed out after 30 s during COM_PING: waiting for db:3306 to answer")
    }

    @Test("a port nobody listens on is refused at once")
    func refused() throws {
        let closed = try #require(refusingLoopbackPort())
        defer { close(closed.fd) }
        let port = closed.port
        #expect {
            try Socket(connectingTo: .tcp(host: "127.0.0.1", port: port), timeouts: Timeouts(connect: 5))
        } throws: { error in
            (error as? TransportError) == .connect(endpoint: "127.0.0.1:\(port)", .errno(ECONNREFUSED))
        }
    }
}
