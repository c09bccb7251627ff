import Testing
import Transport
@testable import Notify

@Suite("Apprise URLs")
struct AppriseURLTests {
    @Test("the generic form: scheme, user, password, host, port, path and query, percent-decoded")
    func generic() throws {
        let url = try AppriseURL("MMOSTS://bot%40x:p%3Ass@chat.example.org:8443/a/%23b//c?To=%23one,two&Image=No&plus=a+b")
        #expect(url.scheme == "mmosts")
        #expect(url.user == "bot@x")
        #expect(url.password == "p:ss")
        #expect(url.host == "chat.example.org")
        #expect(url.port == 8443)
        #expect(url.path == ["a", "#b", "c"])
        #expect(url.query == ["to": "#one,two", "image": "No", "plus": "a+b"])
        #expect(url.list("to") == ["#one", "two"])
        #expect(url.flag("image", default: true) == false)
    }

    @Test("an IPv6 host in brackets, a # in the path as apprise keeps it, an invalid escape left as is")
    func details() throws {
        let url = try AppriseURL("json://[::1]:8080/hook/#room%zz")
        #expect(url.host == "::1")
        #expect(url.port == 8080)
        #expect(url.path == ["hook", "#room%zz"])
    }

    @Test("what is not an apprise URL is refused by case", arguments: [
        ("not a url", AppriseURL.Problem.notAURL),
        ("json://host:99999/x", .badPort),
        ("json://host:port/x", .badPort),
        ("json://a@b@host/x", .twoAts),
        ("json://host/x%0Ay", .controlCharacter),
        // An unclosed or stray bracket is no host (it was read as host "[:" and port 1).
        ("mailto://u:pw@[::1/?to=a@b", .badHost),
        ("json://[]/x", .badHost),
        ("json://[::1]x/x", .badPort),
        ("json://ho]st/x", .badHost),
        // Brackets that only an IPv6 address may wear, and brackets written percent-encoded.
        ("json://[foo]/x", .badHost),
        ("json://ho%5Dst/x", .badHost),
        ("mailto://u:pw@%5B::1%5D:25?to=a@b", .badHost),
    ])
    func refused(text: String, problem: AppriseURL.Problem) {
        #expect(throws: problem) { try AppriseURL(text) }
    }

    @Test("notify_urls is split at spaces and commas before the next scheme://, not inside a URL")
    func list() {
        #expect(NotifyURLList.split(" mailto://u:p@h?to=a@x,b@y, slack://A/B/C ,json://h/p\n ntfy://t ") ==
            ["mailto://u:p@h?to=a@x,b@y", "slack://A/B/C", "json://h/p", "ntfy://t"])
        #expect(NotifyURLList.split("junk json://h") == ["junk", "json://h"])
    }

    @Test("white space always ends an entry: a mistyped URL after it is an entry of its own, never glued to the URL before")
    func listNeverGlues() {
        // apprise would read these as one URL and send the second's secret to the first's host.
        #expect(NotifyURLList.split("json://h/hook mailto:/u:pw@h?to=a@b") == ["json://h/hook", "mailto:/u:pw@h?to=a@b"])
        #expect(NotifyURLList.split("json://h/hook slack:/TA/TB/TC") == ["json://h/hook", "slack:/TA/TB/TC"])
        #expect(NotifyURLList.split("json://h/hook, bogus") == ["json://h/hook", "bogus"])
        #expect(NotifyURLList.split("json://h/hook,bogus") == ["json://h/hook,bogus"])
        #expect(NotifyURLList.split(",,, , ").isEmpty)
    }

    @Test("a credential over plain text beyond loopback is refused; loopback is allowed")
    func plainText() throws {
        #expect(throws: DestinationURLError.credentialOverPlainText(service: "Mattermost", host: "chat.example.org")) {
            try DestinationURL.parse("mmost://chat.example.org/token")
        }
        #expect(throws: DestinationURLError.credentialOverPlainText(service: "Matrix", host: "m.example.org")) {
            try DestinationURL.parse("matrix://u:p@m.example.org/#room")
        }
        #expect(throws: DestinationURLError.credentialOverPlainText(service: "JSON webhook", host: "h.example.org")) {
            try DestinationURL.parse("json://u:p@h.example.org/x")
        }
        #expect(throws: DestinationURLError.credentialOverPlainText(service: "ntfy", host: "n.example.org")) {
            try DestinationURL.parse("ntfy://u:p@n.example.org/topic")
        }
        guard case .mattermost = try DestinationURL.parse("mmost://127.0.0.1:8065/token") else {
            Issue.record("not Mattermost")
            return
        }
        guard case .json = try DestinationURL.parse("json://h.example.org/x") else {
            Issue.record("not JSON")
            return
        }
    }

    @Test("no error repeats any part of the URL but the scheme and, for plain text, the host; each names its rule's case",
          arguments: [
              ("slack://SECRETA/SECRETB", DestinationURLError.malformed(service: "Slack", .slackTokenCount)),
              ("slack://xoxb-SECRET/x/y", .malformed(service: "Slack", .slackBotToken)),
              ("slack://SE.CRET/B/C", .malformed(service: "Slack", .badSlackToken)),
              ("tgram://123:SECRET", .malformed(service: "Telegram", .noTelegramChat)),
              ("tgram://123:SECRET/SECRET!", .malformed(service: "Telegram", .badTelegramChat)),
              ("discord://SECRET", .malformed(service: "Discord", .noDiscordWebhook)),
              ("discord://SE-CRET/tok", .malformed(service: "Discord", .badDiscordWebhook)),
              ("matrixs://SECRET@host", .malformed(service: "Matrix", .noMatrixRoom)),
              ("matrixs://SECRET@host/#room?msgtype=SECRET", .malformed(service: "Matrix", .badMatrixMessageType)),
              ("zulip://SECRET@org", .malformed(service: "Zulip", .noZulipKey)),
              ("zulip://SECRET@org/key", .malformed(service: "Zulip", .noZulipStream)),
              ("mmosts://host", .malformed(service: "Mattermost", .noMattermostToken)),
              ("ntfys://SE.CRET", .malformed(service: "ntfy", .badTopic)),
              ("mailtos://:SECRET@host", .malformed(service: "e-mail", .noRecipient)),
              ("nope://SECRET@host/SECRET", .unknownService(scheme: "nope")),
              ("json://h/x?method=GET&k=SECRET", .malformed(service: "JSON webhook", .methodNotPOST)),
              ("json://SECRET@h:99999/x", .malformed(service: nil, .badPort)),
              ("json://a@b@SECRET/x", .malformed(service: nil, .twoAts)),
          ])
    func errorsNeverShowSecrets(text: String, expected: DestinationURLError) {
        do {
            _ = try DestinationURL.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error == expected)
            #expect(!error.description.contains("SECRET"))
        }
    }

    @Test("the words of a broken rule are written once, by the problem's case")
    func problemWords() {
        #expect(DestinationURLError.malformed(service: nil, .tooLong(limit: 4096)).description == "it is longer than 4096 bytes")
        #expect(DestinationURLError.malformed(service: "ntfy", .badTopic).description == "a topic holds up to 64 letters, digits, - and _")
    }
}
