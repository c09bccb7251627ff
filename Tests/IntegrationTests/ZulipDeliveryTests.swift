import Foundation
import Testing
@testable import Checker
import MySQLWire
import Transport

/// The Zulip client against a Zulip-like server on loopback.
@Suite("Zulip delivery")
struct ZulipDeliveryTests {
    static func client(_ server: FakeZulip, caFile: String? = nil, apiKey: String = FakeZulip.apiKey,
                       timeouts: Timeouts = Timeouts(connect: 2, read: 2, write: 2)) throws -> ZulipClient {
        let site = try #require(SiteURL(server.site))
        let settings = ZulipSettings(site: site, email: FakeZulip.email, apiKey: Secret(apiKey), stream: "ops",
                                     topic: "backups", caFile: caFile)
        return ZulipClient(settings: settings, logger: Logger(level: .error), retryDelays: [0, 0], timeouts: timeouts)
    }

    static let content = "```\neverything is a-ok\ndate: 2024-10-18 (UTC)\n+---+\n| ü & = + |\n```"

    @Test("a message is posted with basic auth and exactly Zulip's form fields")
    func delivered() throws {
        let server = try FakeZulip()
        try Self.client(server).post(content: Self.content)
        let requests = server.requests
        try #require(requests.count == 1)
        let request = requests[0]
        #expect(request.method == "POST")
        #expect(request.path == "/api/v1/messages")
        #expect(request.form == ["type": "stream", "to": "ops", "topic": "backups", "content": Self.content])
        #expect(request.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(body == "type=stream&to=ops&topic=backups&content="
                + "%60%60%60%0Aeverything+is+a-ok%0Adate%3A+2024-10-18+%28UTC%29%0A%2B---%2B%0A%7C+%C3%BC+%26+%3D+%2B+%7C%0A%60%60%60")
    }

    @Test("over HTTPS the certificate must chain to the given CA and name the host")
    func https() throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let server = try FakeZulip(tls: material)
        try Self.client(server, caFile: material.caFile).post(content: "hello")
        #expect(server.requests.first?.form["content"] == "hello")
        // Without the private CA the certificate is not trusted: refused at once, not retried.
        #expect {
            try Self.client(server).post(content: "hello")
        } throws: { error in
            guard case let .delivery(text) = error as? CheckerError else { return false }
            return text.contains("certificate is not trusted")
        }
        #expect(server.requests.count == 1)
    }

    @Test("a 500 is retried and the next 200 delivers")
    func retryAfter500() throws {
        let server = try FakeZulip(script: [.respond(500, #"{"result":"error","msg":"Internal server error","code":"BAD_REQUEST"}"#), .zulip])
        try Self.client(server).post(content: "x")
        #expect(server.requests.count == 2)
    }

    @Test("a connection closed without an answer is retried")
    func retryAfterClose() throws {
        let server = try FakeZulip(script: [.close, .zulipChunked])
        try Self.client(server).post(content: "x")
        #expect(server.requests.count == 2)
    }

    @Test("repeated 5xx give up after the retries with Zulip's message")
    func repeated500() throws {
        let server = try FakeZulip(script: [.respond(503, #"{"result":"error","msg":"Service unavailable","code":"BAD_REQUEST"}"#)])
        #expect {
            try Self.client(server).post(content: "x")
        } throws: { error in
            guard case let .delivery(text) = error as? CheckerError else { return false }
            return text.contains("HTTP 503") && text.contains("Service unavailable")
        }
        #expect(server.requests.count == 3)
    }

    @Test("a 401 is not retried and its error body is in the message, without the key")
    func unauthorized() throws {
        let server = try FakeZulip()
        #expect {
            try Self.client(server, apiKey: "wrong-Key-4711").post(content: "x")
        } throws: { error in
            guard case let .delivery(text) = error as? CheckerError else { return false }
            return text.contains("HTTP 401") && text.contains("Invalid API key") && text.contains("INVALID_API_KEY")
                && !text.contains("wrong-Key-4711")
        }
        #expect(server.requests.count == 1)
    }

    @Test("an answer that is not JSON is a clear error")
    func notJSON() throws {
        let server = try FakeZulip(script: [.respond(200, "<html>proxy login</html>")])
        #expect {
            try Self.client(server).post(content: "x")
        } throws: { error in
            guard case let .delivery(text) = error as? CheckerError else { return false }
            return text.contains("not JSON")
        }
    }

    @Test("a server that never answers is a timeout, retried, then an error")
    func timeout() throws {
        let server = try FakeZulip(script: [.hang])
        #expect {
            try Self.client(server, timeouts: Timeouts(connect: 1, read: 0.3, write: 1)).post(content: "x")
        } throws: { error in
            guard case let .delivery(text) = error as? CheckerError else { return false }
            return text.contains("timed out")
        }
        #expect(server.requests.count == 3)
    }

    @Test("connection refused is retried, then an error")
    func refused() throws {
        let server = try FakeZulip()
        let client = try Self.client(server)
        server.stop()
        #expect {
            try client.post(content: "x")
        } throws: { error in
            guard case let .delivery(text) = error as? CheckerError else { return false }
            return text.contains("cannot reach Zulip")
        }
    }

    @Test("users/me names the bot without posting")
    func me() throws {
        let server = try FakeZulip()
        let bot = try Self.client(server).me()
        #expect(bot.name == "Backup")
        #expect(server.requests.map(\.path) == ["/api/v1/users/me"])
        #expect(server.requests.first?.method == "GET")
    }
}
