import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// Slack, Mattermost and Discord webhooks against loopback stand-ins of their documented APIs.
@Suite("Chat webhooks")
struct ChatWebhookTests {
    static func slack(_ text: String, _ server: FakeService, retry: RetryPolicy = RetryPolicy(delays: [])) throws -> SlackClient {
        guard case let .slack(url) = try Parsed.url(text) else { throw TestFailure("not Slack") }
        return SlackClient(url: url, options: Parsed.options(retry), base: try Parsed.site(server))
    }

    @Test("Slack: the report in a code block as JSON text, to the webhook's path, once per channel")
    func slackPosts() throws {
        let server = try FakeSlack.make()
        let client = try Self.slack(FakeSlack.appriseURL + "/#ops/+C024BE91L?to=@alice", server)
        try client.send(Parsed.message)
        let bodies = server.jsonBodies(path: FakeSlack.path)
        #expect(bodies.count == 3)
        #expect(bodies.compactMap { $0["channel"] as? String } == ["#ops", "C024BE91L", "@alice"])
        #expect(bodies.allSatisfy { $0["text"] as? String == "```\n" + Parsed.message.text + "\n```" })
        #expect(client.name == "Slack (127.0.0.1)")
    }

    @Test("Slack: invalid_token (403) is refused, named, and not sent again")
    func slackInvalidToken() throws {
        let server = try FakeSlack.make()
        let log = RetryLog()
        let client = try Self.slack("slack://T0001AAAA/B0002BBBB/wrongtoken", server, retry: log.policy())
        #expect {
            try client.send(Parsed.message)
        } throws: { error in
            (error as? DeliveryError)?.refusal.map { $0.status == 403 && $0.message == "invalid_token" } ?? false
        }
        #expect(server.requests.count == 1 && log.all.isEmpty)
    }

    @Test("Slack: channel_not_found (404) and a 500 that is retried once and then delivered")
    func slackErrors() throws {
        let server = try FakeSlack.make(script: [.respond(500, [], "rollup_error"), .service])
        let log = RetryLog()
        try Self.slack(FakeSlack.appriseURL, server, retry: log.policy()).send(Parsed.message)
        #expect(server.requests.count == 2 && log.all.count == 1)
        let missing = try Self.slack(FakeSlack.appriseURL + "/#nowhere", try FakeSlack.make())
        #expect {
            try missing.send(Parsed.message)
        } throws: { error in
            (error as? DeliveryError)?.refusal.map { $0.status == 404 && $0.message == "channel_not_found" } ?? false
        }
    }

    static func mattermost(_ text: String, retry: RetryPolicy = RetryPolicy(delays: [])) throws -> MattermostClient {
        guard case let .mattermost(url) = try Parsed.url(text) else { throw TestFailure("not Mattermost") }
        return MattermostClient(url: url, options: Parsed.options(retry))
    }

    @Test("Mattermost: JSON text to /hooks/{token} below the URL's prefix, with the channel and bot name")
    func mattermostPosts() throws {
        let server = try FakeMattermost.make()
        try Self.mattermost("mmost://backups@127.0.0.1:\(server.port)/\(FakeMattermost.token)?channel=town-square")
            .send(Parsed.message)
        let body = try #require(server.jsonBodies(path: "/hooks/\(FakeMattermost.token)").first)
        #expect(body["text"] as? String == "```\n" + Parsed.message.text + "\n```")
        #expect(body["channel"] as? String == "town-square")
        #expect(body["username"] as? String == "backups")
    }

    @Test("Mattermost: an unknown token is refused with Mattermost's message and id")
    func mattermostInvalid() throws {
        let server = try FakeMattermost.make()
        let client = try Self.mattermost("mmost://127.0.0.1:\(server.port)/wrong")
        #expect {
            try client.send(Parsed.message)
        } throws: { error in
            (error as? DeliveryError)?.refusal.map {
                $0.status == 400 && $0.message == "Invalid webhook." && $0.code == "web.incoming_webhook.invalid.app_error"
            } ?? false
        }
    }

    static func discord(_ server: FakeService, token: String = FakeDiscord.token, retry: RetryPolicy = RetryPolicy(delays: []))
        throws -> DiscordClient {
        guard case let .discord(url) = try Parsed.url("discord://\(FakeDiscord.id)/\(token)") else { throw TestFailure("not Discord") }
        return DiscordClient(url: url, options: Parsed.options(retry), base: try Parsed.site(server))
    }

    @Test("Discord: JSON content in a code block, wait=true; a 429 is retried after Discord's retry_after")
    func discordRateLimit() throws {
        let server = try FakeDiscord.make(script: [FakeDiscord.rateLimited(retryAfter: 0.25), .service])
        let log = RetryLog()
        try Self.discord(server, retry: log.policy(maxRetryAfter: 30)).send(Parsed.message)
        #expect(server.requests.map(\.path) == Array(repeating: FakeDiscord.path + "?wait=true", count: 2))
        #expect(log.all.count == 1 && log.all[0].hasSuffix("retrying in 0.25 s"))
        #expect(server.jsonBodies(path: FakeDiscord.path).last?["content"] as? String == "```\n" + Parsed.message.text + "\n```")
    }

    @Test("Discord: doctor reads the webhook without posting; a wrong token is 401 code 50027")
    func discordCheck() throws {
        let server = try FakeDiscord.make()
        let found = try Self.discord(server).check()
        #expect(found.contains("\"backups\"") && found.contains("987654321"))
        #expect(server.requests.map(\.method) == ["GET"])
        let wrong = try Self.discord(server, token: "nope")
        #expect {
            try wrong.check()
        } throws: { error in
            (error as? DeliveryError)?.refusal.map { $0.status == 401 && $0.code == "50027" } ?? false
        }
    }

    @Test("Discord: a report fitted to 2,000 characters is accepted whole; the fence counts")
    func discordLimit() throws {
        let server = try FakeDiscord.make()
        let client = try Self.discord(server)
        let text = String(repeating: "x", count: 2_000 - 8)
        #expect(client.size(of: text) == 2_000)
        try client.send(NotifyMessage(title: "t", text: text, severity: .info))
        #expect {
            try client.send(NotifyMessage(title: "t", text: text + "x", severity: .info))
        } throws: { error in
            (error as? DeliveryError)?.refusal.map { $0.status == 400 && $0.code == "50035" } ?? false
        }
    }

    @Test("zulip://: the bot, key, stream and topic from the URL, over https trusted through notify_tls_ca")
    func zulipURL() throws {
        let directory = try TemporaryDirectory()
        let material = try TLSMaterial.make(in: directory.url)
        let server = try FakeZulip(tls: material)
        let text = "zulip://backup-bot%40zulip.example.org@127.0.0.1:\(server.port)/\(FakeZulip.apiKey)/ops/daily%20backups"
        guard case let .zulip(url) = try Parsed.url(text) else { throw TestFailure("not Zulip") }
        #expect(url.email == FakeZulip.email && url.site.description == "https://127.0.0.1:\(server.port)")
        let untrusted = ZulipURLClient(url: url, options: Parsed.options())
        #expect {
            try untrusted.send(Parsed.message)
        } throws: { error in
            if case .untrustedCertificate = (error as? DeliveryError)?.problem { return true }
            return false
        }
        try ZulipURLClient(url: url, options: Parsed.options(extraCAFile: material.caFile)).send(Parsed.message)
        let posted = try #require(server.requests.last)
        #expect(posted.form["to"] == "ops" && posted.form["topic"] == "daily backups")
        #expect(posted.form["content"] == "```\n" + Parsed.message.text + "\n```")
        guard case let .zulip(untitled) = try Parsed.url("zulip://backup@acme/KEY/ops") else { throw TestFailure("not Zulip") }
        #expect(untitled.topic == nil && untitled.email == "backup-bot@acme.zulipchat.com")
    }
}
