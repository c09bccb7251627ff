import Foundation
import Testing
import TestSupport
import Transport
@testable import Notify

/// apprise itself is the anchor: each URL is read by apprise (Tests/Apprise/parse.py, in the
/// venv of scripts/apprise-venv) and by the checker, and both must give the same service, host,
/// port, user, targets and options, or both refuse it — except where the checker deliberately
/// differs, and then the test checks that it does, for the reason the README gives.
@Suite("apprise's reading of URLs")
struct AppriseComparisonTests {
    enum Expected: Sendable {
        case same
        /// apprise takes it; the checker refuses it (the README says why).
        case checkerRefuses(String)
        /// Both take it and read it differently (the README says why).
        case differs(String)
    }

    static let zulipKey = "abcdefghijklmnopqrstuvwxyz012345"

    static let table: [(String, Expected)] = [
        ("slack://T1AAAA/B2BBBB/C3CCCCCCCC", .same),
        ("slack://T1AAAA/B2BBBB/C3CCCCCCCC/#general", .same),
        ("slack://bot@T1AAAA/B2BBBB/C3CCCCCCCC/#ops/@alice/+C024BE91L", .same),
        ("slack://T1AAAA/B2BBBB/C3CCCCCCCC/general?to=%23dev", .same),
        ("slack://T1AAAA/B2BBBB", .same),
        ("slack://xoxb-1234-5678-abcdefghij/#general", .checkerRefuses("Slack bot tokens: webhooks only")),
        ("mmosts://chat.example.org/tokenabc", .same),
        ("mmosts://chat.example.org:8443/tokenabc", .same),
        ("mmosts://bot@chat.example.org/sub/path/tokenabc?channel=town-square", .same),
        ("mmost://127.0.0.1:8065/tokenabc", .same),
        ("mmost://chat.example.org/tokenabc", .checkerRefuses("the token over plain http beyond loopback")),
        ("mmosts://chat.example.org", .same),
        ("discord://123456789/abcDEF_-token", .same),
        ("discord://123456789/abcDEF_-token?botname=Backups", .same),
        ("discord://123456789", .same),
        ("tgram://123456789:ABCdef_ghi/-1001234567890", .same),
        ("tgram://bot123456789:ABCdef_ghi/-100123/@mychannel", .same),
        ("tgram://123456789:ABCdef_ghi/?to=-100123,-100456", .same),
        ("tgram://123456789:ABCdef_ghi", .checkerRefuses("no chat id (apprise looks one up in the bot's updates)")),
        ("tgram://notatoken/123", .same),
        ("matrixs://user:pass@matrix.example.org/#ops", .same),
        ("matrixs://user:pass@matrix.example.org:8448/#ops:example.org/!abc123:example.org", .same),
        ("matrixs://user:pass@matrix.example.org/ops", .same),
        ("matrixs://syt_token123@matrix.example.org/#ops", .same),
        ("matrixs://matrix.example.org/#ops?token=syt_abc", .same),
        ("matrix://user:pass@127.0.0.1:8008/#ops", .same),
        ("matrix://user:pass@matrix.example.org/#ops", .checkerRefuses("the password over plain http beyond loopback")),
        ("matrixs://user:pass@matrix.example.org/#ops?msgtype=notice", .same),
        ("matrixs://user:pass@matrix.example.org", .checkerRefuses("no room (apprise's t2bot and hookshot webhooks)")),
        ("ntfy://mytopic", .same),
        ("ntfy://ntfy.sh/mytopic", .differs("ntfy.sh as the host is ntfy.sh over https; apprise posts to it over plain http")),
        ("ntfys://ntfy.example.org/alerts", .same),
        ("ntfys://user:pass@ntfy.example.org:8443/alerts/backups", .same),
        ("ntfys://ntfy.example.org/alerts?token=tk_abcdef", .same),
        ("ntfys://tk_abcdef@ntfy.example.org/alerts", .same),
        ("ntfys://ntfy.example.org/alerts?priority=high&tags=warning,skull", .same),
        ("ntfy://user:pass@ntfy.example.org/alerts", .checkerRefuses("the password over plain http beyond loopback")),
        ("ntfy://127.0.0.1:8080/alerts", .same),
        ("json://hooks.example.org/notify", .same),
        ("jsons://user:pass@hooks.example.org:8443/a/b", .same),
        ("json://127.0.0.1:9000", .same),
        ("json://user:pass@hooks.example.org/x", .checkerRefuses("the password over plain http beyond loopback")),
        ("jsons://hooks.example.org/notify?method=PUT", .checkerRefuses("only POST")),
        ("zulip://backup@zulip.example.org/\(zulipKey)/ops", .same),
        ("zulip://backup@acme/\(zulipKey)/ops", .same),
        ("zulip://backup@zulip.example.org/\(zulipKey)/ops/daily", .differs("the second segment is the topic, not a second stream")),
        ("nope://host/path", .same),
    ]

    /// What apprise reads, one JSON document per URL.
    static func apprise(_ urls: [String]) throws -> [[String: Any]] {
        let python = try #require(ProcessInfo.processInfo.environment["BC_APPRISE_PYTHON"],
                                  "BC_APPRISE_PYTHON is not set: run the tests with scripts/test, which makes apprise's venv")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Apprise/parse.py").path
        let result = try runProgram(python, [script] + urls)
        try #require(result.status == 0, "parse.py failed")
        return try result.output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    /// The checker's reading, in the same terms as parse.py's.
    static func checker(_ text: String) -> [String: Any] {
        guard let url = try? DestinationURL.parse(text) else { return ["refused": true] }
        func port(_ site: SiteURL) -> Any { site.port == (site.isTLS ? 443 : 80) ? NSNull() : Int(site.port) }
        func user(_ name: String?) -> Any { name ?? NSNull() }
        switch url {
        case let .slack(slack):
            return ["service": "slack", "host": "hooks.slack.com", "port": NSNull(), "user": user(slack.botname),
                    "targets": slack.channels.sorted(),
                    "options": ["tokens": [slack.tokenA, slack.tokenB, slack.tokenC].map { $0.reveal() }.joined(separator: "/")]]
        case let .mattermost(hook):
            return ["service": "mattermost", "host": hook.site.host, "port": port(hook.site), "user": user(hook.botname),
                    "targets": hook.channels.sorted(),
                    "options": ["secure": hook.site.isTLS, "token": hook.token.reveal(), "prefix": hook.site.path]]
        case let .discord(hook):
            return ["service": "discord", "host": "discord.com", "port": NSNull(), "user": user(hook.botname), "targets": [String](),
                    "options": ["webhook": hook.webhookID + "/" + hook.token.reveal()]]
        case let .telegram(bot):
            return ["service": "telegram", "host": "api.telegram.org", "port": NSNull(), "user": NSNull(),
                    "targets": bot.chats.sorted(), "options": ["bot_token": bot.botToken.reveal()]]
        case let .matrix(matrix):
            let (login, name, secret): (String, String?, String) = switch matrix.login {
            case let .password(user, password): ("password", user, password.reveal())
            case let .token(token): ("token", nil, token.reveal())
            }
            return ["service": "matrix", "host": matrix.site.host, "port": port(matrix.site), "user": user(name),
                    "targets": matrix.rooms.sorted(),
                    "options": ["secure": matrix.site.isTLS, "login": login, "secret": secret, "msgtype": matrix.messageType]]
        case let .ntfy(ntfy):
            var options: [String: Any] = ["cloud": ntfy.site == nil]
            var name: String?
            switch ntfy.auth {
            case .none: options["auth"] = "none"
            case let .basic(user, _): options["auth"] = "basic"; name = user
            case .token: options["auth"] = "token"
            }
            if let site = ntfy.site { options["secure"] = site.isTLS }
            if let priority = ntfy.priority { options["priority"] = priority }
            if !ntfy.tags.isEmpty { options["tags"] = ntfy.tags.sorted() }
            return ["service": "ntfy", "host": ntfy.site?.host ?? "ntfy.sh", "port": ntfy.site.map(port) ?? NSNull(),
                    "user": user(name), "targets": ntfy.topics.sorted(), "options": options]
        case let .json(hook):
            return ["service": "json", "host": hook.site.host, "port": port(hook.site), "user": user(hook.user),
                    "targets": [hook.site.path.isEmpty ? "/" : hook.site.path], "options": ["secure": hook.site.isTLS, "method": "POST"]]
        case let .zulip(zulip):
            var options = ["token": zulip.token.reveal()]
            if let topic = zulip.topic { options["topic"] = topic }
            return ["service": "zulip", "host": zulip.site.host, "port": NSNull(), "user": zulip.botname,
                    "targets": [zulip.stream], "options": options]
        case let .email(mail):
            return ["service": "email", "host": mail.host, "port": mail.port.map { Int($0) } ?? NSNull(), "user": user(mail.user),
                    "targets": mail.to.sorted(), "options": ["secure": mail.implicitTLS]]
        }
    }

    static func canonical(_ value: [String: Any]) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    @Test("at least 40 URLs: the same service, host, port, user, targets and options as apprise, or both refuse")
    func sameReading() throws {
        #expect(Self.table.count >= 40)
        let theirs = try Self.apprise(Self.table.map(\.0))
        try #require(theirs.count == Self.table.count)
        var rows = ["| URL | apprise | checker | |", "|---|---|---|---|"]
        for ((url, expected), apprise) in zip(Self.table, theirs) {
            let ours = Self.checker(url)
            let (a, c) = (Self.canonical(apprise), Self.canonical(ours))
            switch expected {
            case .same:
                #expect(a == c, "\(url)")
                rows.append("| `\(url)` | \(a) | same | |")
            case let .checkerRefuses(why):
                #expect(apprise["refused"] == nil && ours["refused"] as? Bool == true, "\(url)")
                rows.append("| `\(url)` | \(a) | refused | \(why) |")
            case let .differs(why):
                #expect(apprise["refused"] == nil && ours["refused"] == nil && a != c, "\(url)")
                rows.append("| `\(url)` | \(a) | \(c) | \(why) |")
            }
        }
        if let path = ProcessInfo.processInfo.environment["BC_APPRISE_TABLE"] {
            try (rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
