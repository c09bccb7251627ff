import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// Telegram, ntfy and the JSON webhook against loopback stand-ins of their documented APIs.
@Suite("Push services")
struct PushServiceTests {
    static func telegram(_ server: FakeService, chat: String = String(FakeTelegram.chat),
                         retry: RetryPolicy = RetryPolicy(delays: [])) throws -> TelegramClient {
        guard case let .telegram(url) = try Parsed.url("tgram://\(FakeTelegram.token)/\(chat)") else { throw TestFailure("not Telegram") }
        return TelegramClient(url: url, options: Parsed.options(retry), base: try Parsed.site(server))
    }

    @Test("Telegram: sendMessage with the report as escaped HTML <pre>, the chat id as a number")
    func telegramSends() throws {
        let server = try FakeTelegram.make()
        try Self.telegram(server).send(Parsed.message)
        let body = try #require(server.jsonBodies(path: "/bot\(FakeTelegram.token)/sendMessage").first)
        #expect(body["chat_id"] as? Int64 == FakeTelegram.chat)
        #expect(body["parse_mode"] as? String == "HTML")
        #expect(body["text"] as? String == "<pre>something went wrong\n&lt;b&gt; &amp; &#39;x&#39; ü</pre>")
    }

    @Test("Telegram: a 429 carries parameters.retry_after, and the retry honours it")
    func telegramFlood() throws {
        let server = try FakeTelegram.make(script: [FakeTelegram.floodLimited(retryAfter: 3)])
        #expect {
            try Self.telegram(server).send(Parsed.message)
        } throws: { error in
            (error as? DeliveryError)?.refusal.map { $0.status == 429 && $0.retryAfter == 3 } ?? false
        }
        let again = try FakeTelegram.make(script: [FakeTelegram.floodLimited(retryAfter: 0), .service])
        let log = RetryLog()
        try Self.telegram(again, retry: log.policy(maxRetryAfter: 30)).send(Parsed.message)
        #expect(again.requests.count == 2 && log.all.count == 1)
    }

    @Test("Telegram: doctor calls getMe and getChat; an unknown chat is Telegram's 400")
    func telegramCheck() throws {
        let server = try FakeTelegram.make()
        let found = try Self.telegram(server).check()
        #expect(found.contains("@backup_check_bot") && found.contains("\"Ops\""))
        #expect(server.requests.map { $0.path.split(separator: "/").last.map(String.init) } == ["getMe", "getChat"])
        #expect {
            try Self.telegram(server, chat: "42").check()
        } throws: { error in
            (error as? DeliveryError)?.refusal.map { $0.status == 400 && $0.message == "Bad Request: chat not found" } ?? false
        }
    }

    @Test("Telegram: the token never appears in an error")
    func telegramTokenHidden() throws {
        let server = try FakeTelegram.make(script: [.respond(502, [], "bad gateway")])
        do {
            try Self.telegram(server).send(Parsed.message)
            Issue.record("delivered")
        } catch {
            #expect(!"\(error)".contains("AAHsecret"))
        }
    }

    static func ntfy(_ text: String, cloud: FakeService? = nil) throws -> NtfyClient {
        guard case let .ntfy(url) = try Parsed.url(text) else { throw TestFailure("not ntfy") }
        if let cloud { return NtfyClient(url: url, options: Parsed.options(), cloudBase: try Parsed.site(cloud)) }
        return NtfyClient(url: url, options: Parsed.options())
    }

    @Test("ntfy: JSON publish with topic, title and message; basic auth, a token, priority and tags")
    func ntfyPublishes() throws {
        let server = try FakeNtfy.make(requireLogin: true)
        let user = FakeNtfy.user, password = "ntfy%20secret"
        try Self.ntfy("ntfy://\(user):\(password)@127.0.0.1:\(server.port)/backups?priority=high&tags=warning,skull")
            .send(Parsed.message)
        try Self.ntfy("ntfy://127.0.0.1:\(server.port)/backups?token=\(FakeNtfy.token)").send(Parsed.message)
        let requests = server.requests
        try #require(requests.count == 2)
        let body = try #require(FakeService.body(requests[0]))
        #expect(body["topic"] as? String == "backups")
        #expect(body["title"] as? String == Parsed.message.title)
        #expect(body["message"] as? String == Parsed.message.text)
        #expect(requests[0].headers["authorization"] == "Basic " + Data("phil:ntfy secret".utf8).base64EncodedString())
        #expect(requests[0].headers["x-priority"] == "high" && requests[0].headers["x-tags"] == "warning,skull")
        #expect(requests[1].headers["authorization"] == "Bearer " + FakeNtfy.token)
    }

    @Test("ntfy: a missing login is ntfy's 401 JSON error; ntfy://topic goes to the cloud base")
    func ntfyErrorsAndCloud() throws {
        let server = try FakeNtfy.make(requireLogin: true)
        #expect {
            try Self.ntfy("ntfy://127.0.0.1:\(server.port)/backups").send(Parsed.message)
        } throws: { error in
            (error as? DeliveryError)?.refusal.map { $0.status == 401 && $0.message == "unauthorized" && $0.code == "40101" } ?? false
        }
        let cloud = try FakeNtfy.make()
        let client = try Self.ntfy("ntfy://backups-7f3a", cloud: cloud)
        try client.send(Parsed.message)
        #expect(FakeService.body(cloud.requests[0])?["topic"] as? String == "backups-7f3a")
        #expect(try client.check().contains("healthy"))
    }

    @Test("JSON webhook: apprise's document (version, title, message, attachments, type) with basic auth")
    func jsonWebhook() throws {
        let server = try FakeService { _ in (200, [], "") }
        guard case let .json(url) = try Parsed.url("json://hook:p%40ss@127.0.0.1:\(server.port)/notify/backups") else {
            throw TestFailure("not JSON")
        }
        try JSONWebhookClient(url: url, options: Parsed.options()).send(Parsed.message)
        let request = try #require(server.requests.first)
        #expect(request.path == "/notify/backups")
        #expect(request.headers["authorization"] == "Basic " + Data("hook:p@ss".utf8).base64EncodedString())
        let body = try #require(FakeService.body(request))
        #expect(body["version"] as? String == "1.0")
        #expect(body["title"] as? String == Parsed.message.title)
        #expect(body["message"] as? String == Parsed.message.text)
        #expect(body["type"] as? String == "failure")
        #expect((body["attachments"] as? [Any])?.isEmpty == true)
    }
}
