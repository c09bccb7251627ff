import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// The Zulip client against a Zulip-like server on loopback.
@Suite("Zulip client")
struct ZulipClientTests {
    static func client(_ server: FakeZulip, caFile: String? = nil, apiKey: String = FakeZulip.apiKey,
                       timeout: Double = 2, channel: String = "ops") throws -> ZulipClient {
        let site = try #require(SiteURL(server.site))
        let destination = ZulipDestination(site: site, email: FakeZulip.email, apiKey: Secret(apiKey), channel: channel,
                                           topic: "backups", caFile: caFile, timeout: timeout)
        return ZulipClient(destination: destination, retry: RetryPolicy(delays: [0, 0]))
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

    @Test("over HTTPS the certificate must chain to the given CA and name the host; untrusted is not retried")
    func https() throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let server = try FakeZulip(tls: material)
        try Self.client(server, caFile: material.caFile).post(content: "hello")
        #expect(server.requests.first?.form["content"] == "hello")
        #expect {
            try Self.client(server, caFile: material.otherCAFile).post(content: "hello")
        } throws: { error in
            guard case let .untrustedCertificate(reason) = (error as? DeliveryError)?.problem else { return false }
            return reason.contains("unable to get local issuer certificate")
        }
        #expect(server.requests.count == 1)
    }

    @Test("a 500 is retried and the next 200 delivers")
    func retryAfter500() throws {
        let server = try FakeZulip(script: [.respond(500, #"{"result":"error","msg":"Internal server error","code":"BAD_REQUEST"}"#), .zulip])
        try Self.client(server).post(content: "x")
        #expect(server.requests.count == 2)
    }

    @Test("a 429 is retried after Zulip's Retry-After")
    func rateLimited() throws {
        let server = try FakeZulip(script: [.rateLimited(retryAfter: 0.2), .zulip])
        let stopwatch = Stopwatch()
        try Self.client(server).post(content: "x")
        #expect(server.requests.count == 2)
        #expect(stopwatch.seconds >= 0.2)
    }

    @Test("a request sent and then answered by a closed connection is not sent again: delivery is unknown")
    func closedAfterSending() throws {
        let server = try FakeZulip(script: [.close, .zulip])
        #expect {
            try Self.client(server).post(content: "x")
        } throws: { error in
            guard case .deliveryUnknown = (error as? DeliveryError)?.problem else { return false }
            return "\(error)".contains("whether it arrived is unknown")
        }
        #expect(server.requests.count == 1)
    }

    @Test("repeated 5xx give up after the retries with Zulip's message")
    func repeated500() throws {
        let server = try FakeZulip(script: [.respond(503, #"{"result":"error","msg":"Service unavailable","code":"BAD_REQUEST"}"#)])
        #expect(throws: DeliveryError(service: "Zulip", site: server.site, problem: .rejected(
            status: 503, message: "Service unavailable", code: "BAD_REQUEST", retryAfter: nil))) {
            try Self.client(server).post(content: "x")
        }
        #expect(server.requests.count == 3)
    }

    @Test("a 401 is not retried and its error body is in the message, without the key")
    func unauthorized() throws {
        let server = try FakeZulip()
        #expect {
            try Self.client(server, apiKey: "wrong-Key-4711").post(content: "x")
        } throws: { error in
            guard let error = error as? DeliveryError, case .rejected(401, "Invalid API key", "INVALID_API_KEY", nil) = error.problem else {
                return false
            }
            return !error.description.contains("wrong-Key-4711")
        }
        #expect(server.requests.count == 1)
    }

    @Test("an unknown channel is Zulip's STREAM_DOES_NOT_EXIST, not retried")
    func unknownChannel() throws {
        let server = try FakeZulip()
        #expect {
            try Self.client(server, channel: "no-such-channel").post(content: "x")
        } throws: { error in
            guard case .rejected(400, _, "STREAM_DOES_NOT_EXIST", _) = (error as? DeliveryError)?.problem else { return false }
            return true
        }
        #expect(server.requests.count == 1)
    }

    @Test("an answer that is not JSON is a clear error")
    func notJSON() throws {
        let server = try FakeZulip(script: [.respond(200, "<html>proxy login</html>")])
        #expect(throws: DeliveryError(service: "Zulip", site: server.site,
                                      problem: .unexpectedAnswer(status: 200, detail: "a body that is not JSON"))) {
            try Self.client(server).post(content: "x")
        }
    }

    @Test("a server that never answers is a timeout, not sent again: delivery is unknown")
    func neverAnswers() throws {
        let server = try FakeZulip(script: [.hang])
        #expect {
            try Self.client(server, timeout: 0.5).post(content: "x")
        } throws: { error in
            guard case .deliveryUnknown(.receive(.timeout(_, 0.5))) = (error as? DeliveryError)?.problem else { return false }
            return true
        }
        #expect(server.requests.count == 1)
    }

    @Test("an answer dripping a byte at a time is cut at the request's whole timeout")
    func drip() throws {
        let server = try FakeZulip(script: [.zulipInPieces(piece: 1, pause: 0.2)])
        let stopwatch = Stopwatch()
        #expect {
            try Self.client(server, timeout: 1).post(content: "x")
        } throws: { error in
            guard case .deliveryUnknown(.receive(.timeout(_, 1))) = (error as? DeliveryError)?.problem else { return false }
            return true
        }
        let elapsed = stopwatch.seconds
        #expect(elapsed < 1.8, "took \(elapsed) s")
        #expect(server.requests.count == 1)
    }

    @Test("connection refused is retried, then an error")
    func refused() throws {
        let closed = try #require(refusingLoopbackPort())
        defer { close(closed.fd) }
        let destination = ZulipDestination(site: try #require(SiteURL("http://127.0.0.1:\(closed.port)")),
                                           email: FakeZulip.email, apiKey: Secret(FakeZulip.apiKey), channel: "ops", topic: "t",
                                           timeout: 2)
        let client = ZulipClient(destination: destination, retry: RetryPolicy(delays: [0, 0]))
        #expect {
            try client.post(content: "x")
        } throws: { error in
            guard case .unreachable(.connect(.connect(_, .errno(ECONNREFUSED)))) = (error as? DeliveryError)?.problem else {
                return false
            }
            return "\(error)".contains("cannot reach Zulip")
        }
    }

    @Test("a credential never goes over plain http beyond loopback; nothing is sent")
    func plainHTTP() throws {
        let destination = ZulipDestination(site: try #require(SiteURL("http://zulip.example.org")), email: FakeZulip.email,
                                           apiKey: "key", channel: "ops", topic: "t", timeout: 1)
        #expect(throws: DeliveryError(service: "Zulip", site: "http://zulip.example.org", problem: .insecureSite)) {
            try ZulipClient(destination: destination, retry: RetryPolicy(delays: [])).post(content: "x")
        }
    }

    @Test("users/me names the bot without posting")
    func me() throws {
        let server = try FakeZulip()
        let bot = try Self.client(server).me()
        #expect(bot == ZulipBot(fullName: "Backup", email: FakeZulip.email))
        #expect(server.requests.map(\.path) == ["/api/v1/users/me"])
        #expect(server.requests.first?.method == "GET")
    }

    @Test("the server's max_message_length comes from register, whose queue is deleted again")
    func maxMessageLength() throws {
        let server = try FakeZulip(maxMessageLength: 2_500)
        #expect(try Self.client(server).maxMessageLength() == 2_500)
        #expect(server.requests.map(\.method) == ["POST", "DELETE"])
        #expect(server.requests.first?.form["fetch_event_types"] == "[\"realm\"]")
        #expect(server.requests.last?.path == "/api/v1/events?queue_id=fb67bf8a-c031-47cc-84cf-ed80accacda8")
    }
}
