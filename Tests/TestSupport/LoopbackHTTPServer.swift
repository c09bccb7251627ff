import COpenSSL
import Foundation

/// A request as a loopback test server received it.
package struct RecordedRequest: Sendable {
    package var method: String
    /// The path, query included.
    package var path: String
    /// Header names in lower case.
    package var headers: [String: String]
    package var body: [UInt8]
    /// The body's form fields, when it is application/x-www-form-urlencoded.
    package var form: [String: String]
}

/// What a test server does with a request.
package enum HTTPReply: Sendable {
    /// Answers with a status, headers and a body (chunked, or with Content-Length), written
    /// `piece` bytes at a time with `pause` seconds between writes, or all at once.
    case answer(status: Int, headers: [(String, String)] = [], body: String, chunked: Bool = false,
                piece: Int? = nil, pause: Double = 0)
    /// Reads the request and closes without answering.
    case close
    /// Reads the request and never answers, until the client gives up and closes.
    case hang
}

/// An HTTP/1.1 server on loopback (plain, or TLS with `TLSMaterial`) that hands each request to
/// `respond` and records it. One connection at a time, as the clients under test make them.
package final class LoopbackHTTPServer: @unchecked Sendable {
    package let port: UInt16
    private let listener: Int32
    private let tls: TLSMaterial?
    private let respond: @Sendable (RecordedRequest, Int) -> HTTPReply
    private let lock = NSCondition()
    private var requestsSeen: [RecordedRequest] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// `respond` gets each request and its number (0 for the first).
    package init(tls: TLSMaterial? = nil, respond: @escaping @Sendable (RecordedRequest, Int) -> HTTPReply) throws {
        signal(SIGPIPE, SIG_IGN)  // a client that gave up must not kill the test process
        self.tls = tls
        self.respond = respond
        guard let (fd, port) = listenOnLoopback() else { throw TestFailure("cannot listen") }
        listener = fd
        self.port = port
        Thread { [self] in
            serve()
            finished.signal()
        }.start()
    }

    deinit { stop() }

    /// "http://127.0.0.1:PORT" or "https://…".
    package var url: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// Requests received so far.
    package var requests: [RecordedRequest] {
        lock.lock()
        defer { lock.unlock() }
        return requestsSeen
    }

    /// Waits until `count` requests have arrived, at most `timeout` seconds; false if they did not.
    package func waitForRequests(_ count: Int, timeout: Double = 10) -> Bool {
        // The bound is kept on the monotonic clock; the condition is waited on in short slices,
        // so a wall clock that jumps neither ends the wait early nor stretches it.
        let stopwatch = Stopwatch()
        lock.lock()
        defer { lock.unlock() }
        while requestsSeen.count < count {
            let left = timeout - stopwatch.seconds
            guard left > 0 else { return false }
            _ = lock.wait(until: Date(timeIntervalSinceNow: min(left, 0.1)))
        }
        return true
    }

    /// Stops listening; later connections are refused.
    package func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        _ = finished.wait(timeout: .now() + 5)
    }

    private func serve() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            guard let connection = HTTPServerConnection(fd: fd, tls: tls) else { continue }
            guard let request = connection.readRequest() else {
                connection.close()
                continue
            }
            lock.lock()
            let number = requestsSeen.count
            requestsSeen.append(request)
            lock.broadcast()
            lock.unlock()
            switch respond(request, number) {
            case let .answer(status, headers, body, chunked, piece, pause):
                connection.write(HTTPServerConnection.encode(status: status, headers: headers, body: Array(body.utf8),
                                                             chunked: chunked), piece: piece, pause: pause)
            case .close:
                break
            case .hang:
                connection.waitForClose()
            }
            connection.close()
        }
    }
}

/// One HTTP/1.1 exchange on an accepted socket, over TLS when given material.
final class HTTPServerConnection {
    private let fd: Int32
    private var ssl: OpaquePointer?
    private var buffer: [UInt8] = []

    init?(fd: Int32, tls: TLSMaterial?) {
        self.fd = fd
        guard let tls else { return }
        guard let context = SSL_CTX_new(TLS_server_method()) else { Glibc.close(fd); return nil }
        defer { SSL_CTX_free(context) }
        guard SSL_CTX_use_certificate_file(context, tls.certificate, SSL_FILETYPE_PEM) == 1,
              SSL_CTX_use_PrivateKey_file(context, tls.key, SSL_FILETYPE_PEM) == 1,
              let ssl = SSL_new(context) else { Glibc.close(fd); return nil }
        self.ssl = ssl
        SSL_set_fd(ssl, fd)
        guard SSL_accept(ssl) == 1 else {
            ERR_clear_error()
            close()
            return nil
        }
    }

    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = ssl.map { Int(SSL_read($0, &chunk, Int32(chunk.count))) } ?? recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    func readRequest() -> RecordedRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = buffer.firstRange(of: separator) { headerEnd = range.upperBound; break }
            guard receive() else { return nil }
        }
        guard let end = headerEnd else { return nil }
        let lines = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where line.contains(":") {
            headers[line.prefix { $0 != ":" }.lowercased()] = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count - end < length {
            guard receive() else { return nil }
        }
        let body = Array(buffer[end..<(end + length)])
        var form: [String: String] = [:]
        if headers["content-type"] == "application/x-www-form-urlencoded" {
            for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
                let items = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                func decode(_ text: Substring) -> String {
                    String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                }
                if items.count == 2 { form[decode(items[0])] = decode(items[1]) }
            }
        }
        return RecordedRequest(method: String(parts[0]), path: String(parts[1]), headers: headers, body: body, form: form)
    }

    /// A whole response: status line, headers, and the body with Content-Length or in two chunks.
    static func encode(status: Int, headers: [(String, String)], body: [UInt8], chunked: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        guard chunked else {
            return Array((head + "Content-Length: \(body.count)\r\n\r\n").utf8) + body
        }
        var payload = Array((head + "Transfer-Encoding: chunked\r\n\r\n").utf8)
        let half = body.count / 2
        for part in [body[0..<half], body[half...]] where !part.isEmpty {
            payload += Array((String(part.count, radix: 16) + ";ext=1\r\n").utf8) + part + [13, 10]
        }
        return payload + Array("0\r\nX-Trailer: done\r\n\r\n".utf8)
    }

    /// Writes `bytes`, `piece` bytes per write (each its own TLS record), pausing between them.
    func write(_ bytes: [UInt8], piece: Int?, pause: Double) {
        let size = max(1, piece ?? bytes.count)
        var offset = 0
        while offset < bytes.count {
            let part = Array(bytes[offset..<min(bytes.count, offset + size)])
            let written: Int
            if let ssl {
                written = Int(SSL_write(ssl, part, Int32(part.count)))
            } else {
                written = send(fd, part, part.count, Int32(MSG_NOSIGNAL))
            }
            guard written == part.count else { return }
            offset += size
            if pause > 0 && offset < bytes.count { usleep(UInt32(pause * 1_000_000)) }
        }
    }

    /// Holds the connection until the client closes it.
    func waitForClose() {
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) > 0 {}
    }

    func close() {
        if let ssl {
            SSL_shutdown(ssl)
            SSL_free(ssl)
            self.ssl = nil
        }
        Glibc.close(fd)
    }
}
