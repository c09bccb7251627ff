import TestSupport
import COpenSSL
import Foundation
import Testing

/// A Zulip-like HTTP server on loopback (plain or TLS), for the Zulip client and the checker:
/// it checks basic auth and the form fields of `POST /api/v1/messages`, answers
/// `GET /api/v1/users/me`, and answers as Zulip's documented API does, including its error
/// bodies. Each connection takes the next behaviour from a script; the last one repeats.
final class FakeZulip: @unchecked Sendable {
    enum Behavior {
        /// Answer as Zulip would (success, or 400/401 with Zulip's error bodies).
        case zulip
        /// Answer as Zulip would, with a chunked body.
        case zulipChunked
        /// Answer with this status and body.
        case respond(Int, String)
        /// Accept, read the request, close without answering.
        case close
        /// Accept, read the request, never answer.
        case hang
    }

    struct Request {
        var method: String
        var path: String
        var headers: [String: String]
        var body: [UInt8]
        var form: [String: String]
    }

    static let email = "backup-bot@zulip.example.org"
    static let apiKey = "zulip-Key-0123456789abcdef"

    let port: UInt16
    private let listener: Int32
    private let tls: TLSMaterial?
    private var script: [Behavior]
    private let lock = NSLock()
    private var requestsSeen: [Request] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    init(script: [Behavior] = [.zulip], tls: TLSMaterial? = nil) throws {
        signal(SIGPIPE, SIG_IGN)  // a client that gave up must not kill the test process
        self.script = script
        self.tls = tls
        guard let (fd, port) = listenOnLoopback() else { throw TestFailure("cannot listen") }
        listener = fd
        self.port = port
        Thread { [self] in
            serve()
            finished.signal()
        }.start()
    }

    deinit { stop() }

    var site: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// Requests received so far.
    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return requestsSeen
    }

    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        _ = finished.wait(timeout: .now() + 5)
    }

    private func nextBehavior() -> Behavior {
        lock.lock()
        defer { lock.unlock() }
        return script.count > 1 ? script.removeFirst() : (script.first ?? .zulip)
    }

    private func serve() {
        while true {
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else { return }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let behavior = nextBehavior()
            guard let connection = HTTPConnection(fd: fd, tls: tls) else { continue }
            guard let request = connection.readRequest() else {
                connection.close()
                continue
            }
            lock.lock()
            requestsSeen.append(request)
            lock.unlock()
            switch behavior {
            case .zulip: connection.respond(Self.answer(request), chunked: false)
            case .zulipChunked: connection.respond(Self.answer(request), chunked: true)
            case let .respond(status, body): connection.respond((status, body), chunked: false)
            case .close: break
            case .hang:
                // Hold the connection open without answering until the client gives up.
                var byte: UInt8 = 0
                _ = recv(fd, &byte, 1, 0)
            }
            connection.close()
        }
    }

    /// Zulip's answer to a request, as its API documents it.
    static func answer(_ request: Request) -> (Int, String) {
        let expected = "Basic " + Data("\(email):\(apiKey)".utf8).base64EncodedString()
        guard request.headers["authorization"] == expected else {
            return (401, #"{"result":"error","msg":"Invalid API key","code":"INVALID_API_KEY"}"#)
        }
        switch (request.method, request.path) {
        case ("POST", "/api/v1/messages"):
            for field in ["type", "to", "topic", "content"] where request.form[field] == nil {
                return (400, #"{"result":"error","msg":"Missing '\#(field)' argument","code":"REQUEST_VARIABLE_MISSING","var_name":"\#(field)"}"#)
            }
            guard request.form["type"] == "stream" || request.form["type"] == "channel" else {
                return (400, #"{"result":"error","msg":"Invalid message type","code":"BAD_REQUEST"}"#)
            }
            guard request.headers["content-type"] == "application/x-www-form-urlencoded" else {
                return (400, #"{"result":"error","msg":"Missing 'type' argument","code":"REQUEST_VARIABLE_MISSING"}"#)
            }
            return (200, #"{"id":42,"msg":"","result":"success"}"#)
        case ("GET", "/api/v1/users/me"):
            return (200, #"{"result":"success","msg":"","email":"\#(email)","full_name":"Backup","user_id":12,"is_bot":true}"#)
        default:
            return (404, #"{"result":"error","msg":"Not Found","code":"BAD_REQUEST"}"#)
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A CA and a server certificate for 127.0.0.1, made with the openssl command for this run.
struct TLSMaterial {
    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    var certificate: String { directory.appendingPathComponent("server.pem").path }
    var key: String { directory.appendingPathComponent("server-key.pem").path }

    static func make(in directory: URL) throws -> TLSMaterial {
        let script = """
            set -e
            cd "\(directory.path)"
            openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=fake Zulip CA" -keyout ca-key.pem -out ca.pem
            openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -extfile ext -out server.pem
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("openssl failed") }
        return TLSMaterial(directory: directory)
    }
}

/// One HTTP/1.1 exchange on an accepted socket, over TLS when given material.
private final class HTTPConnection {
    private let fd: Int32
    private var context: OpaquePointer?
    private var ssl: OpaquePointer?
    private var buffer: [UInt8] = []

    init?(fd: Int32, tls: TLSMaterial?) {
        self.fd = fd
        guard let tls else { return }
        guard let context = SSL_CTX_new(TLS_server_method()),
              SSL_CTX_use_certificate_file(context, tls.certificate, SSL_FILETYPE_PEM) == 1,
              SSL_CTX_use_PrivateKey_file(context, tls.key, SSL_FILETYPE_PEM) == 1,
              let ssl = SSL_new(context) else { Glibc.close(fd); return nil }
        self.context = context
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
        let count: Int
        if let ssl {
            count = Int(SSL_read(ssl, &chunk, Int32(chunk.count)))
        } else {
            count = recv(fd, &chunk, chunk.count, 0)
        }
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    func readRequest() -> FakeZulip.Request? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            if let range = buffer.firstRange(of: separator) { headerEnd = range.upperBound; break }
            guard receive() else { return nil }
        }
        guard let end = headerEnd else { return nil }
        let head = String(decoding: buffer[0..<end], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where line.contains(":") {
            let name = line.prefix { $0 != ":" }.lowercased()
            headers[name] = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count - end < length {
            guard receive() else { return nil }
        }
        let body = Array(buffer[end..<(end + length)])
        var form: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let items = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if items.count == 2 { form[decode(items[0])] = decode(items[1]) }
        }
        return FakeZulip.Request(method: String(parts[0]), path: String(parts[1]), headers: headers, body: body, form: form)
    }

    func respond(_ answer: (Int, String), chunked: Bool) {
        let body = Array(answer.1.utf8)
        var text = "HTTP/1.1 \(answer.0) \(answer.0 == 200 ? "OK" : "Error")\r\nContent-Type: application/json\r\n"
        var payload: [UInt8]
        if chunked {
            text += "Transfer-Encoding: chunked\r\n\r\n"
            let half = body.count / 2
            payload = Array(text.utf8)
            for part in [body[0..<half], body[half...]] where !part.isEmpty {
                payload += Array((String(part.count, radix: 16) + "\r\n").utf8) + part + [13, 10]
            }
            payload += Array("0\r\n\r\n".utf8)
        } else {
            text += "Content-Length: \(body.count)\r\n\r\n"
            payload = Array(text.utf8) + body
        }
        if let ssl {
            _ = SSL_write(ssl, payload, Int32(payload.count))
        } else {
            _ = send(fd, payload, payload.count, Int32(MSG_NOSIGNAL))
        }
    }

    func close() {
        if let ssl {
            SSL_shutdown(ssl)
            SSL_free(ssl)
            self.ssl = nil
        }
        if let context {
            SSL_CTX_free(context)
            self.context = nil
        }
        Glibc.close(fd)
    }
}
